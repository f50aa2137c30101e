/**
 * Node's socket, DNS, TLS and fetch errors as the report's probe causes (src-shared/readiness/causes.ts), so the
 * user reads "Verbindung abgelehnt" or "Zertifikat nicht vertrauenswürdig" instead of "(TypeError)". fetch wraps
 * the socket error in `cause`; a port the fetch standard forbids (e.g. 9) only says "bad port" there.
 */
import type { ProbeCause } from '../../../src-shared/readiness/causes.js';

const BY_CODE: Record<string, ProbeCause> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ENETDOWN: 'unreachable',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  UND_ERR_SOCKET: 'reset',
  EACCES: 'forbidden',
  EPERM: 'forbidden',
  ERR_SOCKET_BAD_PORT: 'blocked-port',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls-certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls-certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls-certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'tls-certificate',
  CERT_HAS_EXPIRED: 'tls-certificate',
  CERT_NOT_YET_VALID: 'tls-certificate',
  CERT_REVOKED: 'tls-certificate',
  CERT_UNTRUSTED: 'tls-certificate',
  EPROTO: 'tls-handshake',
};

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

export function causeOf(error: unknown): ProbeCause {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 4; e = e.cause as ErrorLike | undefined, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const known = BY_CODE[code];
    if (known) return known;
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'tls-handshake';
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
    if (e.message === 'bad port') return 'blocked-port';
  }
  return 'other';
}

/**
 * Is the project's own server reachable from here? GET <server>/api/v1/health, a few times, for reachability and
 * round trip. The command line asks it next to the TURN probes (IT support passes the server with --server); the
 * app asks the server it is signed in to.
 */
import { serverEndpoint } from '../../../src-shared/http/server-endpoint.js';
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import type { ProbeCause } from '../../../src-shared/readiness/causes.js';
import { causeOf } from './socket-errors.js';

export interface ServerHealth {
  readonly reachable: boolean;
  readonly rttMs: number | null;
  /** The address asked, for the report. */
  readonly url: string;
  /** "HTTP <status>" or the cause, for the report's figures. */
  readonly detail: string;
  /** Why it is not reachable; null when it is. */
  readonly cause: ProbeCause | null;
}

export class InvalidServerUrlError extends Error {
  override readonly name = 'InvalidServerUrlError';
  constructor(url: string) {
    super(`„${url}“ ist keine Serveradresse. Erwartet wird z. B. https://beratungsraum.arbeitsagentur.example.`);
  }
}

export async function probeServer(serverUrl: string, attempts = 3, timeoutMs = 3_000, fetchImpl: typeof fetch = fetch): Promise<ServerHealth> {
  let base: URL;
  try {
    base = new URL(serverUrl);
  } catch {
    throw new InvalidServerUrlError(serverUrl);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new InvalidServerUrlError(serverUrl);
  const url = new URL(serverEndpoint(serverUrl, `${API_PREFIX}/health`));
  const rtts: number[] = [];
  let detail = '';
  let cause: ProbeCause | null = null;
  // One after the other, so each round trip is the server's and not a queue of our own requests.
  for (let i = 0; i < attempts; i++) {
    const began = performance.now();
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      await response.arrayBuffer();
      detail = `HTTP ${response.status}`;
      if (response.ok) rtts.push(performance.now() - began);
      else cause = 'http-error';
    } catch (error) {
      cause = causeOf(error);
      detail = cause;
    }
  }
  rtts.sort((a, b) => a - b);
  const reachable = rtts.length > 0;
  return { url: url.origin + base.pathname.replace(/\/$/, ''), reachable, rttMs: reachable ? (rtts[Math.floor((rtts.length - 1) / 2)] as number) : null, detail, cause: reachable ? null : cause };
}

/**
 * TURN URLs (RFC 7065) into what to probe: `turn:…?transport=udp` over UDP, `…?transport=tcp` over TCP, `turns:`
 * over TLS only — a deliberate TLS-only setup is judged as TLS and never probed over UDP. A `turn:` without a
 * transport means UDP to a browser; the command line probes TCP on that port too, since coturn serves both there
 * and a network that drops UDP needs the TCP fallback. Shared by the CLI's STUN probes and the app's relay check.
 */
import type { LinkTransport } from './rules.js';

export interface TurnTarget {
  readonly host: string;
  readonly port: number;
}

export interface ProbeTarget extends TurnTarget {
  readonly transport: LinkTransport;
  /** The URL as configured, for the report: IT support sees which address was tested. */
  readonly url: string;
}

export interface ParsedTurnUrl extends TurnTarget {
  readonly secure: boolean;
  readonly transport: 'udp' | 'tcp' | null;
}

/** Parses `turn:host:port?transport=udp` (and `turns:`, `stun:`, `stuns:`); default ports 3478, TLS 5349. */
export function parseTurnUrl(url: string): ParsedTurnUrl {
  const match = /^(turns?|stuns?):(\[[^\]]+\]|[^:?[\]]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i.exec(url.trim());
  const port = match?.[3] ? Number(match[3]) : null;
  if (!match || (port !== null && (port < 1 || port > 65_535))) throw new InvalidTurnUrlError(url);
  const secure = (match[1] as string).toLowerCase().endsWith('s');
  return {
    host: (match[2] as string).replace(/^\[|\]$/g, ''),
    port: port ?? (secure ? 5349 : 3478),
    secure,
    transport: (match[4]?.toLowerCase() as 'udp' | 'tcp' | undefined) ?? null,
  };
}

export class InvalidTurnUrlError extends Error {
  override readonly name = 'InvalidTurnUrlError';
  constructor(url: string) {
    super(`„${url}“ ist keine TURN-Adresse. Erwartet wird z. B. turn:turn.example.org:3478?transport=udp oder turns:turn.example.org:5349.`);
  }
}

/** What to probe for the configured URLs: the first address per transport, in the order UDP, TCP, TLS. */
export function probeTargets(urls: readonly string[]): ProbeTarget[] {
  const found = new Map<LinkTransport, ProbeTarget>();
  for (const url of urls) {
    const parsed = parseTurnUrl(url);
    const transports: LinkTransport[] = parsed.secure ? ['tls'] : parsed.transport ? [parsed.transport] : ['udp', 'tcp'];
    for (const transport of transports) if (!found.has(transport)) found.set(transport, { host: parsed.host, port: parsed.port, transport, url: url.trim() });
  }
  return (['udp', 'tcp', 'tls'] as const).flatMap((t) => (found.has(t) ? [found.get(t) as ProbeTarget] : []));
}

export const targetAddress = (t: TurnTarget): string => (t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`);

/** The transport an ICE server URL is used on, or null for what is not TURN. */
export function urlTransport(url: string): LinkTransport | null {
  try {
    const parsed = parseTurnUrl(url);
    return parsed.secure ? 'tls' : (parsed.transport ?? 'udp');
  } catch {
    return null;
  }
}

/**
 * Is the project's own server reachable from here? GET <server>/api/v1/health, a few times, for reachability and
 * round trip. The command line asks it next to the TURN probes (IT support passes the server with --server); the
 * app asks the server it is signed in to.
 */
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';

export interface ServerHealth {
  readonly reachable: boolean;
  readonly rttMs: number | null;
  /** HTTP status or the network error's code, for the report's figures. */
  readonly detail: string;
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
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${API_PREFIX}/health`, base);
  const rtts: number[] = [];
  let detail = '';
  for (let i = 0; i < attempts; i++) {
    const began = performance.now();
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      await response.arrayBuffer();
      detail = `HTTP ${response.status}`;
      if (response.ok) rtts.push(performance.now() - began);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      detail = (cause?.code ?? (error instanceof Error ? error.name : 'Fehler')).slice(0, 100);
    }
  }
  rtts.sort((a, b) => a - b);
  return { reachable: rtts.length > 0, rttMs: rtts.length ? (rtts[Math.floor((rtts.length - 1) / 2)] as number) : null, detail };
}

/**
 * The in-app network check's TURN target: asked from the signed-in session's server
 * (GET /api/v1/readiness/turn-credentials, src-server/turn/staff-grant.ts), which mints a credential valid for a
 * few minutes. The laptop never holds coturn's static secret.
 */
import { serverEndpoint } from '../../../src-shared/http/server-endpoint.js';
import type { TurnTargetReply } from '../../../src-shared/ipc/features/readiness.js';
import { READINESS_TURN_PATH, ReadinessTurnGrant } from '../../../src-shared/readiness/turn-grant.js';
import { causeOf } from './socket-errors.js';

export interface ReadinessSession {
  readonly serverUrl: string;
  readonly token: string;
}

export async function fetchTurnTarget(session: ReadinessSession | null, fetchImpl: typeof fetch = fetch, timeoutMs = 5_000): Promise<TurnTargetReply> {
  if (!session) return { status: 'signed-out' };
  let response: Response;
  try {
    response = await fetchImpl(serverEndpoint(session.serverUrl, READINESS_TURN_PATH), {
      headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { status: 'failed', detail: causeOf(error) };
  }
  // The session the sync engine holds may have run out on the server: to the user that is "not signed in".
  if (response.status === 401) return { status: 'signed-out' };
  if (response.status === 403) return { status: 'refused' };
  if (!response.ok) return { status: 'failed', detail: `HTTP ${response.status}` };
  const parsed = ReadinessTurnGrant.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return { status: 'failed', detail: 'Antwort des Servers passt nicht zum Schema' };
  const grant = parsed.data;
  if (grant.turnUrls.length === 0 || grant.iceServers.length === 0) return { status: 'not-configured' };
  return { status: 'ready', turnUrls: grant.turnUrls, iceServers: grant.iceServers, expiresAt: grant.expiresAt };
}

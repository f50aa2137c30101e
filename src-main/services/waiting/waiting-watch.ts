/**
 * Watches the waiting rooms of today's video appointments: every few seconds, while signed in and with the store
 * unlocked, it asks the server who waits (`POST /api/v1/waiting-rooms`), tells the renderer when that changes
 * and reports each guest that newly arrived (the Electron shell turns that into a system notification). Guests
 * may wait before the counsellor opens the room, so the counsellor learns of them without joining it.
 *
 * Polling rather than a standing connection: a counsellor has a handful of video appointments a day, one small
 * request every few seconds costs nothing, and it needs no second signalling connection beside the call's.
 */
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import type { WaitingSnapshot } from '../../../src-shared/ipc/features/waiting.js';
import { WaitingRoomsReply, WAITING_ROOMS_MAX, type WaitingGuest } from '../../../src-shared/signalling/waiting-rooms-api.js';

export const WAITING_POLL_MS = 4_000;
const REQUEST_TIMEOUT_MS = 5_000;

interface Credentials {
  readonly serverUrl: string;
  readonly token: string;
}

export interface WaitingWatchOptions {
  /** The server session's credentials (renewed when needed), or null when nobody is signed in. */
  readonly access: () => Promise<Credentials | null>;
  /** The server refused `token`: the session renews once; null when the sign-in ended. */
  readonly renew: (token: string) => Promise<Credentials | null>;
  /** Ids of the appointments whose rooms to watch (today's planned video appointments); null while locked. */
  readonly appointments: () => readonly string[] | null;
  readonly onChange: (snapshot: WaitingSnapshot) => void;
  /** A guest not seen waiting before. */
  readonly onArrival: (guest: WaitingGuest) => void;
  readonly fetch?: typeof fetch;
  readonly intervalMs?: number;
  readonly log?: (message: string) => void;
}

export interface WaitingWatch {
  snapshot(): WaitingSnapshot;
  /** Asks at once (and then on the interval); resolves when this round is done. */
  check(): Promise<void>;
  close(): void;
}

const sameGuests = (a: readonly WaitingGuest[], b: readonly WaitingGuest[]) =>
  a.length === b.length && a.every((guest, index) => guest.participantId === b[index]?.participantId && guest.displayName === b[index]?.displayName);

export function createWaitingWatch(options: WaitingWatchOptions): WaitingWatch {
  const fetchImpl = options.fetch ?? fetch;
  let current: WaitingSnapshot = { state: 'signed_out', guests: [], checkedAt: null };
  /** Everyone announced once; a guest who resumes after a drop is not announced again. */
  const announced = new Set<string>();
  let running: Promise<void> | null = null;
  let lastProblem: string | null = null;

  function publish(next: WaitingSnapshot): void {
    const changed = next.state !== current.state || !sameGuests(next.guests, current.guests);
    current = next;
    for (const guest of next.guests) {
      if (announced.has(guest.participantId)) continue;
      announced.add(guest.participantId);
      options.onArrival(guest);
    }
    if (changed) options.onChange(next);
  }

  const request = (credentials: Credentials, appointmentIds: readonly string[]) =>
    fetchImpl(`${credentials.serverUrl.replace(/\/$/, '')}${API_PREFIX}/waiting-rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.token}` },
      body: JSON.stringify({ appointmentIds: appointmentIds.slice(0, WAITING_ROOMS_MAX) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });

  async function ask(): Promise<WaitingSnapshot> {
    const appointmentIds = options.appointments();
    try {
      let credentials = await options.access();
      if (!credentials) return { state: 'signed_out', guests: [], checkedAt: null };
      if (appointmentIds === null) return { state: 'locked', guests: [], checkedAt: null };
      const checkedAt = new Date().toISOString();
      if (appointmentIds.length === 0) return { state: 'watching', guests: [], checkedAt };
      let response = await request(credentials, appointmentIds);
      if (response.status === 401) {
        credentials = await options.renew(credentials.token);
        if (!credentials) return { state: 'signed_out', guests: [], checkedAt: null };
        response = await request(credentials, appointmentIds);
        if (response.status === 401) return { state: 'signed_out', guests: [], checkedAt: null };
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { guests } = WaitingRoomsReply.parse(await response.json());
      lastProblem = null;
      return { state: 'watching', guests, checkedAt };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      // Once per outage, not every few seconds.
      if (problem !== lastProblem) options.log?.(`Warteräume nicht abgefragt: ${problem}`);
      lastProblem = problem;
      return { state: 'unreachable', guests: [], checkedAt: null };
    }
  }

  const check = (): Promise<void> =>
    (running ??= ask()
      .then(publish)
      .finally(() => {
        running = null;
      }));

  const timer = setInterval(() => void check(), options.intervalMs ?? WAITING_POLL_MS);
  timer.unref?.();

  return {
    snapshot: () => current,
    check,
    close: () => clearInterval(timer),
  };
}

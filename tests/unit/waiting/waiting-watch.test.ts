/**
 * The back office's watch over today's waiting rooms: asks only when signed in and unlocked, reports each
 * arrival once (also across a guest's resume), tells the renderer only about changes, and names no guest in the
 * system notification.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WaitingSnapshot } from '../../../src-shared/ipc/features/waiting.js';
import type { WaitingGuest } from '../../../src-shared/signalling/waiting-rooms-api.js';
import { arrivalNotice } from '../../../src-main/services/waiting/arrival-notice.js';
import { createWaitingWatch } from '../../../src-main/services/waiting/waiting-watch.js';

const appointmentId = randomUUID();
const erika: WaitingGuest = { appointmentId, participantId: 'participant-erika', role: 'customer', displayName: 'Erika Mustermann', since: '2026-12-03T09:32:00Z' };
const interpreter: WaitingGuest = { appointmentId, participantId: 'participant-dolm', role: 'interpreter', displayName: 'Herr Dolmetscher', since: '2026-12-03T09:35:00Z' };

function world() {
  let session: { serverUrl: string; token: string } | null = { serverUrl: 'http://server.test/', token: 'bearer-token' };
  let appointments: string[] | null = [appointmentId];
  let answer: () => Response = () => Response.json({ guests: [] });
  const requests: { url: string; body: unknown; auth: string | null }[] = [];
  const changes: WaitingSnapshot[] = [];
  const arrivals: WaitingGuest[] = [];
  let renewed: { serverUrl: string; token: string } | null = null;
  const watch = createWaitingWatch({
    access: async () => session,
    renew: async () => renewed,
    appointments: () => appointments,
    onChange: (snapshot) => changes.push(snapshot),
    onArrival: (guest) => arrivals.push(guest),
    intervalMs: 3_600_000,
    fetch: async (url, init) => {
      requests.push({ url: String(url), body: JSON.parse(String(init?.body)), auth: new Headers(init?.headers).get('authorization') });
      return answer();
    },
  });
  return {
    watch,
    requests,
    changes,
    arrivals,
    setSession: (next: typeof session) => (session = next),
    setRenewed: (next: typeof renewed) => (renewed = next),
    setAppointments: (next: typeof appointments) => (appointments = next),
    answer: (next: () => Response) => (answer = next),
  };
}

describe('waiting watch', () => {
  it('asks the signed-in server about today’s rooms and reports each arrival once', async () => {
    const w = world();
    w.answer(() => Response.json({ guests: [erika] }));
    await w.watch.check();
    expect(w.requests).toEqual([{ url: 'http://server.test/api/v1/waiting-rooms', body: { appointmentIds: [appointmentId] }, auth: 'Bearer bearer-token' }]);
    expect(w.watch.snapshot()).toMatchObject({ state: 'watching', guests: [erika] });
    expect(w.arrivals).toEqual([erika]);

    // The same guest again, then a second one: one more arrival, one more change.
    await w.watch.check();
    expect(w.changes).toHaveLength(1);
    w.answer(() => Response.json({ guests: [erika, interpreter] }));
    await w.watch.check();
    expect(w.arrivals).toEqual([erika, interpreter]);
    expect(w.changes.at(-1)?.guests).toEqual([erika, interpreter]);

    // Admitted (gone from the list) and back after a drop: no second notification.
    w.answer(() => Response.json({ guests: [interpreter] }));
    await w.watch.check();
    w.answer(() => Response.json({ guests: [erika, interpreter] }));
    await w.watch.check();
    expect(w.arrivals).toHaveLength(2);
    w.watch.close();
  });

  it('asks nobody while signed out or locked, and says why the list is empty', async () => {
    const w = world();
    w.setSession(null);
    await w.watch.check();
    expect(w.watch.snapshot().state).toBe('signed_out');
    w.setSession({ serverUrl: 'http://server.test', token: 't' });
    w.setAppointments(null);
    await w.watch.check();
    expect(w.watch.snapshot().state).toBe('locked');
    w.setAppointments([]);
    await w.watch.check();
    expect(w.watch.snapshot()).toMatchObject({ state: 'watching', guests: [] });
    expect(w.requests).toEqual([]);
    w.watch.close();
  });

  it('renews a refused token once, treats an ended sign-in as signed out and an unreachable server as such, keeping no stale guests', async () => {
    const w = world();
    w.answer(() => Response.json({ guests: [erika] }));
    await w.watch.check();
    // The server refuses the old token only: the renewed one is used at once.
    w.setRenewed({ serverUrl: 'http://server.test', token: 'renewed-token' });
    w.answer(() => (w.requests.at(-1)?.auth === 'Bearer renewed-token' ? Response.json({ guests: [erika] }) : new Response('{}', { status: 401 })));
    await w.watch.check();
    expect(w.requests.slice(-2).map((r) => r.auth)).toEqual(['Bearer bearer-token', 'Bearer renewed-token']);
    expect(w.watch.snapshot()).toMatchObject({ state: 'watching', guests: [erika] });
    // The sign-in ended: nothing to renew.
    w.setRenewed(null);
    w.answer(() => new Response('{}', { status: 401 }));
    await w.watch.check();
    expect(w.watch.snapshot()).toMatchObject({ state: 'signed_out', guests: [] });
    w.setSession({ serverUrl: 'http://server.test', token: 'bearer-token' });
    w.answer(() => {
      throw new TypeError('fetch failed');
    });
    await w.watch.check();
    expect(w.watch.snapshot()).toMatchObject({ state: 'unreachable', guests: [] });
    w.answer(() => Response.json({ guests: [{ ...erika, role: 'counsellor' }] }));
    await w.watch.check();
    expect(w.watch.snapshot().state).toBe('unreachable');
    w.watch.close();
  });

  it('names role and times in the notification, never the guest', () => {
    const de = arrivalNotice(erika, '2026-12-03T09:30:00Z', 'de');
    expect(de).toEqual({ title: 'Jemand wartet im Warteraum', body: 'Die Kundin oder der Kunde wartet seit 10:32 Uhr (Termin um 10:30 Uhr). Unter „Heute“ lassen Sie sie oder ihn mit einem Klick ein.' });
    const en = arrivalNotice(interpreter, null, 'en');
    expect(en.body).toBe('The interpreter has been waiting since 10:35. Let them in from "Today" with one click.');
    expect(JSON.stringify([de, en])).not.toMatch(/Erika|Mustermann|Dolmetscher\b/);
  });
});

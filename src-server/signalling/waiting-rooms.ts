/**
 * `POST {API_PREFIX}/waiting-rooms`: who waits in the rooms of the asked appointments, for the counsellor's
 * "Heute" page. Read from the room store (memory or Redis), so any process answers for every room. Rooms of
 * appointments the user may not host are left out without a word: a BPS appointment's existence is itself
 * protected (202209006 §3); the host audits each refusal.
 */
import { API_PREFIX } from '../../src-shared/http/sync-api.js';
import { GuestRole } from '../../src-shared/signalling/messages.js';
import { WaitingRoomsReply, WaitingRoomsRequest, type WaitingGuest } from '../../src-shared/signalling/waiting-rooms-api.js';
import { bearerUser } from '../guest/routes.js';
import { readJson, sendJson, type Route } from '../http/router.js';
import type { SignallingHost } from './host.js';
import type { RoomStore } from './room-store.js';

export function waitingRoomRoutes(deps: { store: RoomStore; host: SignallingHost }): Route[] {
  const { store, host } = deps;
  return [
    {
      method: 'POST',
      path: `${API_PREFIX}/waiting-rooms`,
      async handle(ctx) {
        const user = await bearerUser(ctx, host, 'waiting-rooms.read');
        const { appointmentIds } = await readJson(ctx, WaitingRoomsRequest, 16 * 1024);
        const guests: WaitingGuest[] = [];
        for (const appointmentId of new Set(appointmentIds)) {
          if (!(await host.mayHost(user, appointmentId, ctx.ip, 'waiting-rooms.read'))) continue;
          for (const member of await store.members(appointmentId)) {
            const role = GuestRole.safeParse(member.role);
            // A guest who joined before `since` was recorded (an older process) waits since at least now.
            if (member.state === 'waiting' && role.success) guests.push({ appointmentId, participantId: member.id, role: role.data, displayName: member.displayName, since: member.since ?? new Date().toISOString() });
          }
        }
        guests.sort((a, b) => a.since.localeCompare(b.since));
        sendJson(ctx.res, 200, WaitingRoomsReply.parse({ guests }));
      },
    },
  ];
}

/**
 * Who waits in the waiting rooms of a counsellor's appointments, for the "Heute" page and its notification
 * (`POST {API_PREFIX}/waiting-rooms`, bearer auth). Guests can wait before the counsellor opens the room; this
 * tells the counsellor without joining it. Only rooms of appointments the user may host are answered.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from '../domain/appointment.js';
import { GuestRole, ParticipantId } from './messages.js';

/** At most this many appointments per question: a day's video appointments, with room to spare. */
export const WAITING_ROOMS_MAX = 100;

export const WaitingRoomsRequest = z.object({ appointmentIds: z.array(Id).max(WAITING_ROOMS_MAX) }).strict();
export type WaitingRoomsRequest = z.infer<typeof WaitingRoomsRequest>;

export const WaitingGuest = z.object({
  appointmentId: Id,
  participantId: ParticipantId,
  role: GuestRole,
  /** The name the guest gave on the guest page. */
  displayName: z.string().min(1).max(80),
  /** When the guest entered the waiting room (server clock). */
  since: IsoDateTime,
});
export type WaitingGuest = z.infer<typeof WaitingGuest>;

/** Every waiting guest of the asked rooms, longest waiting first. */
export const WaitingRoomsReply = z.object({ guests: z.array(WaitingGuest) });
export type WaitingRoomsReply = z.infer<typeof WaitingRoomsReply>;

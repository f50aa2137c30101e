/**
 * Who waits in the waiting rooms of today's video appointments, as the back office learns it from the server
 * (src-main/services/waiting): the "Heute" page shows it with a visible and an audible cue, and the Electron
 * shell shows a system notification for each new arrival.
 */
import { z } from 'zod';
import { IsoDateTime } from '../../domain/appointment.js';
import { WaitingGuest } from '../../signalling/waiting-rooms-api.js';
import { event, method } from '../define.js';

export const WaitingSnapshot = z.object({
  /**
   * `watching`: the list is the server's answer at `checkedAt`. Otherwise it is empty because nobody can be
   * asked: not signed in, the store locked (no appointments to ask about), or the server not reachable.
   */
  state: z.enum(['watching', 'signed_out', 'locked', 'unreachable']),
  guests: z.array(WaitingGuest),
  checkedAt: IsoDateTime.nullable(),
});
export type WaitingSnapshot = z.infer<typeof WaitingSnapshot>;

export const waitingMethods = {
  /** The latest snapshot, without asking the server again (it is asked every few seconds anyway). */
  'waiting.list': method(z.object({}).strict(), WaitingSnapshot),
} as const;

export const waitingEvents = {
  /** The snapshot changed: a guest came or went, or the watch's state changed. */
  'waiting.changed': event(WaitingSnapshot),
} as const;

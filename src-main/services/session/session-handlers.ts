/** The router's handlers for `session.*` (src-shared/ipc/features/session.ts). */
import type { Handlers } from '../../ipc/router.js';
import type { CallSessions } from './call-session.js';
import type { DisplayPicker } from './display-picker.js';

type SessionHandlers = Pick<Handlers, 'session.open' | 'session.admit' | 'session.refuse' | 'session.remove' | 'session.signal' | 'session.refreshIce' | 'session.leave' | 'session.pickDisplay'>;

export function sessionHandlers(calls: CallSessions, picker: DisplayPicker): SessionHandlers {
  return {
    'session.open': ({ appointmentId }) => calls.open(appointmentId),
    'session.admit': ({ participantId }) => (calls.admit(participantId), {}),
    'session.refuse': ({ participantId, reason }) => (calls.refuse(participantId, reason), {}),
    'session.remove': ({ participantId }) => (calls.remove(participantId), {}),
    'session.signal': ({ to, data }) => (calls.signal(to, data), {}),
    'session.refreshIce': () => (calls.refreshIce(), {}),
    'session.leave': async ({ endForAll }) => (await calls.leave(endForAll), {}),
    'session.pickDisplay': ({ requestId, sourceId }) => (picker.answer(requestId, sourceId), {}),
  };
}

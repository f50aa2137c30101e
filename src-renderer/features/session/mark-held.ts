/**
 * After the call: the appointment is marked held in the local store (synced to the server by the outbox).
 * Resolves with null on success, or the reason to show.
 */
import { bridge } from '../../bridge/index.js';

export async function markHeld(appointmentId: string): Promise<string | null> {
  try {
    await bridge.call['appointments.setStatus']({ appointmentId, status: 'held' });
    return null;
  } catch (cause) {
    return (cause as Error).message;
  }
}

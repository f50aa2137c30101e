/**
 * GET /api/v1/notes?appointmentId — every version of the notes of one of the caller's own appointments, so a
 * client that got `conflict` can show both edits. A BPS appointment's notes reach BPS staff only; to anyone
 * else the appointment answers like a missing one (audited).
 */
import { API_PREFIX, NotesQuery, type NotesReply } from '../../src-shared/http/sync-api.js';
import type { ServerCore } from '../core.js';
import { HttpError } from '../http/errors.js';
import { readQuery, sendJson, type Route } from '../http/router.js';

export function notesRoutes(core: ServerCore): Route[] {
  return [
    {
      method: 'GET',
      path: `${API_PREFIX}/notes`,
      async handle(ctx) {
        const user = await core.auth.authenticate(ctx.req, ctx.ip, 'notes.read');
        await core.access.requireCustomerAccess(user, ctx.ip, 'notes.read', ['counsellor']);
        const { appointmentId } = readQuery(ctx, NotesQuery);
        const appointment = await core.access.appointmentForAction(user, appointmentId, ctx.ip, 'notes.read');
        if (!appointment) {
          throw new HttpError(404, 'APPOINTMENT_NOT_FOUND', 'Diesen Termin gibt es nicht oder er ist Ihnen nicht zugeordnet. Aktualisieren Sie den Kalender.');
        }
        const reply: NotesReply = { versions: await core.repository.notes.forAppointment(appointment.id) };
        sendJson(ctx.res, 200, reply);
      },
    },
  ];
}

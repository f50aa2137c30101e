/**
 * GET /api/v1/appointments?since&from&to — the incremental appointment feed. The cursor is sealed (./feed-cursor.ts):
 * it carries the change sequence number, the window it was issued for and the data set's epoch, readable by the
 * server alone. A cursor for another window or data set, or one that does not open, is not continued: the reply
 * is then a full snapshot with `reset: true`, because appointments that entered the new window without changing
 * would otherwise be missed.
 *
 * Counsellors also get every version of the notes of the appointments in the reply (team leads only each
 * appointment's note state, never the text): appending a note moves its
 * appointment on in the change sequence (storage/repository.ts), so a note edit reaches the feed by the same
 * cursor, window and scope rules as any appointment change, and a fresh laptop's snapshot brings all notes.
 */
import type { Appointment } from '../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../src-shared/domain/note.js';
import { API_PREFIX, AppointmentFeedQuery, type AppointmentFeedReply } from '../../src-shared/http/sync-api.js';
import { noteState } from '../../src-shared/rules/note-requirement.js';
import type { ServerCore } from '../core.js';
import { HttpError } from '../http/errors.js';
import { openCursor, sealCursor, type FeedPosition } from './feed-cursor.js';
import { readQuery, sendJson, type Route } from '../http/router.js';
import { berlinInstantMs } from '../../src-shared/rules/berlin-time.js';
import { addCalendarDays } from '../../src-shared/rules/working-days.js';

const MAX_WINDOW_DAYS = 400;

function readCursor(key: Buffer, text: string): FeedPosition | null {
  // Not even the shape of a sealed cursor: a client bug, worth a named error (a sealed one that fails to open is not).
  if (!/^[A-Za-z0-9_-]{40,}$/.test(text)) {
    throw new HttpError(400, 'INVALID_CURSOR', 'Der Cursor ("since") ist ungültig. Laden Sie den Kalender ohne "since" neu.', ['since']);
  }
  return openCursor(key, text);
}

/** Each appointment with the state of its Beratungsvermerk, decided from its stored versions by the shared rule. */
function withNoteStates(items: readonly Appointment[], notes: readonly NoteVersion[]): Appointment[] {
  const byAppointment = new Map<string, NoteVersion[]>();
  for (const note of notes) byAppointment.set(note.appointmentId, [...(byAppointment.get(note.appointmentId) ?? []), note]);
  return items.map((item) => ({ ...item, noteState: noteState(item, byAppointment.get(item.id) ?? []) }));
}

export function appointmentFeedRoutes(core: ServerCore): Route[] {
  return [
    {
      method: 'GET',
      path: `${API_PREFIX}/appointments`,
      async handle(ctx) {
        const user = await core.auth.authenticate(ctx.req, ctx.ip, 'appointments.feed');
        await core.access.requireCustomerAccess(user, ctx.ip, 'appointments.feed', ['counsellor', 'team_lead']);
        const query = readQuery(ctx, AppointmentFeedQuery);
        if (query.to < query.from) {
          throw new HttpError(400, 'INVALID_QUERY', '"to" liegt vor "from". Geben Sie den Zeitraum in der richtigen Reihenfolge an.', ['to']);
        }
        const window = { startMs: berlinInstantMs(query.from), endMs: berlinInstantMs(addCalendarDays(query.to, 1)) };
        if (window.endMs - window.startMs > MAX_WINDOW_DAYS * 86_400_000) {
          throw new HttpError(400, 'INVALID_QUERY', `Der Zeitraum ist länger als ${MAX_WINDOW_DAYS} Tage. Fragen Sie einen kürzeren Zeitraum ab.`, ['to']);
        }
        const key = await core.repository.appointments.cursorKey();
        const cursor = query.since === undefined ? null : readCursor(key, query.since);
        const epoch = await core.repository.appointments.epoch();
        const { scope, pseudonymise } = core.access.feedAccess(user);
        const continued = cursor !== null && cursor.e === epoch && cursor.f === query.from && cursor.t === query.to;
        const changes = continued
          ? await core.repository.appointments.changesSince(cursor.s, scope, window)
          : await core.repository.appointments.snapshot(scope, window);
        // Second wall: whatever the store returned, nothing outside the user's sight leaves the server.
        const items = changes.items.filter((item) => {
          if (core.access.maySee(user, item)) return true;
          void core.audit.denied(user, ctx.ip, 'appointments.feed', item.id, 'store_scope_violation');
          core.log(`Store lieferte Termin ${item.id} außerhalb des Sichtbereichs von ${user.id}; zurückgehalten.`);
          return false;
        });
        // Notes of the items that passed the second wall only (BPS included). Their text reaches the owner alone
        // (the sight of GET /notes); team leads get each item's note state instead, never the text, and review
        // notes pseudonymised through the VKB export.
        const itemNotes = await core.repository.notes.forAppointments(items.map((item) => item.id));
        const owner = user.role === 'counsellor';
        const reply: AppointmentFeedReply = {
          items: pseudonymise ? withNoteStates(items, itemNotes).map((item) => core.access.present(user, item)) : items,
          removed: changes.removed,
          notes: owner ? itemNotes : [],
          cursor: sealCursor(key, { e: epoch, s: changes.seq, f: query.from, t: query.to }),
          ...(continued ? {} : { reset: true }),
        };
        sendJson(ctx.res, 200, reply);
      },
    },
  ];
}

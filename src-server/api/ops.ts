/**
 * POST /api/v1/ops — the changes a client made (offline or not), each with a client-generated opId that the
 * server applies at most once. Each op gets its own outcome; one failing op never stops the others.
 * - applied: stored. duplicate: this opId was applied before (same serverVersion as then; `firstOutcome` says
 *   whether it was applied or a conflict, so a client whose answer got lost still learns of the conflict).
 * - conflict: a note edit based on an older version; kept as a further version (conflictOf = the head).
 * - rejected: not applied; `error.code` says why. INTERNAL and OP_IN_PROGRESS are worth retrying later,
 *   the others are not.
 */
import type { z } from 'zod';
import type { Appointment } from '../../src-shared/domain/appointment.js';
import { API_PREFIX, OpsRequest, type Operation, type OpResult, type OpsReply, type SessionUser } from '../../src-shared/http/sync-api.js';
import { recordConsent } from '../consent.js';
import { channelChangeFindings, statusChangeRefusal } from '../../src-shared/rules/appointment-rules.js';
import { isHealthData } from '../../src-shared/rules/visibility.js';
import type { ServerCore } from '../core.js';
import { readJson, sendJson, type Route } from '../http/router.js';

type Result = z.infer<typeof OpResult>;

/** A refusal of one op, with a stable code and a German message that says what to do. */
class OpRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A claim older than this that never finished (process crashed mid-op) may be taken over by a retry. */
const STALE_CLAIM_MS = 60_000;

const notFound = (): OpRejected =>
  new OpRejected('APPOINTMENT_NOT_FOUND', 'Diesen Termin gibt es nicht oder er ist Ihnen nicht zugeordnet. Aktualisieren Sie den Kalender.');

function appointmentIdOf(op: Operation): string {
  switch (op.type) {
    case 'note.save':
      return op.note.appointmentId;
    case 'consent.record':
      return op.consent.appointmentId;
    default:
      return op.appointmentId;
  }
}

async function apply(core: ServerCore, user: SessionUser, ip: string, op: Operation): Promise<Result> {
  const appointment = await core.access.appointmentForAction(user, appointmentIdOf(op), ip, `ops.${op.type}`);
  if (!appointment) throw notFound();
  const { repository } = core;

  switch (op.type) {
    case 'note.save': {
      // Note ids are scoped per appointment in the store: an id some other appointment uses (one the user may not even
      // know of, like a BPS note's) is simply a new note here, and answers exactly as a fresh id does.
      const { version, conflict } = await repository.notes.append({
        ...op.note,
        // The author is who is signed in, whatever the client wrote; BPS notes are always health data.
        authorId: user.id,
        healthData: op.note.healthData || isHealthData(appointment),
      });
      return { opId: op.opId, outcome: conflict ? 'conflict' : 'applied', serverVersion: version.version };
    }
    case 'appointment.status': {
      // The same rule the client checks before queueing (src-shared/rules); the server's clock decides.
      const refusal = statusChangeRefusal(appointment, op.status, new Date());
      if (refusal) throw new OpRejected(refusal.code, refusal.message);
      if (appointment.status !== op.status) {
        await repository.appointments.update(appointment.id, (current) => ({ ...current, status: op.status }));
      }
      return { opId: op.opId, outcome: 'applied' };
    }
    case 'appointment.channel': {
      // E.g. § 141 SGB III: the first interview after registering as unemployed is held in person.
      const refusal = channelChangeFindings(appointment, op.channel).find((finding) => finding.severity === 'refusal');
      if (refusal) throw new OpRejected(refusal.code, refusal.message);
      if (appointment.channel !== op.channel) {
        await repository.appointments.update(appointment.id, (current: Appointment) => ({ ...current, channel: op.channel }));
      }
      return { opId: op.opId, outcome: 'applied' };
    }
    case 'consent.record': {
      await recordConsent(repository, op.consent, user.id);
      return { opId: op.opId, outcome: 'applied' };
    }
  }
}

async function applyOnce(core: ServerCore, user: SessionUser, ip: string, op: Operation): Promise<Result> {
  const claim = await core.repository.ops.claim(op.opId, user.id, STALE_CLAIM_MS);
  switch (claim.state) {
    case 'done':
      return {
        ...claim.result,
        outcome: 'duplicate',
        ...(claim.result.outcome === 'applied' || claim.result.outcome === 'conflict' ? { firstOutcome: claim.result.outcome } : {}),
      };
    case 'in_progress':
      return {
        opId: op.opId,
        outcome: 'rejected',
        error: { code: 'OP_IN_PROGRESS', message: 'Diese Operation wird gerade verarbeitet. Senden Sie sie später erneut.' },
      };
    case 'foreign':
      await core.audit.denied(user, ip, `ops.${op.type}`, op.opId, 'op_id_of_other_user');
      return {
        opId: op.opId,
        outcome: 'rejected',
        error: { code: 'OP_ID_REUSED', message: 'Diese Operations-ID ist bereits vergeben. Erzeugen Sie eine neue ID (UUID).' },
      };
    case 'new':
      break;
  }
  try {
    const result = await apply(core, user, ip, op);
    await core.repository.ops.finish(op.opId, result);
    return result;
  } catch (error) {
    // Nothing was applied: free the id, so a corrected retry (or the same one after a fix) can go through.
    await core.repository.ops.release(op.opId);
    if (error instanceof OpRejected) {
      return { opId: op.opId, outcome: 'rejected', error: { code: error.code, message: error.message } };
    }
    core.log(`Operation ${op.opId} (${op.type}) fehlgeschlagen: ${String(error)}`);
    return {
      opId: op.opId,
      outcome: 'rejected',
      error: { code: 'INTERNAL', message: 'Die Operation konnte wegen eines Serverfehlers nicht gespeichert werden. Senden Sie sie später erneut.' },
    };
  }
}

export function opsRoutes(core: ServerCore): Route[] {
  return [
    {
      method: 'POST',
      path: `${API_PREFIX}/ops`,
      async handle(ctx) {
        const user = await core.auth.authenticate(ctx.req, ctx.ip, 'ops');
        await core.access.requireCustomerAccess(user, ctx.ip, 'ops', ['counsellor']);
        const { ops } = await readJson(ctx, OpsRequest, core.config.http.bodyLimitBytes);
        const results: Result[] = [];
        // In order: a client may send a status change after the consent it depends on.
        for (const op of ops) results.push(await applyOnce(core, user, ctx.ip, op));
        const reply: OpsReply = { results };
        sendJson(ctx.res, 200, reply);
      },
    },
  ];
}

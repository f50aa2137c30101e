/**
 * The HTTP API between the client's sync engine and the self-hosted server (src-server).
 * Both sides validate every body with these schemas.
 */
import { z } from 'zod';
import {
  Appointment,
  AppointmentStatus,
  Channel,
  ConsentRecord,
  Fachdienst,
  Id,
  IsoDateTime,
} from '../domain/appointment.js';
import { NoteVersion } from '../domain/note.js';

export const API_PREFIX = '/api/v1';

export const Role = z.enum(['counsellor', 'team_lead', 'it_support']);
export type Role = z.infer<typeof Role>;

export const SessionUser = z.object({
  id: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: Role,
  /** Set for counsellors and team leads; BPS grants sight of BPS appointments and notes. */
  fachdienst: Fachdienst.nullable(),
  region: z.string().min(1).max(64),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
/**
 * A sign-in: the bearer `token` for the API (short-lived, kept in memory by the client) and a `refreshToken` the
 * client keeps encrypted to get the next pair without the password (`POST {API_PREFIX}/auth/refresh`). A refresh
 * token works once; each refresh answers with a new one.
 */
export const LoginReply = z.object({
  token: z.string().min(1),
  user: SessionUser,
  expiresAt: IsoDateTime,
  refreshToken: z.string().min(1).max(200),
  /** Until when `refreshToken` may be spent (it ends sooner if the sign-in's maximum lifetime is reached first). */
  refreshExpiresAt: IsoDateTime,
});

/** POST {API_PREFIX}/auth/refresh — spends a refresh token, answers with a new `LoginReply`. */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
/** POST {API_PREFIX}/auth/logout — body optional; with a refresh token its whole sign-in is revoked. */
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(200).optional() }).strict();

/** GET {API_PREFIX}/appointments?since=<cursor>&from=<date>&to=<date> */
export const AppointmentFeedQuery = z.object({
  since: z.string().max(200).optional(),
  from: z.iso.date(),
  to: z.iso.date(),
});
export const AppointmentFeedReply = z.object({
  items: z.array(Appointment),
  /** Ids no longer visible in the window (deleted, moved away, reassigned). */
  removed: z.array(Id),
  /**
   * Every version of the notes of `items`, per note oldest first (what GET /notes gives per appointment). A note
   * edit moves its appointment into the next reply, so this is complete for the items sent. Only for the
   * counsellor who owns them (BPS notes only with the BPS role, as their appointments); empty for team leads,
   * who review notes pseudonymised through the VKB export.
   */
  notes: z.array(NoteVersion),
  /** Opaque; pass as `since` next time. */
  cursor: z.string().min(1).max(200),
  /**
   * True when this reply is a full snapshot of the window (no `since`, or a cursor issued for another window or
   * by another data set): replace the window's local copy instead of merging. Absent or false: merge `items`
   * and drop `removed`.
   */
  reset: z.boolean().optional(),
});
export type AppointmentFeedReply = z.infer<typeof AppointmentFeedReply>;

/** Every change the client makes offline travels as an operation with a client-generated id. */
export const Operation = z.discriminatedUnion('type', [
  z.object({ opId: Id, type: z.literal('note.save'), note: NoteVersion }),
  z.object({
    opId: Id,
    type: z.literal('appointment.status'),
    appointmentId: Id,
    status: AppointmentStatus,
    at: IsoDateTime,
  }),
  z.object({
    opId: Id,
    type: z.literal('appointment.channel'),
    appointmentId: Id,
    channel: Channel,
    reason: z.enum(['consent_withdrawn', 'customer_request', 'technical', 'rule']),
    at: IsoDateTime,
  }),
  z.object({ opId: Id, type: z.literal('consent.record'), consent: ConsentRecord }),
]);
export type Operation = z.infer<typeof Operation>;

/** POST {API_PREFIX}/ops — the server applies each opId at most once. */
export const OpsRequest = z.object({ ops: z.array(Operation).min(1).max(100) });
export const OpOutcome = z.enum(['applied', 'duplicate', 'conflict', 'rejected']);
export const OpResult = z.object({
  opId: Id,
  outcome: OpOutcome,
  /** For note.save: the version number the server stored the note under. */
  serverVersion: z.number().int().positive().optional(),
  /** For `duplicate`: what the op's first application gave ('applied' or 'conflict'), e.g. after a lost answer. */
  firstOutcome: z.enum(['applied', 'conflict']).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const OpsReply = z.object({ results: z.array(OpResult) });
export type OpsReply = z.infer<typeof OpsReply>;

/** GET {API_PREFIX}/me — who the bearer token belongs to (any role, no customer data). */
export const MeReply = z.object({ user: SessionUser });

/** POST {API_PREFIX}/auth/logout — ends a built-in session (bearer token and/or `LogoutRequest`); 204 without body. */

/**
 * GET {API_PREFIX}/notes?appointmentId=<id> — every stored version of the notes of one of the caller's own
 * appointments, oldest first, so a client can show a conflict next to the version it competed with.
 */
export const NotesQuery = z.object({ appointmentId: Id });
export const NotesReply = z.object({ versions: z.array(NoteVersion) });
export type NotesReply = z.infer<typeof NotesReply>;

/** The stable codes of `ApiError.error.code` and of `OpResult.error.code`. */
export const ApiErrorCode = z.enum([
  'INVALID_JSON',
  'INVALID_BODY',
  'INVALID_QUERY',
  'INVALID_CURSOR',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'LOGIN_FAILED',
  'LOGIN_THROTTLED',
  'IDP_UNREACHABLE',
  'FORBIDDEN',
  'INTERNAL',
  // Per-operation codes (OpResult.error.code)
  'APPOINTMENT_NOT_FOUND',
  'ERSTGESPRAECH_ALO_NUR_PRAESENZ',
  'NOCH_NICHT_BEGONNEN',
  'OP_ID_REUSED',
  'OP_IN_PROGRESS',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** Every error body of the API. `code` is stable; `message` is German and says what to do. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Optional machine-readable detail, e.g. the paths of invalid fields. */
    details: z.array(z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * The signalling protocol between the self-hosted server (src-server/signalling), the desktop client
 * (src-main/services/signalling) and the guest page (src-renderer/guest). One WebSocket per participant at
 * `SIGNALLING_PATH`; every frame is one JSON object validated with these schemas on both ends.
 *
 * Flow: `hello` → `welcome` (waiting or admitted) → counsellor `admit`/`refuse` → `admitted` → peers exchange
 * simple-peer signal data with `signal` addressed by participant id. Media never passes the server.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from '../domain/appointment.js';

export const SIGNALLING_PATH = '/signalling';
export const PROTOCOL_VERSION = 1;

/** Who takes part in a video consultation; shown on each tile (202209001 §1: interpreters, carers, companions). */
export const ParticipantRole = z.enum(['counsellor', 'customer', 'interpreter', 'carer', 'companion']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;
/** Roles a guest link can be issued for: the counsellor always joins with the account. */
export const GuestRole = z.enum(['customer', 'interpreter', 'carer', 'companion']);
export type GuestRole = z.infer<typeof GuestRole>;

/** Opaque server-issued participant id (random, url-safe). */
export const ParticipantId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export type ParticipantId = z.infer<typeof ParticipantId>;

const DisplayName = z.string().trim().min(1).max(80);
const Token = z.string().min(8).max(4096);

export const Participant = z.object({
  id: ParticipantId,
  role: ParticipantRole,
  displayName: DisplayName,
  /** False while the participant's connection is down but inside the resume grace period. */
  connected: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

/** RTCIceServer as handed to simple-peer's `config.iceServers`. Only the server's own TURN, no public STUN. */
export const IceServer = z.object({
  urls: z.array(z.string().min(1).max(512)).min(1).max(8),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/**
 * simple-peer's `signal` event data, passed through unchanged to the addressed peer's `peer.signal(data)`.
 * Shapes per simple-peer 9: offer/answer/pranswer/rollback with sdp, candidate, renegotiate, transceiverRequest.
 */
export const SignalData = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(60_000).optional() }),
  z.object({
    type: z.literal('candidate'),
    candidate: z.object({
      candidate: z.string().max(1024),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
  z.object({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }),
  z.object({
    type: z.literal('transceiverRequest'),
    transceiverRequest: z.object({ kind: z.enum(['audio', 'video']), init: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type SignalData = z.infer<typeof SignalData>;

// ---------------------------------------------------------------------------------------------------------
// Client → server

/** How a connection proves who it is. Exactly one `hello` per connection, as its first message. */
export const HelloAuth = z.discriminatedUnion('kind', [
  /** The counsellor, with the bearer token of the server's auth; opens the appointment's room. */
  z.object({ kind: z.literal('counsellor'), token: Token, appointmentId: Id }),
  /** A guest with the signed link token and the consent id returned by `POST /guest/api/consent`. */
  z.object({ kind: z.literal('guest'), link: Token, consentId: Id }),
  /** Back after a short drop: keeps participant id, role and admission. */
  z.object({ kind: z.literal('resume'), resumeToken: Token }),
]);
export type HelloAuth = z.infer<typeof HelloAuth>;

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), v: z.literal(PROTOCOL_VERSION), auth: HelloAuth, displayName: DisplayName }).strict(),
  /** Counsellor only: let a waiting guest into the call. */
  z.object({ type: z.literal('admit'), participantId: ParticipantId }).strict(),
  /** Counsellor only: turn a waiting guest away (the guest sees a clear message and the alternative). */
  z.object({ type: z.literal('refuse'), participantId: ParticipantId, reason: z.enum(['not_expected', 'reschedule', 'other']).default('other') }).strict(),
  /** Counsellor only: remove an admitted guest from the call. */
  z.object({ type: z.literal('remove'), participantId: ParticipantId }).strict(),
  /** Admitted participants: simple-peer signal data for one peer in the same room. */
  z.object({ type: z.literal('signal'), to: ParticipantId, data: SignalData }).strict(),
  /** Fresh TURN credentials (they expire; ask before `expiresAt`). Admitted participants only. */
  z.object({ type: z.literal('ice.refresh') }).strict(),
  /** Application heartbeat; the server answers `pong` with the same id. */
  z.object({ type: z.literal('ping'), id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict(),
  /** Leave for good (no resume). */
  z.object({ type: z.literal('leave') }).strict(),
  /** Counsellor only: end the call for everybody. */
  z.object({ type: z.literal('close') }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageInput = z.input<typeof ClientMessage>;

// ---------------------------------------------------------------------------------------------------------
// Server → client

export const SignallingErrorCode = z.enum([
  'BAD_JSON',
  'INVALID_MESSAGE',
  'TOO_LARGE',
  'RATE_LIMITED',
  'HELLO_REQUIRED',
  'ALREADY_JOINED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'LINK_INVALID',
  'LINK_EXPIRED',
  'LINK_USED',
  'LINK_REVOKED',
  'LINK_CANCELLED',
  'LINK_MOVED',
  'LINK_ENDED',
  'CONSENT_REQUIRED',
  'RESUME_FAILED',
  'NOT_ADMITTED',
  'NOT_COUNSELLOR',
  'UNKNOWN_PARTICIPANT',
  'ROOM_FULL',
  'WAITING_ROOM_FULL',
  'ROOM_CLOSED',
  'TURN_UNAVAILABLE',
  'INTERNAL',
]);
export type SignallingErrorCode = z.infer<typeof SignallingErrorCode>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.literal(PROTOCOL_VERSION),
    roomId: Id,
    self: Participant,
    state: z.enum(['waiting', 'admitted']),
    /** Present this with `hello{auth:{kind:'resume'}}` after a drop, within `resumeGraceMs`; `resume.token` renews it. */
    resumeToken: Token,
    resumeGraceMs: z.number().int().positive(),
    heartbeatMs: z.number().int().positive(),
    /** Admitted participants (only when `state` is admitted). */
    participants: z.array(Participant),
    /** Guests in the waiting room (counsellor only; empty for guests). */
    waiting: z.array(Participant),
    iceServers: z.array(IceServer),
    iceExpiresAt: IsoDateTime.nullable(),
    /** True when this hello resumed an earlier connection: peers may need an ICE restart. */
    resumed: z.boolean(),
  }),
  /** To a waiting guest: you are in; start peers with `participants` (they will call you: see README). */
  z.object({ type: z.literal('admitted'), participants: z.array(Participant), iceServers: z.array(IceServer), iceExpiresAt: IsoDateTime.nullable() }),
  /** To a waiting guest: the counsellor turned you away. The connection closes after this. */
  z.object({ type: z.literal('refused'), reason: z.enum(['not_expected', 'reschedule', 'other']) }),
  /** To the counsellor: someone is waiting / stopped waiting. */
  z.object({ type: z.literal('waiting.joined'), participant: Participant }),
  z.object({ type: z.literal('waiting.left'), participantId: ParticipantId }),
  /** To admitted participants: a peer joined the call (the newcomer initiates the simple-peer connection). */
  z.object({ type: z.literal('participant.joined'), participant: Participant }),
  /** A peer's connection dropped or came back inside the resume grace period. */
  z.object({ type: z.literal('participant.connection'), participantId: ParticipantId, connected: z.boolean() }),
  z.object({ type: z.literal('participant.left'), participantId: ParticipantId, reason: z.enum(['left', 'timeout', 'removed']) }),
  z.object({ type: z.literal('signal'), from: ParticipantId, data: SignalData }),
  z.object({ type: z.literal('ice.servers'), iceServers: z.array(IceServer), iceExpiresAt: IsoDateTime.nullable() }),
  /**
   * With every heartbeat: the resume token to present after a drop from now on. Tokens live only a little longer
   * than `resumeGraceMs`, and each works once: the newest one received is the one to keep.
   */
  z.object({ type: z.literal('resume.token'), resumeToken: Token }),
  z.object({ type: z.literal('pong'), id: z.number().int().nonnegative() }),
  /** The counsellor ended the call or the room expired; the connection closes after this. */
  z.object({ type: z.literal('room.closed'), reason: z.enum(['ended', 'removed', 'expired']) }),
  z.object({
    type: z.literal('error'),
    code: SignallingErrorCode,
    /** German, says what to do. */
    message: z.string(),
    /** The `type` of the message that caused it, when it could be read. */
    ref: z.string().max(64).optional(),
    /** True when the server closes the connection after this error. */
    fatal: z.boolean(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** WebSocket close codes the server uses (4000–4999 are the application's). */
export const CloseCode = {
  normal: 1000,
  policy: 1008,
  tooBig: 1009,
  /** Too many connections from this address or in total (issue 13, M2): try again in a few seconds. */
  tryAgainLater: 1013,
  helloTimeout: 4001,
  unauthorized: 4003,
  refused: 4004,
  roomClosed: 4005,
  replaced: 4006,
  heartbeatTimeout: 4008,
} as const;

/**
 * The counsellor's side of a video consultation. The back office holds the signalling connection to the server
 * (src-main/services/signalling) and carries only SDP/ICE and room events; audio and video flow between the
 * renderer's RTCPeerConnections and never pass the main process or the server.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from '../../domain/appointment.js';
import { IceServer, Participant, ParticipantId, ServerMessage, SignalData } from '../../signalling/messages.js';
import { event, method } from '../define.js';

/** What the renderer needs to start its peers: who it is, who is in the room, who waits, which TURN to use. */
export const SessionSnapshot = z.object({
  appointmentId: Id,
  roomId: Id,
  self: Participant,
  participants: z.array(Participant),
  waiting: z.array(Participant),
  iceServers: z.array(IceServer),
  iceExpiresAt: IsoDateTime.nullable(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

export const SessionConnectionState = z.enum(['connecting', 'open', 'resuming', 'closed']);
export type SessionConnectionState = z.infer<typeof SessionConnectionState>;

/** A window or screen offered by the app's own share picker (Electron); the web shell uses the browser's. */
export const DisplaySource = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  kind: z.enum(['window', 'screen']),
  /** PNG data URL of a small preview. */
  thumbnail: z.string().max(2_000_000).regex(/^data:image\/png;base64,/),
});
export type DisplaySource = z.infer<typeof DisplaySource>;

const Empty = z.object({}).strict();
const Ok = z.object({});

export const sessionMethods = {
  /** Open (or rejoin) the appointment's room as its counsellor. */
  'session.open': method(z.object({ appointmentId: Id }).strict(), SessionSnapshot),
  'session.admit': method(z.object({ participantId: ParticipantId }).strict(), Ok),
  'session.refuse': method(z.object({ participantId: ParticipantId, reason: z.enum(['not_expected', 'reschedule', 'other']) }).strict(), Ok),
  'session.remove': method(z.object({ participantId: ParticipantId }).strict(), Ok),
  /** simple-peer signal data for one peer of the room. */
  'session.signal': method(z.object({ to: ParticipantId, data: SignalData }).strict(), Ok),
  /** Ask for fresh TURN credentials; they arrive as a `session.message` of type `ice.servers`. */
  'session.refreshIce': method(Empty, Ok),
  /** Leave the room; `endForAll` closes it for every participant. */
  'session.leave': method(z.object({ endForAll: z.boolean() }).strict(), Ok),
  /** The user's answer to `session.displayPicker`: the window or screen to share, or null to cancel. */
  'session.pickDisplay': method(z.object({ requestId: Id, sourceId: z.string().min(1).max(200).nullable() }).strict(), Ok),
} as const;

export const sessionEvents = {
  /** Every message of the server for the open room, unchanged (waiting room, participants, signals, ICE). */
  'session.message': event(ServerMessage),
  'session.connection': event(z.object({ state: SessionConnectionState })),
  /** Electron: the page asked to share; choose a source (windows first, a single window by default). */
  'session.displayPicker': event(z.object({ requestId: Id, sources: z.array(DisplaySource).max(100) })),
} as const;

/**
 * The counsellor's room connection, as the back office holds it: one signalling client per open appointment
 * (the server allows one room at a time per counsellor connection), its messages forwarded to the renderer as
 * `session.message`, and the renderer's admit/refuse/signal calls sent back. Only SDP and ICE candidates pass
 * through here; the media stays between the renderer's peer connections.
 */
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { SessionConnectionState, SessionSnapshot } from '../../../src-shared/ipc/features/session.js';
import type { ClientMessageInput, ServerMessage, SignalData } from '../../../src-shared/signalling/messages.js';
import { SignallingClient } from '../signalling/client.js';

/** Who the counsellor is on the server: the server session's credentials (services/server-session). */
export interface ServerSession {
  readonly serverUrl: string;
  readonly token: string;
  readonly displayName: string;
}

export interface CallSessionOptions {
  /** The server session's credentials (renewed first after a restart), or null when not signed in. */
  readonly serverSession: () => Promise<ServerSession | null>;
  readonly onMessage: (message: ServerMessage) => void;
  readonly onConnection: (state: SessionConnectionState) => void;
  /** For tests: another client (e.g. with resume off). */
  readonly createClient?: (options: ConstructorParameters<typeof SignallingClient>[0]) => SignallingClient;
}

export interface CallSessions {
  open(appointmentId: string): Promise<SessionSnapshot>;
  admit(participantId: string): void;
  refuse(participantId: string, reason: 'not_expected' | 'reschedule' | 'other'): void;
  remove(participantId: string): void;
  signal(to: string, data: SignalData): void;
  refreshIce(): void;
  leave(endForAll: boolean): Promise<void>;
  close(): Promise<void>;
}

/** German texts for the server's refusals of a counsellor's `hello` (the server's own message wins when sent). */
const notSignedIn = () =>
  new IpcError('REFUSED', 'Sie sind nicht am Beratungsraum-Server angemeldet. Bitte melden Sie sich an und öffnen Sie den Termin erneut.');

export function createCallSessions(options: CallSessionOptions): CallSessions {
  const createClient = options.createClient ?? ((o) => new SignallingClient(o));
  let current: { appointmentId: string; client: SignallingClient } | null = null;

  function send(message: ClientMessageInput): void {
    if (!current) throw new IpcError('REFUSED', 'Es ist kein Beratungsraum geöffnet. Öffnen Sie den Termin im Kalender.');
    try {
      current.client.send(message);
    } catch (error) {
      throw new IpcError('SERVICE_FAILED', `${(error as Error).message} Die Verbindung wird automatisch wiederhergestellt; versuchen Sie es gleich noch einmal.`);
    }
  }

  async function leave(endForAll: boolean): Promise<void> {
    const open = current;
    current = null;
    if (!open) return;
    await open.client.leave(endForAll);
    open.client.removeAllListeners();
    options.onConnection('closed');
  }

  return {
    async open(appointmentId) {
      let session: ServerSession | null;
      try {
        session = await options.serverSession();
      } catch (error) {
        throw new IpcError('SERVICE_FAILED', (error as Error).message);
      }
      if (!session) throw notSignedIn();
      if (current) await leave(false);
      const client = createClient({
        serverUrl: session.serverUrl,
        auth: { kind: 'counsellor', token: session.token, appointmentId },
        displayName: session.displayName,
      });
      current = { appointmentId, client };
      client.on('state', (state) => {
        if (current?.client === client) options.onConnection(state);
      });
      client.on('message', (message) => {
        // The resume token stays in the back office; heartbeats are the client's business.
        if (current?.client !== client || message.type === 'welcome' || message.type === 'resume.token' || message.type === 'pong') return;
        options.onMessage(message);
      });
      let welcome;
      try {
        welcome = await client.connect();
      } catch (error) {
        if (current?.client === client) current = null;
        client.destroy();
        const code = (error as { code?: string }).code;
        throw new IpcError(code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? 'REFUSED' : 'SERVICE_FAILED', (error as Error).message);
      }
      return {
        appointmentId,
        roomId: welcome.roomId,
        self: welcome.self,
        participants: welcome.participants,
        waiting: welcome.waiting,
        iceServers: welcome.iceServers,
        iceExpiresAt: welcome.iceExpiresAt,
      };
    },
    admit: (participantId) => send({ type: 'admit', participantId }),
    refuse: (participantId, reason) => send({ type: 'refuse', participantId, reason }),
    remove: (participantId) => send({ type: 'remove', participantId }),
    signal: (to, data) => send({ type: 'signal', to, data }),
    refreshIce: () => send({ type: 'ice.refresh' }),
    leave,
    close: () => leave(false),
  };
}

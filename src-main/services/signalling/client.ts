/**
 * The desktop client's signalling connection (main process, plain Node): one WebSocket to the server's room of
 * an appointment. Validates every frame with the shared schemas, answers heartbeats, and after a drop resumes
 * with the resume token (same participant id, no new admission) until the server's grace period is over.
 *
 * Events: 'message' (every valid ServerMessage), 'state' (connecting | open | resuming | closed), 'protocolError'.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import {
  ClientMessage,
  ServerMessage,
  SIGNALLING_PATH,
  PROTOCOL_VERSION,
  type ClientMessageInput,
  type HelloAuth,
  type ServerMessageOf,
} from '../../../src-shared/signalling/messages.js';

export type ConnectionState = 'connecting' | 'open' | 'resuming' | 'closed';

export interface SignallingClientOptions {
  /** Server origin, e.g. `https://video.example` or `http://127.0.0.1:8080`. */
  serverUrl: string;
  auth: Exclude<HelloAuth, { kind: 'resume' }>;
  displayName: string;
  /** Reconnect automatically after a drop (default true). */
  resume?: boolean;
  /** Headers for the upgrade request (e.g. a proxy's), never the bearer token: that goes in `hello`. */
  headers?: Record<string, string>;
}

export class SignallingClosedError extends Error {
  override readonly name = 'SignallingClosedError';
}

export interface SignallingClientEvents {
  message: [ServerMessage];
  state: [ConnectionState];
  protocolError: [string];
}

export class SignallingClient extends EventEmitter<SignallingClientEvents> {
  private ws: WebSocket | null = null;
  private resumeToken: string | null = null;
  private graceMs = 30_000;
  private droppedAt = 0;
  private closedByUs = false;
  private currentState: ConnectionState = 'connecting';
  private pingTimer: NodeJS.Timeout | null = null;
  private pingId = 0;
  private resumeAttempt = 0;
  /** Last welcome: participant id, role, admission state. */
  welcome: ServerMessageOf<'welcome'> | null = null;

  constructor(private readonly options: SignallingClientOptions) {
    super();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get participantId(): string | null {
    return this.welcome?.self.id ?? null;
  }

  /** Connect and say hello; resolves with `welcome`, rejects with the server's error (or a closed socket). */
  connect(): Promise<ServerMessageOf<'welcome'>> {
    this.closedByUs = false;
    return this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: this.options.auth, displayName: this.options.displayName });
  }

  send(message: ClientMessageInput): void {
    const parsed = ClientMessage.parse(message);
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new SignallingClosedError('Die Signalisierungsverbindung ist nicht offen.');
    this.ws.send(JSON.stringify(parsed));
  }

  /** Resolve with the next message of this type (optionally matching `filter`). */
  next<T extends ServerMessage['type']>(type: T, filter: (m: ServerMessageOf<T>) => boolean = () => true, timeoutMs = 10_000): Promise<ServerMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('message', listener);
        reject(new Error(`Keine Nachricht "${type}" innerhalb von ${timeoutMs} ms.`));
      }, timeoutMs);
      const listener = (m: ServerMessage) => {
        if (m.type === type && filter(m as ServerMessageOf<T>)) {
          clearTimeout(timer);
          this.off('message', listener);
          resolve(m as ServerMessageOf<T>);
        }
      };
      this.on('message', listener);
    });
  }

  /** Leave for good (`leave`), or end the room for all when `endForAll` (counsellor). */
  async leave(endForAll = false): Promise<void> {
    this.closedByUs = true;
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return this.setState('closed');
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.send(JSON.stringify({ type: endForAll ? 'close' : 'leave' }));
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    ws.terminate();
  }

  /** Drop the socket without leaving (tests, network change): the client resumes if enabled. */
  dropConnection(): void {
    this.ws?.terminate();
  }

  /** Close without telling the server (the grace period then runs out on the server). */
  destroy(): void {
    this.closedByUs = true;
    this.ws?.terminate();
    this.setState('closed');
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }

  private open(hello: ClientMessageInput): Promise<ServerMessageOf<'welcome'>> {
    const url = new URL(SIGNALLING_PATH, this.options.serverUrl.replace(/^http/, 'ws'));
    const ws = new WebSocket(url, { headers: this.options.headers ?? {}, perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      let settled = false;
      ws.on('open', () => ws.send(JSON.stringify(ClientMessage.parse(hello))));
      ws.on('message', (data) => {
        let message: ServerMessage;
        try {
          const parsed = ServerMessage.safeParse(JSON.parse(String(data)));
          if (!parsed.success) throw new Error(parsed.error.message);
          message = parsed.data;
        } catch (error) {
          this.emit('protocolError', `Ungültige Nachricht vom Server: ${(error as Error).message}`);
          return;
        }
        if (message.type === 'welcome') {
          this.welcome = message;
          this.resumeToken = message.resumeToken;
          this.graceMs = message.resumeGraceMs;
          this.resumeAttempt = 0;
          this.startPing(message.heartbeatMs);
          this.setState('open');
          if (!settled) {
            settled = true;
            resolve(message);
          }
        } else if (message.type === 'error' && message.fatal && !settled) {
          settled = true;
          reject(Object.assign(new Error(message.message), { code: message.code }));
        } else if (message.type === 'admitted' && this.welcome) {
          this.welcome = { ...this.welcome, state: 'admitted' };
        } else if (message.type === 'refused' || message.type === 'room.closed') {
          this.closedByUs = true;
        }
        this.emit('message', message);
      });
      ws.on('close', (code) => {
        this.stopPing();
        if (this.ws !== ws) return;
        if (!settled) {
          settled = true;
          reject(new SignallingClosedError(`Verbindung geschlossen (${code}).`));
        }
        this.afterClose(code);
      });
      ws.on('error', () => {
        // 'close' follows every 'error' in ws; handled there.
      });
    });
  }

  private afterClose(code: number): void {
    // 4000–4999 other than heartbeat: the server ended our participation on purpose; 1000: we or it closed cleanly.
    const deliberate = code === 1000 || (code >= 4000 && code !== 4008);
    if (this.closedByUs || deliberate || this.options.resume === false || !this.resumeToken) return this.setState('closed');
    if (this.currentState !== 'resuming') this.droppedAt = Date.now();
    this.setState('resuming');
    void this.tryResume(this.resumeAttempt++);
  }

  private async tryResume(attempt: number): Promise<void> {
    if (this.closedByUs || !this.resumeToken) return this.setState('closed');
    if (Date.now() - this.droppedAt > this.graceMs) return this.setState('closed');
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    if (this.closedByUs) return this.setState('closed');
    try {
      await this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'resume', resumeToken: this.resumeToken }, displayName: this.options.displayName });
    } catch (error) {
      if ((error as { code?: string }).code === 'RESUME_FAILED') return this.setState('closed');
      // The close handler of the failed attempt already scheduled the next try.
    }
  }

  private startPing(intervalMs: number): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'ping', id: ++this.pingId }));
    }, intervalMs);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

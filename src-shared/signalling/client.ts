/**
 * The one signalling client, for every participant: the desktop's back office (src-main/services/signalling,
 * Node `ws`) and the guest page (src-renderer/call/browser-signalling.ts, the browser's WebSocket) only supply
 * the socket and the timers. Everything else is here, once: every frame validated with the shared schemas in
 * both directions, `hello` → `welcome`, heartbeats, and after a drop the resume with the resume token (same
 * participant id, no new admission) with backoff until the server's grace period is over.
 *
 * src-shared sees neither DOM nor Node types, hence the two small interfaces below instead of `WebSocket` and
 * `setTimeout`.
 */
import { z } from 'zod';
import { ServerAddressError, serverEndpoint } from '../http/server-endpoint.js';
import {
  ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  ServerMessage,
  SIGNALLING_PATH,
  type ClientMessageInput,
  type HelloAuth,
  type ServerMessageOf,
  type SignallingErrorCode,
} from './messages.js';

export type ConnectionState = 'connecting' | 'open' | 'resuming' | 'closed';

/** What the client needs of one WebSocket connection. The browser's `WebSocket` has this shape as it is. */
export interface SocketLike {
  /** The WebSocket `readyState`; OPEN is 1 in the browser and in `ws` alike. */
  readonly readyState: number;
  send(text: string): void;
  /** End the connection now: called only once the client no longer waits for the server (`ws`: terminate). */
  close(): void;
}

/** What the socket reports; each adapter wires its socket's events to these. */
export interface SocketEvents {
  open(): void;
  /** One text frame. */
  message(text: string): void;
  /** The connection is gone (also after a failed attempt), with the close code. */
  close(code: number): void;
}

/**
 * The host's timer functions, as the browser's `window` and Node's globals have them (handles are opaque here).
 * Method syntax on purpose: the hosts' `clearTimeout` take their own handle type, which method parameters accept.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SignallingTransport {
  /** Open a WebSocket to `url` (`ws:` or `wss:`) and report its events to `events`. */
  openSocket(url: string, events: SocketEvents): SocketLike;
  readonly timers: Timers;
}

export interface SignallingClientOptions {
  /** The server address, e.g. `https://video.example`, `https://video.example/beratungsraum` or `http://127.0.0.1:8080`; signalling is under its base path. */
  readonly serverUrl: string;
  /** Counsellor or guest; or `{kind:'resume', resumeToken}` to take up a place kept from before a page reload. */
  readonly auth: HelloAuth;
  readonly displayName: string;
  /** Reconnect automatically after a drop (default true). */
  readonly resume?: boolean;
}

/** Failures of this client; the server's own codes, or one of the client's. */
export type SignallingFailure = SignallingErrorCode | 'CLOSED' | 'BUSY' | 'TIMEOUT' | 'BAD_URL';

export class SignallingError extends Error {
  override readonly name = 'SignallingError';
  constructor(
    /** The server's error code (`LINK_EXPIRED`, `ROOM_FULL` …), or `CLOSED`, `TIMEOUT`, `BAD_URL` from this client. */
    readonly code: SignallingFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface SignallingClientEvents {
  /** Every valid server message. */
  message: ServerMessage;
  state: ConnectionState;
  /** A frame from the server that is not a valid message: it is dropped, the connection stays. German text. */
  protocolError: string;
}

type Listener<K extends keyof SignallingClientEvents> = (value: SignallingClientEvents[K]) => void;

const OPEN = 1;
/** The first resume waits this long, doubling with every failed attempt up to `MAX_RESUME_DELAY_MS`. */
const FIRST_RESUME_DELAY_MS = 100;
const MAX_RESUME_DELAY_MS = 2000;
/** How long `leave` waits for the server to close after `leave`/`close` before dropping the socket itself. */
const LEAVE_WAIT_MS = 2000;
/** Until the first welcome tells the real one. */
const DEFAULT_GRACE_MS = 30_000;

/** The signalling WebSocket of the server at `serverUrl`, under its base path. */
function signallingUrl(serverUrl: string): string {
  try {
    return serverEndpoint(serverUrl, SIGNALLING_PATH, 'ws');
  } catch (error) {
    if (error instanceof ServerAddressError) throw new SignallingError('BAD_URL', error.message);
    throw error;
  }
}

export class SignallingClient {
  private connection: { socket: SocketLike; closed: Promise<void> } | null = null;
  private resumeToken: string | null = null;
  private graceMs = DEFAULT_GRACE_MS;
  private droppedAt = 0;
  private resumeAttempt = 0;
  private closedByUs = false;
  private currentState: ConnectionState = 'connecting';
  private stopPing: (() => void) | null = null;
  private pingId = 0;
  private readonly listeners: { [K in keyof SignallingClientEvents]: Set<Listener<K>> } = {
    message: new Set(),
    state: new Set(),
    protocolError: new Set(),
  };
  /** Last welcome: participant id, role, admission state. */
  welcome: ServerMessageOf<'welcome'> | null = null;

  constructor(
    private readonly options: SignallingClientOptions,
    private readonly transport: SignallingTransport,
  ) {}

  get state(): ConnectionState {
    return this.currentState;
  }

  get participantId(): string | null {
    return this.welcome?.self.id ?? null;
  }

  /** Subscribe; returns the function that unsubscribes. */
  on<K extends keyof SignallingClientEvents>(event: K, listener: Listener<K>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  removeAllListeners(): void {
    for (const set of Object.values(this.listeners)) set.clear();
  }

  /** Connect and say hello; resolves with `welcome` (waiting or admitted), rejects with the server's refusal. */
  connect(): Promise<ServerMessageOf<'welcome'>> {
    this.closedByUs = false;
    return this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: this.options.auth, displayName: this.options.displayName });
  }

  /** Validate and send; throws `CLOSED` while the connection is not open (e.g. resuming). */
  send(message: ClientMessageInput): void {
    const frame = JSON.stringify(ClientMessage.parse(message));
    const socket = this.connection?.socket;
    if (socket?.readyState !== OPEN) throw new SignallingError('CLOSED', 'Die Signalisierungsverbindung ist nicht offen.');
    socket.send(frame);
  }

  /**
   * Send if the connection is open, else drop the message: for what a resume makes up for by itself (a signal
   * lost while resuming is renegotiated by the ICE restart after it; a missed heartbeat needs no repeat).
   */
  sendIfOpen(message: ClientMessageInput): void {
    if (this.connection?.socket.readyState === OPEN) this.send(message);
  }

  /** Resolve with the next message of this type (optionally matching `filter`); reject after `timeoutMs`. */
  next<T extends ServerMessage['type']>(type: T, filter: (m: ServerMessageOf<T>) => boolean = () => true, timeoutMs = 10_000): Promise<ServerMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const unsubscribe = this.on('message', (m) => {
        if (m.type !== type || !filter(m as ServerMessageOf<T>)) return;
        cancelTimeout();
        unsubscribe();
        resolve(m as ServerMessageOf<T>);
      });
      const cancelTimeout = this.after(timeoutMs, () => {
        unsubscribe();
        reject(new SignallingError('TIMEOUT', `Keine Nachricht "${type}" innerhalb von ${timeoutMs} ms.`));
      });
    });
  }

  /** Leave for good (`leave`), or end the room for all when `endForAll` (counsellor). */
  async leave(endForAll = false): Promise<void> {
    this.closedByUs = true;
    const connection = this.connection;
    if (connection?.socket.readyState !== OPEN) return this.setState('closed');
    this.send({ type: endForAll ? 'close' : 'leave' });
    await new Promise<void>((resolve) => {
      const cancel = this.after(LEAVE_WAIT_MS, resolve);
      void connection.closed.then(() => {
        cancel();
        resolve();
      });
    });
    connection.socket.close();
    this.setState('closed');
  }

  /** Drop the socket without leaving (tests, network change): the client resumes if enabled. */
  dropConnection(): void {
    this.connection?.socket.close();
  }

  /** Close without telling the server (the grace period then runs out on the server). */
  destroy(): void {
    this.closedByUs = true;
    this.connection?.socket.close();
    this.setState('closed');
  }

  private emit<K extends keyof SignallingClientEvents>(event: K, value: SignallingClientEvents[K]): void {
    // A copy: listeners may unsubscribe (as `next` does) or subscribe while being called.
    for (const listener of [...this.listeners[event]]) listener(value);
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }

  private open(hello: ClientMessageInput): Promise<ServerMessageOf<'welcome'>> {
    return new Promise((resolve, reject) => {
      // Both may throw (an invalid display name, a server URL that is none): the promise rejects with it.
      const helloFrame = JSON.stringify(ClientMessage.parse(hello));
      const url = signallingUrl(this.options.serverUrl);
      let settled = false;
      let markClosed: () => void = () => {};
      const closed = new Promise<void>((done) => (markClosed = done));
      const socket = this.transport.openSocket(url, {
        open: () => socket.send(helloFrame),
        message: (text) => {
          const message = this.parse(text);
          if (!message) return;
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
            reject(new SignallingError(message.code, message.message));
          } else if (message.type === 'resume.token') {
            this.resumeToken = message.resumeToken;
          } else if (message.type === 'admitted' && this.welcome) {
            this.welcome = { ...this.welcome, state: 'admitted' };
          } else if (message.type === 'refused' || message.type === 'room.closed') {
            // The server closes next, on purpose: no resume.
            this.closedByUs = true;
          }
          this.emit('message', message);
        },
        close: (code) => {
          markClosed();
          if (this.connection?.socket !== socket) return;
          this.stopPing?.();
          this.stopPing = null;
          if (!settled) {
            settled = true;
            reject(
              code === CloseCode.tryAgainLater
                ? new SignallingError('BUSY', 'Der Server nimmt gerade keine weiteren Verbindungen an. Bitte versuchen Sie es in einigen Sekunden erneut.')
                : new SignallingError('CLOSED', `Die Verbindung zum Server wurde geschlossen (Code ${code}). Prüfen Sie die Internetverbindung und versuchen Sie es erneut.`),
            );
          }
          this.afterClose(code);
        },
      });
      this.connection = { socket, closed };
    });
  }

  /** The frame as a valid server message, or null after reporting why it is none. */
  private parse(text: string): ServerMessage | null {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      this.emit('protocolError', `Ungültige Nachricht vom Server (kein JSON): ${(error as Error).message}`);
      return null;
    }
    const parsed = ServerMessage.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.emit('protocolError', `Ungültige Nachricht vom Server: ${z.prettifyError(parsed.error)}`);
    return null;
  }

  private afterClose(code: number): void {
    // 4000–4999 other than the heartbeat timeout: the server ended this participation on purpose; 1000: closed cleanly.
    const deliberate = code === CloseCode.normal || (code >= 4000 && code !== CloseCode.heartbeatTimeout);
    if (this.closedByUs || deliberate || this.options.resume === false || !this.resumeToken) return this.setState('closed');
    if (this.currentState !== 'resuming') this.droppedAt = Date.now();
    this.setState('resuming');
    void this.tryResume(this.resumeAttempt++);
  }

  private async tryResume(attempt: number): Promise<void> {
    if (this.closedByUs || !this.resumeToken || Date.now() - this.droppedAt > this.graceMs) return this.setState('closed');
    await new Promise<void>((resolve) => this.after(Math.min(MAX_RESUME_DELAY_MS, FIRST_RESUME_DELAY_MS * 2 ** attempt), resolve));
    if (this.closedByUs) return this.setState('closed');
    try {
      await this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'resume', resumeToken: this.resumeToken }, displayName: this.options.displayName });
    } catch (error) {
      if (error instanceof SignallingError && error.code === 'RESUME_FAILED') this.setState('closed');
      // Otherwise the failed attempt's close handler has scheduled the next one.
    }
  }

  private startPing(intervalMs: number): void {
    this.stopPing?.();
    const { timers } = this.transport;
    const interval = timers.setInterval(() => this.sendIfOpen({ type: 'ping', id: ++this.pingId }), intervalMs);
    this.stopPing = () => timers.clearInterval(interval);
  }

  /** Run `callback` once after `ms`; the returned function cancels it. */
  private after(ms: number, callback: () => void): () => void {
    const { timers } = this.transport;
    const timeout = timers.setTimeout(callback, ms);
    return () => timers.clearTimeout(timeout);
  }
}

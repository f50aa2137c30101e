/**
 * The signalling connection of a browser participant (the guest page): the same protocol and resume rules as the
 * desktop's Node client (src-main/services/signalling/client.ts), on the browser's WebSocket. Every frame is
 * validated with the shared schemas in both directions.
 */
import {
  ClientMessage,
  PROTOCOL_VERSION,
  ServerMessage,
  SIGNALLING_PATH,
  type ClientMessageInput,
  type HelloAuth,
  type ServerMessageOf,
} from '../../src-shared/signalling/messages.js';
import type { CallSignalling, SignallingState } from './call-signalling.js';

export class SignallingError extends Error {
  override readonly name = 'SignallingError';
  constructor(
    /** The server's error code (`LINK_EXPIRED`, `ROOM_FULL` …) or `CLOSED`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface BrowserSignallingOptions {
  /** Server origin; the guest page passes its own `location.origin`. */
  readonly serverUrl: string;
  /** Link or account; or `{kind:'resume', resumeToken}` to take up a place kept from before a page reload. */
  readonly auth: HelloAuth;
  readonly displayName: string;
}

export class BrowserSignalling implements CallSignalling {
  private ws: WebSocket | null = null;
  private resumeToken: string | null = null;
  private graceMs = 30_000;
  private droppedAt = 0;
  private attempt = 0;
  private closedByUs = false;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pingId = 0;
  private state: SignallingState = 'connecting';
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly stateListeners = new Set<(state: SignallingState) => void>();
  welcome: ServerMessageOf<'welcome'> | null = null;

  constructor(private readonly options: BrowserSignallingOptions) {}

  /** Connect and say hello; resolves with `welcome` (waiting or admitted), rejects with the server's refusal. */
  connect(): Promise<ServerMessageOf<'welcome'>> {
    this.closedByUs = false;
    return this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: this.options.auth, displayName: this.options.displayName });
  }

  signal(to: string, data: ServerMessageOf<'signal'>['data']): void {
    this.send({ type: 'signal', to, data });
  }

  refreshIce(): void {
    this.send({ type: 'ice.refresh' });
  }

  onMessage(listener: (message: ServerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onState(listener: (state: SignallingState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async leave(endForAll: boolean): Promise<void> {
    this.closedByUs = true;
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return this.setState('closed');
    const closed = new Promise<void>((resolve) => ws.addEventListener('close', () => resolve(), { once: true }));
    ws.send(JSON.stringify({ type: endForAll ? 'close' : 'leave' }));
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    ws.close();
    this.setState('closed');
  }

  private send(message: ClientMessageInput): void {
    // While resuming, a signal is dropped: the ICE restart after the resume renegotiates what was lost.
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(ClientMessage.parse(message)));
  }

  private setState(state: SignallingState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private open(hello: ClientMessageInput): Promise<ServerMessageOf<'welcome'>> {
    const url = new URL(SIGNALLING_PATH, this.options.serverUrl.replace(/^http/, 'ws'));
    const ws = new WebSocket(url);
    this.ws = ws;
    return new Promise((resolve, reject) => {
      let settled = false;
      ws.addEventListener('open', () => ws.send(JSON.stringify(ClientMessage.parse(hello))));
      ws.addEventListener('message', (event) => {
        let raw: unknown;
        try {
          raw = JSON.parse(String(event.data));
        } catch {
          return;
        }
        const parsed = ServerMessage.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.type === 'welcome') {
          this.welcome = message;
          this.resumeToken = message.resumeToken;
          this.graceMs = message.resumeGraceMs;
          this.attempt = 0;
          this.startPing(message.heartbeatMs);
          this.setState('open');
          if (!settled) {
            settled = true;
            resolve(message);
          }
        } else if (message.type === 'error' && message.fatal && !settled) {
          settled = true;
          reject(new SignallingError(message.code, message.message));
        } else if (message.type === 'refused' || message.type === 'room.closed') {
          this.closedByUs = true;
        }
        for (const listener of this.messageListeners) listener(message);
      });
      ws.addEventListener('close', (event) => {
        this.stopPing();
        if (this.ws !== ws) return;
        if (!settled) {
          settled = true;
          reject(new SignallingError('CLOSED', 'Die Verbindung zum Server wurde geschlossen. Prüfen Sie Ihre Internetverbindung und öffnen Sie den Link erneut.'));
        }
        this.afterClose(event.code);
      });
    });
  }

  private afterClose(code: number): void {
    // 4000–4999 except the heartbeat timeout: the server ended this participation on purpose.
    const deliberate = code === 1000 || (code >= 4000 && code !== 4008);
    if (this.closedByUs || deliberate || !this.resumeToken) return this.setState('closed');
    if (this.state !== 'resuming') this.droppedAt = Date.now();
    this.setState('resuming');
    void this.tryResume(this.attempt++);
  }

  private async tryResume(attempt: number): Promise<void> {
    if (this.closedByUs || !this.resumeToken || Date.now() - this.droppedAt > this.graceMs) return this.setState('closed');
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    if (this.closedByUs) return this.setState('closed');
    try {
      await this.open({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'resume', resumeToken: this.resumeToken }, displayName: this.options.displayName });
    } catch (error) {
      if (error instanceof SignallingError && error.code === 'RESUME_FAILED') this.setState('closed');
      // Otherwise the failed attempt's close handler scheduled the next one.
    }
  }

  private startPing(intervalMs: number): void {
    this.stopPing();
    this.pingTimer = setInterval(() => this.send({ type: 'ping', id: ++this.pingId }), intervalMs);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

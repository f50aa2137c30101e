/**
 * The signalling hub of one server process: WebSocket connections, validation, limits, the waiting room and
 * relaying simple-peer signal data between participants of the same room. Room membership and events go
 * through a `RoomStore` (memory or Redis), so processes behind a load balancer share rooms.
 *
 * Isolation: a connection is bound to exactly one room at `hello`; everything it sends is published only on that
 * room's channel, and delivery looks up recipients only among that room's local connections.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  type HelloAuth,
  type Participant,
  type ParticipantId,
  type ServerMessage,
  type SignallingErrorCode,
} from '../../src-shared/signalling/messages.js';
import type { GuestLinks } from '../guest/links.js';
import { turnCredentials } from '../turn/credentials.js';
import type { SignallingConfig } from './config.js';
import { SIGNALLING_MESSAGES } from './error-messages.js';
import type { SignallingHost } from './host.js';
import { TokenBucket } from './rate-limit.js';
import { publicParticipant, type Envelope, type RoomStore, type StoredParticipant } from './room-store.js';
import type { TokenSigner } from './signed-token.js';

/**
 * A resume token names the room, the participant and the participant's connection generation (`conn`), and
 * expires. Resuming binds a new generation in the store, atomically and only if the token's generation is still
 * the current one: so a token works once, a replayed or older one is refused (and kicks nobody), and after
 * `leave` or the grace period there is no participant left to resume. Tokens are short-lived instead of good for
 * hours: every heartbeat hands the client a fresh one over its own socket (`resume.token`).
 */
const RESUME_PURPOSE = 'resume/v2';
interface ResumeClaim {
  r: string;
  p: string;
  c: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}
/** Messages kept for a participant whose connection dropped, delivered on resume (same process). */
const GRACE_BUFFER = 128;
/** A client that does not read its socket gets dropped instead of filling the server's memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** ws refuses frames above this outright (closing with 1009); below it, `maxMessageBytes` gets a polite error. */
const HARD_FRAME_LIMIT = 1024 * 1024;

interface Binding {
  roomId: string;
  pid: ParticipantId;
  role: Participant['role'];
  state: 'waiting' | 'admitted';
  conn: string;
  /** `{"type":"signal","from":<pid>,"data":` — the start of every frame relayed from this participant. */
  signalPrefix: string;
}

interface Connection {
  ws: WebSocket;
  /** The connection's TCP/TLS socket, corked while a burst of frames to it is written (see `send`). */
  socket: Duplex;
  corked: boolean;
  ip: string;
  bucket: TokenBucket;
  consecutiveErrors: number;
  alive: boolean;
  binding: Binding | null;
  helloStarted: boolean;
  /** Set when the participant left for good (leave, refused, removed, replaced): no grace period follows. */
  ended: boolean;
  queue: Promise<void>;
  pending: number;
  helloTimer: NodeJS.Timeout | null;
}

interface LocalRoom {
  /** Routing view of the room's membership, kept current from every envelope's delta. */
  view: Map<ParticipantId, StoredParticipant>;
  conns: Map<ParticipantId, Connection>;
  /** Participants of this process whose connection dropped: their grace timers and buffered messages. */
  grace: Map<ParticipantId, { conn: string; timer: NodeJS.Timeout; buffer: string[] }>;
  /** Hellos between `enterRoom` and `bind`: the room must stay subscribed for them. */
  joining: number;
  unsubscribe: Promise<() => Promise<void>>;
}

export interface HubDeps {
  config: SignallingConfig;
  store: RoomStore;
  host: SignallingHost;
  links: GuestLinks;
  signer: TokenSigner;
  log?: (message: string) => void;
}

class Refusal extends Error {
  constructor(
    readonly code: SignallingErrorCode,
    readonly fatal: boolean,
  ) {
    super(SIGNALLING_MESSAGES[code]);
  }
}

const newId = () => randomBytes(12).toString('base64url');

function uncork(c: Connection): void {
  c.corked = false;
  c.socket.uncork();
}

export class SignallingHub {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, LocalRoom>();
  private readonly connections = new Map<WebSocket, Connection>();
  /** Open (and opening) signalling sockets per client address, for `maxSocketsPerIp`. */
  private readonly socketsPerIp = new Map<string, number>();
  private openSockets = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly log: (message: string) => void;
  private closing = false;

  constructor(private readonly deps: HubDeps) {
    this.log = deps.log ?? ((message) => console.warn(`[signalling] ${message}`));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(HARD_FRAME_LIMIT, deps.config.maxMessageBytes + 1), perMessageDeflate: false });
    this.wss.on('connection', (ws: WebSocket, ip: string, socket: Duplex) => this.accept(ws, ip, socket));
    this.heartbeat = setInterval(() => this.beat(), deps.config.heartbeatMs);
    this.heartbeat.unref();
    deps.store.onProcessEvents?.({
      adopted: (roomId, participants) => void this.adopt(roomId, participants).catch((error: unknown) => this.log(`Teilnehmende eines ausgefallenen Prozesses nicht übernommen: ${String(error)}`)),
      revived: () => void this.rebindAll().catch((error: unknown) => this.log(`Verbindungen nicht neu gebunden: ${String(error)}`)),
    });
  }

  /** For the server's `upgrade` event on the signalling path; `ip` is the client's address for the audit. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ip: string): void {
    const { maxSockets, maxSocketsPerIp } = this.deps.config;
    const fromIp = this.socketsPerIp.get(ip) ?? 0;
    if (this.openSockets >= maxSockets || fromIp >= maxSocketsPerIp) {
      // A close code the client can tell apart (and the guest page can word), instead of a bare refused upgrade.
      this.wss.handleUpgrade(req, socket, head, (ws) => ws.close(CloseCode.tryAgainLater, 'too many connections'));
      return;
    }
    // Counted from the upgrade until the TCP socket closes, however the upgrade ends.
    this.socketsPerIp.set(ip, fromIp + 1);
    this.openSockets += 1;
    socket.once('close', () => {
      this.openSockets -= 1;
      const left = (this.socketsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) this.socketsPerIp.set(ip, left);
      else this.socketsPerIp.delete(ip);
    });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, ip, socket));
  }

  /** Number of rooms with a participant on this process (for health and tests). */
  get localRoomCount(): number {
    return this.rooms.size;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    for (const room of this.rooms.values()) for (const g of room.grace.values()) clearTimeout(g.timer);
    await Promise.allSettled([...this.rooms.values()].map(async (room) => (await room.unsubscribe)()));
    this.rooms.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------------------------
  // Connections

  private accept(ws: WebSocket, ip: string, socket: Duplex): void {
    const { config } = this.deps;
    const c: Connection = {
      ws,
      socket,
      corked: false,
      ip,
      bucket: new TokenBucket(config.ratePerSecond, config.rateBurst),
      consecutiveErrors: 0,
      alive: true,
      binding: null,
      helloStarted: false,
      ended: false,
      queue: Promise.resolve(),
      pending: 0,
      helloTimer: setTimeout(() => {
        if (!c.binding) ws.close(CloseCode.helloTimeout, 'hello timeout');
      }, config.helloTimeoutMs),
    };
    this.connections.set(ws, c);
    ws.on('pong', () => (c.alive = true));
    ws.on('message', (data, isBinary) => this.receive(c, data, isBinary));
    ws.on('close', () => {
      if (c.helloTimer) clearTimeout(c.helloTimer);
      this.connections.delete(ws);
      this.dropped(c).catch((error: unknown) => this.log(`Verbindungsende nicht verarbeitet: ${String(error)}`));
    });
    ws.on('error', () => ws.terminate());
  }

  private beat(): void {
    for (const [ws, c] of this.connections) {
      if (!c.alive) {
        ws.terminate();
        continue;
      }
      c.alive = false;
      ws.ping();
      // A fresh resume token with every beat, so the one a client holds when its connection drops is recent.
      const b = c.binding;
      if (b && !c.ended) this.send(c, { type: 'resume.token', resumeToken: this.resumeToken(b.roomId, b.pid, b.conn) });
    }
  }

  private receive(c: Connection, data: RawData, isBinary: boolean): void {
    c.alive = true;
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (!c.bucket.take()) return this.error(c, 'RATE_LIMITED');
    if (size > this.deps.config.maxMessageBytes) return this.error(c, 'TOO_LARGE');
    if (isBinary) return this.error(c, 'BAD_JSON');
    let raw: unknown;
    try {
      // ws hands text frames over as Buffer (ArrayBuffer/fragments only with other binaryType settings).
      raw = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8'));
    } catch {
      return this.error(c, 'BAD_JSON');
    }
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      return this.error(c, 'INVALID_MESSAGE', typeof type === 'string' ? type.slice(0, 64) : undefined);
    }
    const msg = parsed.data;
    // Hot path: a signal to a peer this process knows is admitted, with nothing queued before it, is relayed at
    // once (still in order: the queue is empty). Everything else goes through the queue.
    if (msg.type === 'signal' && c.pending === 0 && c.binding?.state === 'admitted' && msg.to !== c.binding.pid) {
      const b = c.binding;
      if (this.rooms.get(b.roomId)?.view.get(msg.to)?.state === 'admitted') {
        c.consecutiveErrors = 0;
        const envelope: Envelope = { to: { pid: msg.to }, msg: { type: 'signal', from: b.pid, data: msg.data } };
        const { store } = this.deps;
        if (store.publishNow) {
          // In-process delivery: serialise only the validated `data` behind the participant's fixed prefix.
          envelope.frame = b.signalPrefix + JSON.stringify(msg.data) + '}';
          return store.publishNow(b.roomId, envelope);
        }
        store.publish(b.roomId, envelope).catch((error: unknown) => {
          this.log(`Weiterleitung fehlgeschlagen: ${String(error)}`);
          this.error(c, 'INTERNAL', 'signal');
        });
        return;
      }
    }
    // Handle one message of a connection at a time, in order: a `signal` sent right after `hello` must see the binding.
    if (c.pending >= 256) return this.error(c, 'RATE_LIMITED', msg.type);
    c.pending += 1;
    c.queue = c.queue
      .then(() => this.handle(c, msg))
      .then(
        () => {
          c.consecutiveErrors = 0;
        },
        (error: unknown) => {
          if (error instanceof Refusal) this.error(c, error.code, msg.type, error.fatal);
          else {
            this.log(`Fehler bei "${msg.type}": ${error instanceof Error ? error.stack : String(error)}`);
            this.error(c, 'INTERNAL', msg.type);
          }
        },
      )
      .finally(() => {
        c.pending -= 1;
      });
  }

  private send(c: Connection, msg: ServerMessage | string): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      c.ws.terminate();
      return;
    }
    // Frames of one burst (a client's TCP read often carries several ICE candidates; a Redis read several
    // envelopes) go out in one write instead of one syscall each: cork the socket, uncork once the current
    // synchronous run is over. Order and content are unchanged; the delay is at most the rest of this tick.
    if (!c.corked) {
      c.corked = true;
      c.socket.cork();
      process.nextTick(uncork, c);
    }
    c.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  private error(c: Connection, code: SignallingErrorCode, ref?: string, fatal = false): void {
    c.consecutiveErrors += 1;
    const closing = fatal || c.consecutiveErrors >= this.deps.config.maxConsecutiveErrors;
    this.send(c, { type: 'error', code, message: SIGNALLING_MESSAGES[code], ...(ref ? { ref } : {}), fatal: closing });
    if (closing) {
      // A refused resume is a refused credential too: with 1008 the client would take the drop for a network
      // failure and try again and again until its grace period ran out, its reconnect notice up all the while.
      const closeCode = code === 'UNAUTHORIZED' || code === 'FORBIDDEN' || code.startsWith('LINK_') || code === 'CONSENT_REQUIRED' || code === 'RESUME_FAILED' ? CloseCode.unauthorized : code === 'ROOM_CLOSED' ? CloseCode.roomClosed : CloseCode.policy;
      c.ws.close(closeCode, code);
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Messages

  private async handle(c: Connection, msg: ClientMessage): Promise<void> {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (msg.type === 'ping') return this.send(c, { type: 'pong', id: msg.id });
    if (msg.type === 'hello') {
      if (c.helloStarted) throw new Refusal('ALREADY_JOINED', false);
      c.helloStarted = true;
      try {
        return await this.hello(c, msg.auth, msg.displayName);
      } catch (error) {
        // A failed hello may be retried on a new connection only: this one is closed.
        if (error instanceof Refusal) throw new Refusal(error.code, true);
        throw error;
      }
    }
    const b = c.binding;
    if (!b) throw new Refusal('HELLO_REQUIRED', false);
    switch (msg.type) {
      case 'signal': {
        if (b.state !== 'admitted') throw new Refusal('NOT_ADMITTED', false);
        if (msg.to === b.pid || !(await this.isAdmitted(b.roomId, msg.to))) throw new Refusal('UNKNOWN_PARTICIPANT', false);
        return this.deps.store.publish(b.roomId, { to: { pid: msg.to }, msg: { type: 'signal', from: b.pid, data: msg.data } });
      }
      case 'ice.refresh': {
        if (b.state !== 'admitted') throw new Refusal('NOT_ADMITTED', false);
        const grant = turnCredentials(this.deps.config.turn, b.pid);
        if (grant.iceServers.length === 0) throw new Refusal('TURN_UNAVAILABLE', false);
        return this.send(c, { type: 'ice.servers', iceServers: grant.iceServers, iceExpiresAt: grant.expiresAt });
      }
      case 'admit':
        return this.admit(c, b, msg.participantId);
      case 'refuse':
        return this.refuse(c, b, msg.participantId, msg.reason);
      case 'remove':
        return this.remove(c, b, msg.participantId);
      case 'leave':
        return this.leave(c, b);
      case 'close':
        return this.closeRoom(c, b);
    }
  }

  private async hello(c: Connection, auth: HelloAuth, displayName: string): Promise<void> {
    if (auth.kind === 'resume') return this.resume(c, auth.resumeToken);
    const { host, links, config, store } = this.deps;
    let participant: StoredParticipant;
    let roomId: string;
    let redeem: (() => Promise<void>) | null = null;
    if (auth.kind === 'counsellor') {
      const user = await host.authenticate(auth.token, c.ip, 'signalling.open');
      if (!user) throw new Refusal('UNAUTHORIZED', true);
      // Not the host's appointment, or a BPS one for a non-BPS user: the host audits the refusal.
      if (!(await host.mayHost(user, auth.appointmentId, c.ip, 'signalling.open'))) throw new Refusal('FORBIDDEN', true);
      roomId = auth.appointmentId;
      participant = { id: newId(), role: 'counsellor', displayName: user.displayName, state: 'admitted', connected: true, conn: newId(), principal: user.id };
    } else {
      const checked = await links.check(auth.link, { ip: c.ip, action: 'signalling.hello' });
      if (!checked.ok) throw new Refusal(checked.code, true);
      const { link } = checked;
      if (!(await links.hasConsent(link.linkId, auth.consentId))) throw new Refusal('CONSENT_REQUIRED', true);
      roomId = link.appointmentId;
      participant = { id: newId(), role: link.role, displayName, state: 'waiting', connected: true, conn: newId(), principal: link.linkId, since: new Date().toISOString() };
      redeem = async () => {
        const redeemed = await links.redeem(auth.link, { ip: c.ip, action: 'signalling.hello' });
        if (!redeemed.ok) throw new Refusal(redeemed.code, true);
      };
    }

    // Subscribe before joining, so no event published after our join can be missed.
    const room = await this.enterRoom(roomId);
    try {
      const joined = await store.join(roomId, participant, { maxParticipants: config.maxParticipants, maxWaiting: config.maxWaiting });
      if (!joined.ok) throw new Refusal(joined.code, true);
      if (redeem) {
        // Use up the link only once the waiting room took the guest, so a full room does not burn a single-use link.
        try {
          await redeem();
        } catch (error) {
          await store.remove(roomId, participant.id);
          throw error;
        }
      }
      for (const m of joined.members) room.view.set(m.id, m);
      this.bind(c, room, roomId, participant, joined.members, false);
    } finally {
      await this.joined(roomId, room);
    }
    await store.publish(roomId, {
      to: participant.state === 'admitted' ? { scope: 'admitted' } : { scope: 'counsellors' },
      except: participant.id,
      msg: participant.state === 'admitted' ? { type: 'participant.joined', participant: publicParticipant(participant) } : { type: 'waiting.joined', participant: publicParticipant(participant) },
      delta: { op: 'upsert', participant },
      bound: { pid: participant.id, conn: participant.conn },
    });
  }

  /**
   * Long enough for the last token a client received (at most one heartbeat old) to outlast the server noticing
   * a dead socket (up to two heartbeats) plus the grace period that follows; not a moment more.
   */
  private get resumeTokenLifetimeMs(): number {
    return this.deps.config.resumeGraceMs + 2 * this.deps.config.heartbeatMs;
  }

  private resumeToken(roomId: string, pid: ParticipantId, conn: string): string {
    const claim: ResumeClaim = { r: roomId, p: pid, c: conn, e: Date.now() + this.resumeTokenLifetimeMs };
    return this.deps.signer.sign(RESUME_PURPOSE, claim);
  }

  private async resume(c: Connection, token: string): Promise<void> {
    const verified = this.deps.signer.verify<Partial<Record<keyof ResumeClaim, unknown>>>(RESUME_PURPOSE, token);
    if (!verified.ok) throw new Refusal('RESUME_FAILED', true);
    const { r, p, c: generation, e } = verified.payload;
    if (typeof r !== 'string' || typeof p !== 'string' || typeof generation !== 'string' || typeof e !== 'number' || e < Date.now()) throw new Refusal('RESUME_FAILED', true);
    const room = await this.enterRoom(r);
    const conn = newId();
    let participant: StoredParticipant | null;
    let grace;
    try {
      // Compare-and-set on the generation: of two hellos with the same token, one wins and the other is refused.
      participant = await this.deps.store.setConnection(r, p, { connected: true, conn, ifConn: generation });
      if (!participant && (await this.deps.store.isClosed(r))) {
        // Ended while this participant was away (a drop, a server restart): it learns so now, as the others did.
        c.ended = true;
        this.send(c, { type: 'room.closed', reason: 'ended' });
        c.ws.close(CloseCode.roomClosed, 'room_closed');
        return;
      }
      if (!participant) throw new Refusal('RESUME_FAILED', true);
      const members = await this.deps.store.members(r);
      for (const m of members) room.view.set(m.id, m);
      grace = room.grace.get(p);
      room.grace.delete(p);
      if (grace) clearTimeout(grace.timer);
      this.bind(c, room, r, participant, members, true);
    } finally {
      await this.joined(r, room);
    }
    // Messages addressed to the participant while away (same process only; elsewhere peers restart ICE).
    for (const frame of grace?.buffer ?? []) this.send(c, frame);
    await this.announceConnection(r, participant, { pid: p, conn });
  }

  /** Attach the connection to its participant and send `welcome`. */
  private bind(c: Connection, room: LocalRoom, roomId: string, p: StoredParticipant, members: StoredParticipant[], resumed: boolean): void {
    if (c.helloTimer) clearTimeout(c.helloTimer);
    c.helloTimer = null;
    const previous = room.conns.get(p.id);
    if (previous && previous !== c) {
      previous.ended = true;
      previous.ws.close(CloseCode.replaced, 'replaced');
    }
    c.binding = { roomId, pid: p.id, role: p.role, state: p.state, conn: p.conn, signalPrefix: `{"type":"signal","from":${JSON.stringify(p.id)},"data":` };
    room.conns.set(p.id, c);
    const admitted = p.state === 'admitted';
    const grant = admitted ? turnCredentials(this.deps.config.turn, p.id) : { iceServers: [], expiresAt: null };
    this.send(c, {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      roomId,
      self: publicParticipant(p),
      state: p.state,
      resumeToken: this.resumeToken(roomId, p.id, p.conn),
      resumeGraceMs: this.deps.config.resumeGraceMs,
      heartbeatMs: this.deps.config.heartbeatMs,
      participants: admitted ? members.filter((m) => m.state === 'admitted' && m.id !== p.id).map(publicParticipant) : [],
      waiting: p.role === 'counsellor' ? members.filter((m) => m.state === 'waiting').map(publicParticipant) : [],
      iceServers: grant.iceServers,
      iceExpiresAt: grant.expiresAt,
      resumed,
    });
  }

  private requireCounsellor(b: Binding): void {
    if (b.role !== 'counsellor') throw new Refusal('NOT_COUNSELLOR', false);
  }

  private async admit(_c: Connection, b: Binding, pid: ParticipantId): Promise<void> {
    this.requireCounsellor(b);
    const { store, config } = this.deps;
    const outcome = await store.admit(b.roomId, pid, config.maxParticipants);
    if (!outcome.ok) throw new Refusal(outcome.code, false);
    const p = outcome.participant;
    // Peers learn of the newcomer before the newcomer learns of them, so its offers never arrive unannounced.
    await store.publish(b.roomId, { to: { scope: 'admitted' }, except: pid, msg: { type: 'participant.joined', participant: publicParticipant(p) }, delta: { op: 'upsert', participant: p } });
    const grant = turnCredentials(config.turn, pid);
    await store.publish(b.roomId, {
      to: { pid },
      msg: { type: 'admitted', participants: outcome.members.filter((m) => m.state === 'admitted' && m.id !== pid).map(publicParticipant), iceServers: grant.iceServers, iceExpiresAt: grant.expiresAt },
    });
  }

  private async refuse(_c: Connection, b: Binding, pid: ParticipantId, reason: 'not_expected' | 'reschedule' | 'other'): Promise<void> {
    this.requireCounsellor(b);
    const { store } = this.deps;
    const p = await store.get(b.roomId, pid);
    if (!p || p.state !== 'waiting') throw new Refusal('UNKNOWN_PARTICIPANT', false);
    await store.remove(b.roomId, pid);
    await store.publish(b.roomId, { to: { pid }, msg: { type: 'refused', reason }, thenClose: 'refused', delta: { op: 'delete', pid } });
    await store.publish(b.roomId, { to: { scope: 'counsellors' }, msg: { type: 'waiting.left', participantId: pid } });
  }

  private async remove(_c: Connection, b: Binding, pid: ParticipantId): Promise<void> {
    this.requireCounsellor(b);
    const { store } = this.deps;
    const p = await store.get(b.roomId, pid);
    if (!p || p.role === 'counsellor') throw new Refusal('UNKNOWN_PARTICIPANT', false);
    if (p.state === 'waiting') return this.refuse(_c, b, pid, 'other');
    await store.remove(b.roomId, pid);
    await store.publish(b.roomId, { to: { pid }, msg: { type: 'room.closed', reason: 'removed' }, thenClose: 'removed', delta: { op: 'delete', pid } });
    await store.publish(b.roomId, { to: { scope: 'admitted' }, msg: { type: 'participant.left', participantId: pid, reason: 'removed' } });
  }

  private async leave(c: Connection, b: Binding): Promise<void> {
    c.ended = true;
    await this.announceGone(b.roomId, b.pid, b.state, 'left');
    c.ws.close(CloseCode.normal, 'left');
  }

  private async closeRoom(c: Connection, b: Binding): Promise<void> {
    this.requireCounsellor(b);
    c.ended = true;
    await this.deps.store.closeRoom(b.roomId);
    await this.deps.store.publish(b.roomId, { to: { scope: 'all' }, except: b.pid, msg: { type: 'room.closed', reason: 'ended' }, thenClose: 'room_closed', delta: { op: 'reset' } });
    c.ws.close(CloseCode.normal, 'closed');
  }

  /** Remove a participant from the store (if still there) and tell the others. */
  private async announceGone(roomId: string, pid: ParticipantId, state: 'waiting' | 'admitted', reason: 'left' | 'timeout', ifDisconnectedConn?: string): Promise<void> {
    const removed = await this.deps.store.remove(roomId, pid, ifDisconnectedConn);
    if (!removed) return;
    const current = removed.state ?? state;
    await this.deps.store.publish(roomId, {
      to: current === 'admitted' ? { scope: 'admitted' } : { scope: 'counsellors' },
      except: pid,
      msg: current === 'admitted' ? { type: 'participant.left', participantId: pid, reason } : { type: 'waiting.left', participantId: pid },
      delta: { op: 'delete', pid },
    });
  }

  /** Socket closed. Unless the participant left for good, keep the place for the grace period. */
  private async dropped(c: Connection): Promise<void> {
    const b = c.binding;
    if (!b) return;
    const room = this.rooms.get(b.roomId);
    if (room && room.conns.get(b.pid) === c) room.conns.delete(b.pid);
    if (c.ended || !room) {
      await this.leaveRoomIfEmpty(b.roomId);
      return;
    }
    const participant = await this.deps.store.setConnection(b.roomId, b.pid, { connected: false, ifConn: b.conn });
    if (!participant) {
      await this.leaveRoomIfEmpty(b.roomId);
      return;
    }
    this.startGrace(b.roomId, room, participant);
    await this.announceConnection(b.roomId, participant);
  }

  /** Keep a disconnected participant's place for the grace period, then let it go with `timeout`. */
  private startGrace(roomId: string, room: LocalRoom, p: StoredParticipant): void {
    const previous = room.grace.get(p.id);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      room.grace.delete(p.id);
      this.announceGone(roomId, p.id, p.state, 'timeout', p.conn)
        .catch((error: unknown) => this.log(`Zeitüberschreitung nicht verarbeitet: ${String(error)}`))
        .finally(() => void this.leaveRoomIfEmpty(roomId));
    }, this.deps.config.resumeGraceMs);
    timer.unref();
    room.grace.set(p.id, { conn: p.conn, timer, buffer: previous?.buffer ?? [] });
  }

  /** Tell the others that a participant's connection dropped or came back. */
  private announceConnection(roomId: string, p: StoredParticipant, bound?: Envelope['bound']): Promise<void> {
    return this.deps.store.publish(roomId, {
      to: p.state === 'admitted' ? { scope: 'admitted' } : { scope: 'counsellors' },
      except: p.id,
      msg: { type: 'participant.connection', participantId: p.id, connected: p.connected },
      delta: { op: 'upsert', participant: p },
      ...(bound ? { bound } : {}),
    });
  }

  /**
   * The store handed this process the participants of a process that stopped giving signs of life. Their sockets
   * died with it (or their clients are already resuming elsewhere): from here on they are this process's dropped
   * connections, so the others see the drop now and the leave only after the grace period, and a client that
   * resumes in time keeps its place.
   */
  private async adopt(roomId: string, participants: StoredParticipant[]): Promise<void> {
    if (this.closing) return;
    const room = await this.enterRoom(roomId);
    try {
      for (const p of participants) {
        room.view.set(p.id, p);
        this.startGrace(roomId, room, p);
      }
    } finally {
      await this.joined(roomId, room);
    }
    for (const p of participants) await this.announceConnection(roomId, p);
  }

  /**
   * This process had been taken for dead (cut off from Redis longer than the liveness TTL) while still holding
   * sockets: claim their participants back, unless a participant has since moved on (resumed elsewhere, or timed
   * out and left). The adopter's grace timer for the same connection then finds the participant connected and
   * removes nothing.
   */
  private async rebindAll(): Promise<void> {
    for (const [roomId, room] of [...this.rooms]) {
      for (const [pid, c] of [...room.conns]) {
        const b = c.binding;
        if (!b || c.ended) continue;
        const p = await this.deps.store.setConnection(roomId, pid, { connected: true, conn: b.conn, ifConn: b.conn });
        if (p) {
          await this.announceConnection(roomId, p, { pid, conn: b.conn });
          continue;
        }
        // Gone from a room that still has members: it timed out meanwhile and the others were told, so the socket
        // goes and the client finds out by resuming. Gone with the whole room: Redis lost its data (a restart
        // without persistence), and the call goes on over this process's view as it always did.
        if ((await this.deps.store.members(roomId)).length === 0) continue;
        c.ended = true;
        room.conns.delete(pid);
        c.ws.close(CloseCode.heartbeatTimeout, 'stale');
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Rooms on this process

  private async enterRoom(roomId: string): Promise<LocalRoom> {
    let room = this.rooms.get(roomId);
    if (!room) {
      const created: LocalRoom = { view: new Map(), conns: new Map(), grace: new Map(), joining: 0, unsubscribe: Promise.resolve(async () => {}) };
      created.unsubscribe = this.deps.store.subscribe(roomId, (envelope) => this.deliver(roomId, envelope));
      this.rooms.set(roomId, created);
      room = created;
    }
    room.joining += 1;
    try {
      await room.unsubscribe;
    } catch (error) {
      room.joining -= 1;
      throw error;
    }
    return room;
  }

  /** Pair of `enterRoom`: the hello is bound (or failed). */
  private joined(roomId: string, room: LocalRoom): Promise<void> {
    room.joining -= 1;
    return this.leaveRoomIfEmpty(roomId);
  }

  private async leaveRoomIfEmpty(roomId: string): Promise<void> {
    const room = this.rooms.get(roomId);
    if (!room || room.conns.size > 0 || room.grace.size > 0 || room.joining > 0) return;
    // A hello in progress holds no connection yet; it re-creates the room entry if it comes after this.
    this.rooms.delete(roomId);
    await (await room.unsubscribe)();
  }

  private async isAdmitted(roomId: string, pid: ParticipantId): Promise<boolean> {
    const room = this.rooms.get(roomId);
    if (room?.view.get(pid)?.state === 'admitted') return true;
    // The view may lag a moment behind the store across processes; the store decides.
    const p = await this.deps.store.get(roomId, pid);
    if (p && room) room.view.set(pid, p);
    return p?.state === 'admitted';
  }

  private deliver(roomId: string, envelope: Envelope): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    const { delta, bound, to, except, msg, thenClose } = envelope;
    if (delta?.op === 'upsert') room.view.set(delta.participant.id, delta.participant);
    else if (delta?.op === 'delete') room.view.delete(delta.pid);
    else if (delta?.op === 'reset') room.view.clear();
    if (bound) {
      // The participant connected elsewhere (resume on another process): close the stale socket, stop its timer.
      const stale = room.conns.get(bound.pid);
      if (stale?.binding && stale.binding.conn !== bound.conn) {
        stale.ended = true;
        room.conns.delete(bound.pid);
        stale.ws.close(CloseCode.replaced, 'replaced');
      }
      const grace = room.grace.get(bound.pid);
      if (grace && grace.conn !== bound.conn) {
        clearTimeout(grace.timer);
        room.grace.delete(bound.pid);
      }
    }
    const frame = envelope.frame ?? JSON.stringify(msg);
    if ('pid' in to) {
      if (to.pid === except) return;
      const c = room.conns.get(to.pid);
      if (c) this.deliverTo(c, msg, frame, thenClose);
      else {
        const grace = room.grace.get(to.pid);
        if (grace && grace.buffer.length < GRACE_BUFFER) grace.buffer.push(frame);
        if (grace && thenClose) {
          clearTimeout(grace.timer);
          room.grace.delete(to.pid);
        }
      }
    } else {
      for (const [pid, c] of [...room.conns]) {
        if (pid === except || !c.binding) continue;
        if (to.scope === 'admitted' && c.binding.state !== 'admitted') continue;
        if (to.scope === 'counsellors' && c.binding.role !== 'counsellor') continue;
        this.deliverTo(c, msg, frame, thenClose);
      }
      if (thenClose === 'room_closed') {
        for (const g of room.grace.values()) clearTimeout(g.timer);
        room.grace.clear();
      }
    }
    if (thenClose) void this.leaveRoomIfEmpty(roomId);
  }

  private deliverTo(c: Connection, msg: ServerMessage, frame: string, thenClose: Envelope['thenClose']): void {
    if (msg.type === 'admitted' && c.binding) c.binding.state = 'admitted';
    this.send(c, frame);
    if (thenClose && c.binding) {
      c.ended = true;
      this.rooms.get(c.binding.roomId)?.conns.delete(c.binding.pid);
      c.ws.close(thenClose === 'refused' ? CloseCode.refused : CloseCode.roomClosed, thenClose);
    }
  }
}

/**
 * Where room membership lives and how room events travel. The in-memory store serves one process (and, kept in a
 * file by file-room-store.ts, survives its restart); the Redis store (redis-room-store.ts) lets several processes
 * share rooms. Both are the source of truth for admission
 * (the participant limit is checked atomically there); each process delivers envelopes to its own sockets.
 */
import type { Participant, ParticipantId, ParticipantRole, ServerMessage } from '../../src-shared/signalling/messages.js';

export interface StoredParticipant {
  id: ParticipantId;
  role: ParticipantRole;
  displayName: string;
  state: 'waiting' | 'admitted';
  connected: boolean;
  /** Nonce of the participant's current connection; a resumed connection gets a new one. */
  conn: string;
  /** Account id (counsellor) or guest link id: for audit and guest-link bookkeeping. */
  principal: string;
  /** Id of the process serving the participant; set by a store shared between processes (Redis). */
  proc?: string;
  /** When a guest entered the waiting room (ISO): the counsellor's "Heute" page says since when someone waits. */
  since?: string;
}

export function publicParticipant(p: StoredParticipant): Participant {
  return { id: p.id, role: p.role, displayName: p.displayName, connected: p.connected };
}

/** Who in a room an envelope is for. */
export type Audience = { pid: ParticipantId } | { scope: 'admitted' | 'counsellors' | 'all' };

/** One room event. Every process subscribed to the room sees every envelope, in publishing order per process. */
export interface Envelope {
  to: Audience;
  except?: ParticipantId;
  msg: ServerMessage;
  /** Close the recipient's socket after delivering (refused, removed, room closed). */
  thenClose?: 'refused' | 'removed' | 'room_closed';
  /** Membership change carried along, so each process keeps a routing view of the room. */
  delta?: { op: 'upsert'; participant: StoredParticipant } | { op: 'delete'; pid: ParticipantId } | { op: 'reset' };
  /** A connection took over `pid`: any other socket of that participant (on any process) is closed. */
  bound?: { pid: ParticipantId; conn: string };
  /**
   * `msg` already serialised, byte for byte `JSON.stringify(msg)`: the relay's hot path builds it once from a
   * per-participant prefix. Only on in-process envelopes (`publishNow`); a store that sends envelopes elsewhere
   * must not rely on it.
   */
  frame?: string;
}

export type ConnectionChange = { connected: true; conn: string; ifConn?: string } | { connected: false; ifConn: string };

export type JoinOutcome = { ok: true; members: StoredParticipant[] } | { ok: false; code: 'WAITING_ROOM_FULL' | 'ROOM_FULL' | 'ROOM_CLOSED' };
export type AdmitOutcome = { ok: true; participant: StoredParticipant; members: StoredParticipant[] } | { ok: false; code: 'ROOM_FULL' | 'UNKNOWN_PARTICIPANT' };

/**
 * What a store shared by several processes tells the process it runs in about the other processes (see
 * redis-room-store.ts). A single process has no others, so the memory store has none of this.
 */
export interface ProcessEvents {
  /**
   * Participants whose process stopped giving signs of life (crash, power loss) now belong to this process,
   * marked disconnected: treat them like this process's own dropped connections (grace period, then `timeout`).
   */
  adopted(roomId: string, participants: StoredParticipant[]): void;
  /**
   * This process's own sign of life had lapsed (cut off from the store longer than its TTL), so others may have
   * adopted its participants: re-bind the connections it still holds.
   */
  revived(): void;
}

export interface RoomStore {
  /** Add a participant (waiting guest, or admitted counsellor). A counsellor re-opens a closed room. */
  join(roomId: string, p: StoredParticipant, limits: { maxParticipants: number; maxWaiting: number }): Promise<JoinOutcome>;
  /** Move a waiting guest into the call unless the room is full. */
  admit(roomId: string, pid: ParticipantId, maxParticipants: number): Promise<AdmitOutcome>;
  get(roomId: string, pid: ParticipantId): Promise<StoredParticipant | null>;
  members(roomId: string): Promise<StoredParticipant[]>;
  /**
   * Mark connected/disconnected, only if `ifConn` still names the participant's connection. Binding a new
   * connection (resume) needs no `ifConn`; re-binding the same one after a lapse (`ProcessEvents.revived`) does.
   */
  setConnection(roomId: string, pid: ParticipantId, change: ConnectionChange): Promise<StoredParticipant | null>;
  /** Remove; with `ifDisconnectedConn`, only if the participant is still disconnected with that connection nonce. */
  remove(roomId: string, pid: ParticipantId, ifDisconnectedConn?: string): Promise<StoredParticipant | null>;
  /** End the room: remove everyone and refuse guests until a counsellor opens it again. */
  closeRoom(roomId: string): Promise<StoredParticipant[]>;
  /** Whether the room was ended (and not opened again since): a participant coming back learns it ended. */
  isClosed(roomId: string): Promise<boolean>;
  publish(roomId: string, envelope: Envelope): Promise<void>;
  /** The same, synchronously, where the store can (in memory): the relay's hot path skips a promise per message. */
  publishNow?(roomId: string, envelope: Envelope): void;
  /** Register the one receiver of `ProcessEvents` (stores shared between processes only). */
  onProcessEvents?(events: ProcessEvents): void;
  /** Receive every envelope of the room; returns the unsubscribe function. */
  subscribe(roomId: string, listener: (envelope: Envelope) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** How long an ended room is remembered (refusing guests, telling returning participants that it ended). */
export const CLOSED_ROOM_MS = 24 * 3600_000;

export interface MemoryRoom {
  members: Map<ParticipantId, StoredParticipant>;
  /** When the room was ended; null while open. */
  closedAt: number | null;
}

export class MemoryRoomStore implements RoomStore {
  protected readonly rooms = new Map<string, MemoryRoom>();
  private readonly listeners = new Map<string, Set<(envelope: Envelope) => void>>();

  private room(roomId: string): MemoryRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { members: new Map(), closedAt: null };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private prune(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room && room.members.size === 0 && room.closedAt === null) this.rooms.delete(roomId);
  }

  async join(roomId: string, p: StoredParticipant, limits: { maxParticipants: number; maxWaiting: number }): Promise<JoinOutcome> {
    const room = this.room(roomId);
    const all = [...room.members.values()];
    if (p.state === 'admitted') {
      if (all.filter((m) => m.state === 'admitted').length >= limits.maxParticipants) return { ok: false, code: 'ROOM_FULL' };
      room.closedAt = null;
    } else {
      if (room.closedAt !== null) return { ok: false, code: 'ROOM_CLOSED' };
      if (all.filter((m) => m.state === 'waiting').length >= limits.maxWaiting) return { ok: false, code: 'WAITING_ROOM_FULL' };
    }
    room.members.set(p.id, { ...p });
    return { ok: true, members: [...room.members.values()].map((m) => ({ ...m })) };
  }

  async admit(roomId: string, pid: ParticipantId, maxParticipants: number): Promise<AdmitOutcome> {
    const room = this.room(roomId);
    const p = room.members.get(pid);
    if (!p || p.state !== 'waiting') {
      this.prune(roomId);
      return { ok: false, code: 'UNKNOWN_PARTICIPANT' };
    }
    if ([...room.members.values()].filter((m) => m.state === 'admitted').length >= maxParticipants) return { ok: false, code: 'ROOM_FULL' };
    p.state = 'admitted';
    return { ok: true, participant: { ...p }, members: [...room.members.values()].map((m) => ({ ...m })) };
  }

  async get(roomId: string, pid: ParticipantId): Promise<StoredParticipant | null> {
    const p = this.rooms.get(roomId)?.members.get(pid);
    return p ? { ...p } : null;
  }

  async members(roomId: string): Promise<StoredParticipant[]> {
    return [...(this.rooms.get(roomId)?.members.values() ?? [])].map((m) => ({ ...m }));
  }

  async setConnection(roomId: string, pid: ParticipantId, change: ConnectionChange): Promise<StoredParticipant | null> {
    const p = this.rooms.get(roomId)?.members.get(pid);
    if (!p || (change.ifConn !== undefined && p.conn !== change.ifConn)) return null;
    p.connected = change.connected;
    if (change.connected) p.conn = change.conn;
    return { ...p };
  }

  async remove(roomId: string, pid: ParticipantId, ifDisconnectedConn?: string): Promise<StoredParticipant | null> {
    const room = this.rooms.get(roomId);
    const p = room?.members.get(pid);
    if (!room || !p) return null;
    if (ifDisconnectedConn !== undefined && (p.connected || p.conn !== ifDisconnectedConn)) return null;
    room.members.delete(pid);
    this.prune(roomId);
    return { ...p };
  }

  async closeRoom(roomId: string): Promise<StoredParticipant[]> {
    const room = this.room(roomId);
    const removed = [...room.members.values()];
    room.members.clear();
    room.closedAt = Date.now();
    this.forgetWhenExpired(roomId, room);
    return removed;
  }

  async isClosed(roomId: string): Promise<boolean> {
    return (this.rooms.get(roomId)?.closedAt ?? null) !== null;
  }

  /** Like the Redis key's expiry: a closed room is forgotten after a day unless a counsellor reopened it. */
  protected forgetWhenExpired(roomId: string, room: MemoryRoom): void {
    if (room.closedAt === null) return;
    setTimeout(() => {
      if (room.closedAt !== null && room.members.size === 0 && this.rooms.get(roomId) === room) this.rooms.delete(roomId);
    }, Math.max(0, room.closedAt + CLOSED_ROOM_MS - Date.now())).unref();
  }

  async publish(roomId: string, envelope: Envelope): Promise<void> {
    this.publishNow(roomId, envelope);
  }

  publishNow(roomId: string, envelope: Envelope): void {
    const set = this.listeners.get(roomId);
    if (set) for (const listener of set) listener(envelope);
  }

  async subscribe(roomId: string, listener: (envelope: Envelope) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(roomId);
    if (!set) {
      set = new Set();
      this.listeners.set(roomId, set);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(roomId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.rooms.clear();
  }
}

/**
 * Rooms shared by several server processes through Redis: membership in one hash per room, changed only by Lua
 * scripts (so the participant limit holds across processes), and room events on one pub/sub channel per room.
 *
 * Crashed processes: every process keeps a liveness key (`<prefix>proc:<id>`) with a short TTL and refreshes it
 * on an interval; every participant entry names the process that serves it (`proc`). Whenever a room is read or
 * changed (join, admit, members) and on a periodic sweep over the rooms this process is subscribed to, the
 * scripts hand participants whose process key is gone ("orphans") over to the calling process, marked
 * disconnected. That process then treats them exactly like its own dropped connections (see `ProcessEvents`):
 * the others hear `participant.connection false`, the client may resume anywhere within the grace period, and
 * after it `participant.left 'timeout'` frees the place. Room keys still expire after a day without change.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AdmitOutcome, ConnectionChange, Envelope, JoinOutcome, ProcessEvents, RoomStore, StoredParticipant } from './room-store.js';

const ROOM_TTL_SECONDS = 24 * 3600;

/** How long a process counts as alive after its last refresh, and how often it refreshes and sweeps. */
export interface Liveness {
  ttlMs: number;
  refreshMs: number;
}

/** A crashed process's participants are handed over within about `ttlMs + refreshMs`; two refreshes may fail in between. */
export const DEFAULT_LIVENESS: Liveness = { ttlMs: 15_000, refreshMs: 5_000 };

const roomKey = (prefix: string, roomId: string) => `${prefix}room:${roomId}`;
const closedKey = (prefix: string, roomId: string) => `${prefix}closed:${roomId}`;
const channel = (prefix: string, roomId: string) => `${prefix}ev:${roomId}`;
const processKeyPrefix = (prefix: string) => `${prefix}proc:`;

/**
 * Shared head of the scripts that read or change a room. `adopt(room, me, procPrefix)` re-assigns every entry whose
 * process key is gone to process `me`, disconnected, and returns the re-encoded entries. The process keys depend
 * on the hash's content, so they cannot be passed in KEYS: fine on one Redis, not on Redis Cluster. Entries
 * without `proc` (written before processes had ids) are left to the room key's expiry.
 */
const ADOPT = `
local function adopt(room, me, procPrefix)
  local adopted = {}
  local all = redis.call('HGETALL', room)
  for i = 1, #all, 2 do
    local m = cjson.decode(all[i + 1])
    if type(m.proc) == 'string' and m.proc ~= me and redis.call('EXISTS', procPrefix .. m.proc) == 0 then
      m.proc = me
      m.connected = false
      local encoded = cjson.encode(m)
      redis.call('HSET', room, all[i], encoded)
      adopted[#adopted + 1] = encoded
    end
  end
  return adopted
end
`;

/** KEYS: room, closed. ARGV: pid, json, maxParticipants, maxWaiting, ttl, me, procPrefix. Reply: status, adopted, members… */
const JOIN = `${ADOPT}
local adopted = adopt(KEYS[1], ARGV[6], ARGV[7])
local all = redis.call('HVALS', KEYS[1])
local admitted, waiting = 0, 0
for _, v in ipairs(all) do
  local m = cjson.decode(v)
  if m.state == 'admitted' then admitted = admitted + 1 else waiting = waiting + 1 end
end
local p = cjson.decode(ARGV[2])
if p.state == 'admitted' then
  if admitted >= tonumber(ARGV[3]) then return {'ROOM_FULL', adopted} end
  redis.call('DEL', KEYS[2])
else
  if redis.call('EXISTS', KEYS[2]) == 1 then return {'ROOM_CLOSED', adopted} end
  if waiting >= tonumber(ARGV[4]) then return {'WAITING_ROOM_FULL', adopted} end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {'OK', adopted, unpack(redis.call('HVALS', KEYS[1]))}
`;

/** KEYS: room. ARGV: pid, maxParticipants, ttl, me, procPrefix. Reply: status, adopted, participant, members… */
const ADMIT = `${ADOPT}
local adopted = adopt(KEYS[1], ARGV[4], ARGV[5])
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'UNKNOWN_PARTICIPANT', adopted} end
local p = cjson.decode(raw)
if p.state ~= 'waiting' then return {'UNKNOWN_PARTICIPANT', adopted} end
local admitted = 0
for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
  if cjson.decode(v).state == 'admitted' then admitted = admitted + 1 end
end
if admitted >= tonumber(ARGV[2]) then return {'ROOM_FULL', adopted} end
p.state = 'admitted'
local encoded = cjson.encode(p)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'OK', adopted, encoded, unpack(redis.call('HVALS', KEYS[1]))}
`;

/** KEYS: room. ARGV: me, procPrefix. Reply: adopted, members… */
const MEMBERS = `${ADOPT}
return {adopt(KEYS[1], ARGV[1], ARGV[2]), unpack(redis.call('HVALS', KEYS[1]))}
`;

/** KEYS: room. ARGV: me, procPrefix. Reply: adopted. The periodic sweep. */
const SWEEP = `${ADOPT}
return adopt(KEYS[1], ARGV[1], ARGV[2])
`;

/**
 * KEYS: room. ARGV: pid, mode ('bind'|'drop'), conn (bind), ifConn ('' = any), me. Binding makes this process
 * the participant's.
 */
const SET_CONNECTION = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return false end
local p = cjson.decode(raw)
if ARGV[4] ~= '' and p.conn ~= ARGV[4] then return false end
if ARGV[2] == 'bind' then
  p.connected = true
  p.conn = ARGV[3]
  p.proc = ARGV[5]
else
  p.connected = false
end
local encoded = cjson.encode(p)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
return encoded
`;

/** KEYS: room. ARGV: pid, ifDisconnectedConn ('' = unconditional). */
const REMOVE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return false end
if ARGV[2] ~= '' then
  local p = cjson.decode(raw)
  if p.connected or p.conn ~= ARGV[2] then return false end
end
redis.call('HDEL', KEYS[1], ARGV[1])
return raw
`;

/** KEYS: room, closed. ARGV: ttl. */
const CLOSE = `
local all = redis.call('HVALS', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return all
`;

/** KEYS: the process key. ARGV: ttl in ms. Reply: 1 if the key still existed (0 on the first beat, or after a cut-off). */
const BEAT = `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return existed
`;

type Reply = [string, string[], ...string[]];

export class RedisRoomStore implements RoomStore {
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Set<(envelope: Envelope) => void>>();
  /** This process's id, recorded in every entry it serves. */
  private readonly processId = randomBytes(12).toString('base64url');
  private readonly processKey: string;
  private readonly procPrefix: string;
  private readonly beatTimer: NodeJS.Timeout;
  /** A sweep still running: the next one is skipped instead of piling up behind a slow Redis. */
  private sweeping = false;
  /** The key was set once: from then on a missing key means this process was taken for dead. */
  private registered = false;
  private events: ProcessEvents | null = null;
  private readonly prefix: string;
  private readonly log: (message: string) => void;

  constructor(url: string, options: { prefix?: string; liveness?: Liveness; log?: (message: string) => void } = {}) {
    const prefix = options.prefix ?? 'br:sig:';
    this.prefix = prefix;
    this.log = options.log ?? ((message) => console.warn(`[signalling] ${message}`));
    const liveness = options.liveness ?? DEFAULT_LIVENESS;
    this.procPrefix = processKeyPrefix(prefix);
    this.processKey = this.procPrefix + this.processId;
    // Commands and subscriptions need separate connections: a subscribed Redis connection takes no commands.
    this.cmd = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('messageBuffer', (chan: Buffer, message: Buffer) => {
      const roomId = chan.toString('utf8').slice(`${prefix}ev:`.length);
      const set = this.listeners.get(roomId);
      if (!set) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(message.toString('utf8')) as Envelope;
      } catch {
        return; // only our own processes publish here; a broken frame is dropped rather than crashing delivery
      }
      for (const listener of set) listener(envelope);
    });
    // The first beat goes out before any script on the same connection, so no entry of ours is ever without a key.
    void this.beat(liveness.ttlMs);
    this.beatTimer = setInterval(() => {
      void this.beat(liveness.ttlMs).then(() => this.sweep());
    }, liveness.refreshMs);
    this.beatTimer.unref();
  }

  onProcessEvents(events: ProcessEvents): void {
    this.events = events;
  }

  /** Refresh the liveness key; on every tick, even while a long sweep runs, so the key never lapses for it. */
  private async beat(ttlMs: number): Promise<void> {
    try {
      const existed = (await this.cmd.eval(BEAT, 1, this.processKey, ttlMs)) as number;
      if (existed === 0 && this.registered) {
        this.log('Lebenszeichen in Redis war abgelaufen (Verbindung zu lange unterbrochen); Teilnehmende werden neu gebunden.');
        this.events?.revived();
      }
      this.registered = true;
    } catch (error) {
      this.log(`Lebenszeichen nicht gesetzt: ${String(error)}`);
    }
  }

  /** Look for orphans in the rooms this process is subscribed to, so they are found even if nobody joins. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const roomId of [...this.listeners.keys()]) {
        this.adopted(roomId, (await this.cmd.eval(SWEEP, 1, roomKey(this.prefix, roomId), this.processId, this.procPrefix)) as string[]);
      }
    } catch (error) {
      this.log(`Räume nicht nach ausgefallenen Prozessen durchsucht: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }

  private adopted(roomId: string, encoded: string[]): void {
    if (encoded.length > 0) this.events?.adopted(roomId, this.parse(encoded));
  }

  private parse(values: string[]): StoredParticipant[] {
    return values.map((v) => JSON.parse(v) as StoredParticipant);
  }

  async join(roomId: string, p: StoredParticipant, limits: { maxParticipants: number; maxWaiting: number }): Promise<JoinOutcome> {
    const [status, adopted, ...rest] = (await this.cmd.eval(
      JOIN,
      2,
      roomKey(this.prefix, roomId),
      closedKey(this.prefix, roomId),
      p.id,
      JSON.stringify({ ...p, proc: this.processId }),
      limits.maxParticipants,
      limits.maxWaiting,
      ROOM_TTL_SECONDS,
      this.processId,
      this.procPrefix,
    )) as Reply;
    this.adopted(roomId, adopted);
    if (status !== 'OK') return { ok: false, code: status as 'ROOM_FULL' | 'WAITING_ROOM_FULL' | 'ROOM_CLOSED' };
    return { ok: true, members: this.parse(rest) };
  }

  async admit(roomId: string, pid: string, maxParticipants: number): Promise<AdmitOutcome> {
    const [status, adopted, encoded, ...rest] = (await this.cmd.eval(ADMIT, 1, roomKey(this.prefix, roomId), pid, maxParticipants, ROOM_TTL_SECONDS, this.processId, this.procPrefix)) as Reply;
    this.adopted(roomId, adopted);
    if (status !== 'OK' || encoded === undefined) return { ok: false, code: status as 'ROOM_FULL' | 'UNKNOWN_PARTICIPANT' };
    return { ok: true, participant: JSON.parse(encoded) as StoredParticipant, members: this.parse(rest) };
  }

  async get(roomId: string, pid: string): Promise<StoredParticipant | null> {
    const raw = await this.cmd.hget(roomKey(this.prefix, roomId), pid);
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async members(roomId: string): Promise<StoredParticipant[]> {
    const [adopted, ...rest] = (await this.cmd.eval(MEMBERS, 1, roomKey(this.prefix, roomId), this.processId, this.procPrefix)) as [string[], ...string[]];
    this.adopted(roomId, adopted);
    return this.parse(rest);
  }

  async setConnection(roomId: string, pid: string, change: ConnectionChange): Promise<StoredParticipant | null> {
    const raw = (await this.cmd.eval(SET_CONNECTION, 1, roomKey(this.prefix, roomId), pid, change.connected ? 'bind' : 'drop', change.connected ? change.conn : '', change.ifConn ?? '', this.processId)) as string | null;
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async remove(roomId: string, pid: string, ifDisconnectedConn?: string): Promise<StoredParticipant | null> {
    const raw = (await this.cmd.eval(REMOVE, 1, roomKey(this.prefix, roomId), pid, ifDisconnectedConn ?? '')) as string | null;
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async closeRoom(roomId: string): Promise<StoredParticipant[]> {
    return this.parse((await this.cmd.eval(CLOSE, 2, roomKey(this.prefix, roomId), closedKey(this.prefix, roomId), ROOM_TTL_SECONDS)) as string[]);
  }

  async isClosed(roomId: string): Promise<boolean> {
    return (await this.cmd.exists(closedKey(this.prefix, roomId))) === 1;
  }

  async publish(roomId: string, envelope: Envelope): Promise<void> {
    await this.cmd.publish(channel(this.prefix, roomId), JSON.stringify(envelope));
  }

  async subscribe(roomId: string, listener: (envelope: Envelope) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(roomId);
    if (!set) {
      set = new Set();
      this.listeners.set(roomId, set);
      await this.sub.subscribe(channel(this.prefix, roomId));
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(roomId) === set) {
        this.listeners.delete(roomId);
        await this.sub.unsubscribe(channel(this.prefix, roomId));
      }
    };
  }

  async close(): Promise<void> {
    clearInterval(this.beatTimer);
    this.events = null;
    this.listeners.clear();
    // A process that shuts down on purpose hands its remaining participants over at once (the next sweep of any
    // other process adopts them) instead of leaving them for the liveness TTL.
    await this.cmd.del(this.processKey).catch(() => {});
    await Promise.allSettled([this.cmd.quit(), this.sub.quit()]);
  }
}

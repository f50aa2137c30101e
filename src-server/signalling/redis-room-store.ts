/**
 * Rooms shared by several server processes through Redis: membership in one hash per room, changed only by Lua
 * scripts (so the participant limit holds across processes), and room events on one pub/sub channel per room.
 * Keys expire after a day without change, so a crashed process cannot leave a room behind for ever.
 */
import { Redis } from 'ioredis';
import type { AdmitOutcome, Envelope, JoinOutcome, RoomStore, StoredParticipant } from './room-store.js';

const ROOM_TTL_SECONDS = 24 * 3600;

const roomKey = (prefix: string, roomId: string) => `${prefix}room:${roomId}`;
const closedKey = (prefix: string, roomId: string) => `${prefix}closed:${roomId}`;
const channel = (prefix: string, roomId: string) => `${prefix}ev:${roomId}`;

/** KEYS: room, closed. ARGV: pid, json, maxParticipants, maxWaiting, ttl. */
const JOIN = `
local all = redis.call('HVALS', KEYS[1])
local admitted, waiting = 0, 0
for _, v in ipairs(all) do
  local m = cjson.decode(v)
  if m.state == 'admitted' then admitted = admitted + 1 else waiting = waiting + 1 end
end
local p = cjson.decode(ARGV[2])
if p.state == 'admitted' then
  if admitted >= tonumber(ARGV[3]) then return {'ROOM_FULL'} end
  redis.call('DEL', KEYS[2])
else
  if redis.call('EXISTS', KEYS[2]) == 1 then return {'ROOM_CLOSED'} end
  if waiting >= tonumber(ARGV[4]) then return {'WAITING_ROOM_FULL'} end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {'OK', unpack(redis.call('HVALS', KEYS[1]))}
`;

/** KEYS: room. ARGV: pid, maxParticipants, ttl. */
const ADMIT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'UNKNOWN_PARTICIPANT'} end
local p = cjson.decode(raw)
if p.state ~= 'waiting' then return {'UNKNOWN_PARTICIPANT'} end
local admitted = 0
for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
  if cjson.decode(v).state == 'admitted' then admitted = admitted + 1 end
end
if admitted >= tonumber(ARGV[2]) then return {'ROOM_FULL'} end
p.state = 'admitted'
local encoded = cjson.encode(p)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'OK', encoded, unpack(redis.call('HVALS', KEYS[1]))}
`;

/** KEYS: room. ARGV: pid, mode ('bind'|'drop'), conn. */
const SET_CONNECTION = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return false end
local p = cjson.decode(raw)
if ARGV[2] == 'bind' then
  p.connected = true
  p.conn = ARGV[3]
else
  if p.conn ~= ARGV[3] then return false end
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

type Reply = [string, ...string[]];

export class RedisRoomStore implements RoomStore {
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Set<(envelope: Envelope) => void>>();

  constructor(
    url: string,
    private readonly prefix = 'br:sig:',
  ) {
    // Commands and subscriptions need separate connections: a subscribed Redis connection takes no commands.
    this.cmd = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('messageBuffer', (chan: Buffer, message: Buffer) => {
      const roomId = chan.toString('utf8').slice(`${this.prefix}ev:`.length);
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
  }

  private parse(values: string[]): StoredParticipant[] {
    return values.map((v) => JSON.parse(v) as StoredParticipant);
  }

  async join(roomId: string, p: StoredParticipant, limits: { maxParticipants: number; maxWaiting: number }): Promise<JoinOutcome> {
    const [status, ...rest] = (await this.cmd.eval(JOIN, 2, roomKey(this.prefix, roomId), closedKey(this.prefix, roomId), p.id, JSON.stringify(p), limits.maxParticipants, limits.maxWaiting, ROOM_TTL_SECONDS)) as Reply;
    if (status !== 'OK') return { ok: false, code: status as 'ROOM_FULL' | 'WAITING_ROOM_FULL' | 'ROOM_CLOSED' };
    return { ok: true, members: this.parse(rest) };
  }

  async admit(roomId: string, pid: string, maxParticipants: number): Promise<AdmitOutcome> {
    const [status, encoded, ...rest] = (await this.cmd.eval(ADMIT, 1, roomKey(this.prefix, roomId), pid, maxParticipants, ROOM_TTL_SECONDS)) as Reply;
    if (status !== 'OK' || encoded === undefined) return { ok: false, code: status as 'ROOM_FULL' | 'UNKNOWN_PARTICIPANT' };
    return { ok: true, participant: JSON.parse(encoded) as StoredParticipant, members: this.parse(rest) };
  }

  async get(roomId: string, pid: string): Promise<StoredParticipant | null> {
    const raw = await this.cmd.hget(roomKey(this.prefix, roomId), pid);
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async members(roomId: string): Promise<StoredParticipant[]> {
    return this.parse(await this.cmd.hvals(roomKey(this.prefix, roomId)));
  }

  async setConnection(roomId: string, pid: string, change: { connected: true; conn: string } | { connected: false; ifConn: string }): Promise<StoredParticipant | null> {
    const raw = (await this.cmd.eval(SET_CONNECTION, 1, roomKey(this.prefix, roomId), pid, change.connected ? 'bind' : 'drop', change.connected ? change.conn : change.ifConn)) as string | null;
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async remove(roomId: string, pid: string, ifDisconnectedConn?: string): Promise<StoredParticipant | null> {
    const raw = (await this.cmd.eval(REMOVE, 1, roomKey(this.prefix, roomId), pid, ifDisconnectedConn ?? '')) as string | null;
    return raw ? (JSON.parse(raw) as StoredParticipant) : null;
  }

  async closeRoom(roomId: string): Promise<StoredParticipant[]> {
    return this.parse((await this.cmd.eval(CLOSE, 2, roomKey(this.prefix, roomId), closedKey(this.prefix, roomId), ROOM_TTL_SECONDS)) as string[]);
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
    this.listeners.clear();
    await Promise.allSettled([this.cmd.quit(), this.sub.quit()]);
  }
}

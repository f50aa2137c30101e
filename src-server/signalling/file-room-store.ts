/**
 * The rooms of a single server process, kept in a file of its data folder so that a restarted process finds
 * them: who is in which room, waiting or admitted, and which rooms were ended. Media never depended on the
 * server, so a call goes on while it restarts; with this file the clients' resumes find their places again
 * instead of `RESUME_FAILED`, and a guest who comes back after the counsellor ended the call learns that it ended.
 *
 * What the file held when the process stopped belongs to nobody now: every participant of it is handed to the
 * new process as disconnected (`ProcessEvents.adopted`, as the Redis store does with a crashed process's), so
 * the grace period runs for each and a client that does not resume in time leaves with `timeout`.
 * The file is rewritten (to a temporary file, then renamed) after every change of membership or connection;
 * those come with joins, admissions, drops and resumes, never with the relayed signals.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ParticipantId, ParticipantRole } from '../../src-shared/signalling/messages.js';
import { CLOSED_ROOM_MS, MemoryRoomStore, type AdmitOutcome, type ConnectionChange, type JoinOutcome, type ProcessEvents, type StoredParticipant } from './room-store.js';

const StoredParticipantSchema = z
  .object({
    id: ParticipantId,
    role: ParticipantRole,
    displayName: z.string().max(200),
    state: z.enum(['waiting', 'admitted']),
    connected: z.boolean(),
    conn: z.string().max(200),
    principal: z.string().max(200),
    proc: z.string().max(200).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** Fails to compile when `StoredParticipant` gains (or loses) a field the schema above does not know. */
type SameFields<A, B> = [Required<A>] extends [Required<B>] ? ([Required<B>] extends [Required<A>] ? true : never) : never;
const schemaCoversStoredParticipant: SameFields<z.infer<typeof StoredParticipantSchema>, StoredParticipant> = true;
void schemaCoversStoredParticipant;

const RoomsFile = z
  .object({
    v: z.literal(1),
    rooms: z.record(z.string().max(200), z.object({ members: z.array(StoredParticipantSchema), closedAt: z.number().nullable() }).strict()),
  })
  .strict();
type RoomsFile = z.infer<typeof RoomsFile>;

export class FileRoomStore extends MemoryRoomStore {
  /** Participants of the file as it was found, until the hub takes them over. */
  private inherited: Array<[string, StoredParticipant[]]> = [];
  private closed = false;

  constructor(
    private readonly file: string,
    log: (message: string) => void = (message) => console.warn(`[signalling] ${message}`),
  ) {
    super();
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} konnte nicht gelesen werden: ${(error as Error).message}`);
      return;
    }
    let parsed: RoomsFile;
    try {
      parsed = RoomsFile.parse(JSON.parse(raw));
    } catch (error) {
      // Rooms are short-lived: an unreadable file costs the open calls their resume, never the server its start.
      log(`${file} ist unlesbar und wird ersetzt (laufende Gespräche müssen neu beginnen): ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
      return;
    }
    const now = Date.now();
    for (const [roomId, stored] of Object.entries(parsed.rooms)) {
      if (stored.closedAt !== null && stored.closedAt + CLOSED_ROOM_MS < now) continue;
      const members = stored.members.map((m): StoredParticipant => ({ ...m, connected: false }));
      const room = { members: new Map(members.map((m) => [m.id, m])), closedAt: stored.closedAt };
      this.rooms.set(roomId, room);
      this.forgetWhenExpired(roomId, room);
      if (members.length > 0) this.inherited.push([roomId, members]);
    }
  }

  /** The hub registers once it runs: from then on the participants of the previous process are its own. */
  onProcessEvents(events: ProcessEvents): void {
    const inherited = this.inherited;
    this.inherited = [];
    for (const [roomId, members] of inherited) events.adopted(roomId, members.map((m) => ({ ...m })));
  }

  private persist(): void {
    if (this.closed) return;
    const file: RoomsFile = { v: 1, rooms: {} };
    for (const [roomId, room] of this.rooms) file.rooms[roomId] = { members: [...room.members.values()], closedAt: room.closedAt };
    mkdirSync(dirname(this.file), { recursive: true });
    // Display names of the people in a call: readable by the server's account only.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(file), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  override async join(roomId: string, p: StoredParticipant, limits: { maxParticipants: number; maxWaiting: number }): Promise<JoinOutcome> {
    const outcome = await super.join(roomId, p, limits);
    if (outcome.ok) this.persist();
    return outcome;
  }

  override async admit(roomId: string, pid: string, maxParticipants: number): Promise<AdmitOutcome> {
    const outcome = await super.admit(roomId, pid, maxParticipants);
    if (outcome.ok) this.persist();
    return outcome;
  }

  override async setConnection(roomId: string, pid: string, change: ConnectionChange): Promise<StoredParticipant | null> {
    const changed = await super.setConnection(roomId, pid, change);
    if (changed) this.persist();
    return changed;
  }

  override async remove(roomId: string, pid: string, ifDisconnectedConn?: string): Promise<StoredParticipant | null> {
    const removed = await super.remove(roomId, pid, ifDisconnectedConn);
    if (removed) this.persist();
    return removed;
  }

  override async closeRoom(roomId: string): Promise<StoredParticipant[]> {
    const removed = await super.closeRoom(roomId);
    this.persist();
    return removed;
  }

  /** The file keeps what it holds: the next process takes the rooms over from it. */
  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
  }
}

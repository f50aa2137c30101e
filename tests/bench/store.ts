/**
 * `npm run bench:store` — the encrypted store (SQLite3MultipleCiphers, ChaCha20-Poly1305, raw key) next to
 * plain better-sqlite3 in the same run, same schema (our migrations), same connection settings (`configureConnection`: WAL, synchronous=FULL, cache) and
 * the same repository code. 100,000 appointments over ten years (≈ 190 per week, a busy counsellor's calendar
 * cached for a long time) and 20,000 notes of ≈ 500 bytes. Prints ONE JSON line.
 *
 * Targets (issue 3): encrypted insert ≥ 0.5× plain, week query p99 ≤ 2 ms, autosave p99 ≤ 10 ms, open ≤ 10 ms;
 * (issue 20) the week read with its note states p99 ≤ 1 ms. BENCH_APPOINTMENTS and BENCH_NOTES scale it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PlainDatabase from 'better-sqlite3';
import type EncryptedDatabase from 'better-sqlite3-multiple-ciphers';
import type { Appointment } from '../../src-shared/domain/appointment.js';
import type { NoteContent } from '../../src-shared/domain/note.js';
import { Appointments } from '../../src-main/services/store/appointments.js';
import { migrate } from '../../src-main/services/store/migrate.js';
import { Notes } from '../../src-main/services/store/notes.js';
import { configureConnection, openEncryptedDatabase } from '../../src-main/services/store/open-database.js';
import { Outbox } from '../../src-main/services/store/outbox.js';
import { watchMachine } from './machine.js';

// Scalable by environment (the README lists them), so growth can be measured: BENCH_APPOINTMENTS, BENCH_NOTES.
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 100_000);
const NOTES = Number(process.env.BENCH_NOTES ?? 20_000);
const WEEK_QUERIES = 2_000;
const AUTOSAVES = 2_000;
// p99 of fewer than 200 samples is the maximum or next to it.
const OPENS = 200;
const INSERT_RUNS = 3;
const FIRST_DAY = Date.UTC(2020, 0, 6); // a Monday
const WEEKS = 520;

type Db = EncryptedDatabase.Database;

interface Engine {
  readonly name: 'encrypted' | 'plain';
  open(file: string): Db;
}

const key = randomBytes(32);
const engines: Engine[] = [
  { name: 'encrypted', open: (file) => openEncryptedDatabase(file, key, { create: true, expectedKeyCheck: null }).db },
  {
    name: 'plain',
    open: (file) => {
      // better-sqlite3 and its SQLite3MC fork share one API; the type cast only bridges the two declarations.
      const db = new PlainDatabase(file) as unknown as Db;
      configureConnection(db);
      migrate(db);
      return db;
    },
  },
];

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', '+00:00');

function makeAppointments(): Appointment[] {
  const perWeek = Math.ceil(APPOINTMENTS / WEEKS); // ≈ 192 per week, 8:00–17:00 on weekdays
  // In calendar order, as the server's feed delivers a window; ids are random UUIDs as in production.
  return Array.from({ length: APPOINTMENTS }, (_, i) => {
    const week = Math.floor(i / perWeek);
    const slot = i % perWeek;
    const start = FIRST_DAY + week * 7 * 86_400_000 + (slot % 5) * 86_400_000 + (8 * 60 + Math.floor(slot / 5) * 14) * 60_000;
    return {
      id: randomUUID(),
      counsellorId: 'u-av-berger',
      agencyRegion: 'AA Köln',
      land: 'NW',
      customer: { customerNumber: `${100000 + i}D${i % 1000}`, displayName: `Kundin ${i}`, pseudonym: `K-${i}` },
      type: 'folgegespraech',
      channel: (['praesenz', 'video', 'telefon'] as const)[i % 3]!,
      fachdienst: 'AV',
      start: iso(start),
      end: iso(start + 45 * 60_000),
      status: 'planned',
      registeredOn: null,
      consent: null,
      revision: 1,
      updatedAt: iso(start - 86_400_000),
    };
  });
}

function content(seed: number): NoteContent {
  const filler = `Gespräch ${seed}: Situation besprochen, Ziele vereinbart, nächste Schritte festgelegt. `.repeat(4).slice(0, 330);
  return {
    fields: { anlass: 'Folgegespräch', situation: filler, ziele: 'Bewerbung', vereinbarungen: 'Termin in 2 Wochen', kanal: 'video', dauerMinuten: 45, teilnehmende: ['counsellor', 'customer'] },
    freeText: '',
  };
}

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** One engine's database with the same repositories the store uses. */
class Subject {
  db: Db;
  readonly cache: Appointments;
  readonly notes: Notes;

  constructor(
    readonly engine: Engine,
    readonly file: string,
  ) {
    this.db = engine.open(file);
    const outbox = new Outbox(this.db);
    this.cache = new Appointments(this.db, outbox);
    this.notes = new Notes(this.db, outbox);
  }

  /** The appointment feed in pages of 1,000, notes in transactions of 500 (a sync pull's shape). */
  insert(appointments: readonly Appointment[]): { wall: number; cpu: number } {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < appointments.length; i += 1000) this.cache.applyFeed(appointments.slice(i, i + 1000), []);
    for (let i = 0; i < NOTES; i += 500) {
      this.db.transaction(() => {
        for (let j = i; j < Math.min(i + 500, NOTES); j++) {
          const appointment = appointments[(j * 5) % appointments.length]!;
          this.notes.save({ noteId: randomUUID(), appointmentId: appointment.id, content: content(j), healthData: false, authorId: appointment.counsellorId }, new Date());
        }
      })();
    }
    const cpu = process.cpuUsage(cpuStart);
    return { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  }

  /** One autosave as `LocalStore.saveNote` does it: its own transaction, committed with synchronous=FULL. */
  autosave(noteId: string, appointmentId: string, seed: number): void {
    this.db
      .transaction(() => {
        const appointment = this.cache.get(appointmentId)!;
        this.notes.save({ noteId, appointmentId, content: content(seed), healthData: appointment.fachdienst === 'BPS', authorId: appointment.counsellorId }, new Date());
      })
      .immediate();
  }
}

const timed = (work: () => unknown): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

/**
 * Both engines are measured interleaved (each query, save and open alternately on either), so that load from
 * other processes on this shared machine hits both alike and the ratios stay meaningful; inserts are the median
 * of three fresh runs per engine, alternating which goes first (the best of three flattered whichever engine had
 * one lucky run), and every run is in the output.
 */
function measureBoth(dir: string, appointments: readonly Appointment[]) {
  // Wall-clock seconds (the throughput a user sees) and CPU seconds of this process (what encryption costs,
  // unaffected by other processes on the machine); every run, the median is reported.
  const insertRuns = new Map<string, { wall: number; cpu: number }[]>();
  let subjects: Subject[] = [];
  for (let run = 0; run < INSERT_RUNS; run++) {
    for (const subject of subjects) subject.db.close();
    const order = run % 2 === 0 ? engines : [...engines].reverse();
    subjects = order.map((engine) => new Subject(engine, join(dir, `${engine.name}-${run}.db`)));
    for (const subject of subjects) {
      insertRuns.set(subject.engine.name, [...(insertRuns.get(subject.engine.name) ?? []), subject.insert(appointments)]);
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const insertSeconds = new Map(
    [...insertRuns].map(([name, runs]) => [name, { wall: median(runs.map((run) => run.wall)), cpu: median(runs.map((run) => run.cpu)) }]),
  );
  const samples = new Map(
    engines.map((engine) => [engine.name, { week: [] as number[], weekWithNotes: [] as number[], rows: 0, autosave: [] as number[], open: [] as number[] }]),
  );

  // Week view: Monday to Sunday of random weeks, the same week on both.
  for (let i = 0; i < WEEK_QUERIES; i++) {
    const monday = FIRST_DAY + Math.floor(Math.random() * WEEKS) * 7 * 86_400_000;
    const from = new Date(monday).toISOString().slice(0, 10);
    const to = new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10);
    for (const subject of subjects) {
      const sample = samples.get(subject.engine.name)!;
      sample.week.push(timed(() => (sample.rows += subject.cache.range(from, to).length)));
      // What the week view reads in all: the appointments, then notes.states' reads (the window's note versions
      // and its appointments in one transaction; the note rule on top is plain JS and not timed here).
      sample.weekWithNotes.push(
        timed(() => {
          subject.cache.range(from, to);
          subject.db.transaction(() => {
            subject.notes.versionsInWindow(from, to);
            subject.cache.range(from, to);
          })();
        }),
      );
    }
  }

  // Autosave: every fourth save starts a new note; the three in between are further autosaves of it.
  let noteId = '';
  let appointmentId = '';
  for (let i = 0; i < AUTOSAVES; i++) {
    if (i % 4 === 0) {
      noteId = randomUUID();
      appointmentId = appointments[(i * 7919) % appointments.length]!.id;
    }
    for (const subject of subjects) samples.get(subject.engine.name)!.autosave.push(timed(() => subject.autosave(noteId, appointmentId, i)));
  }

  // Open: connection, key, first read, connection settings, schema check, as at every unlock.
  for (const subject of subjects) subject.db.close();
  for (let i = 0; i < OPENS; i++) {
    for (const subject of subjects) samples.get(subject.engine.name)!.open.push(timed(() => subject.engine.open(subject.file).close()));
  }

  const result = (name: Engine['name']) => {
    const sample = samples.get(name)!;
    return {
      insertRowsPerSec: Math.round((appointments.length + NOTES) / insertSeconds.get(name)!.wall),
      insertRowsPerCpuSec: Math.round((appointments.length + NOTES) / insertSeconds.get(name)!.cpu),
      insertRunsSeconds: insertRuns.get(name)!.map((run) => ({ wall: round(run.wall, 2), cpu: round(run.cpu, 2) })),
      weekQueryP50Ms: round(percentile(sample.week, 50)),
      weekQueryP99Ms: round(percentile(sample.week, 99)),
      weekQueryRowsAvg: Math.round(sample.rows / WEEK_QUERIES),
      weekReadWithNoteStatesP50Ms: round(percentile(sample.weekWithNotes, 50)),
      weekReadWithNoteStatesP99Ms: round(percentile(sample.weekWithNotes, 99)),
      autosaveP50Ms: round(percentile(sample.autosave, 50)),
      autosaveP99Ms: round(percentile(sample.autosave, 99)),
      openMedianMs: round(percentile(sample.open, 50)),
      openP99Ms: round(percentile(sample.open, 99)),
    };
  };
  return { encrypted: result('encrypted'), plain: result('plain') };
}

const machine = watchMachine();
const dir = mkdtempSync(join(tmpdir(), 'br-bench-store-'));
try {
  const appointments = makeAppointments();
  const { encrypted, plain } = measureBoth(dir, appointments);
  const ratio = (a: number, b: number): number => round(a / b, 2);
  const result = {
    bench: 'store',
    cipher: 'chacha20-poly1305 (SQLite3MultipleCiphers, raw 256-bit key)',
    appointments: APPOINTMENTS,
    notes: NOTES,
    samples: { insertRuns: INSERT_RUNS, weekQueries: WEEK_QUERIES, autosaves: AUTOSAVES, opens: OPENS },
    encrypted,
    plain,
    ratios: {
      insertThroughput: ratio(encrypted.insertRowsPerSec, plain.insertRowsPerSec),
      insertPerCpuSecond: ratio(encrypted.insertRowsPerCpuSec, plain.insertRowsPerCpuSec),
      weekQueryP99: ratio(encrypted.weekQueryP99Ms, plain.weekQueryP99Ms),
      weekReadWithNoteStatesP99: ratio(encrypted.weekReadWithNoteStatesP99Ms, plain.weekReadWithNoteStatesP99Ms),
      autosaveP99: ratio(encrypted.autosaveP99Ms, plain.autosaveP99Ms),
      open: ratio(encrypted.openMedianMs, plain.openMedianMs),
    },
    targets: {
      insertAtLeastHalfOfPlain: encrypted.insertRowsPerSec >= 0.5 * plain.insertRowsPerSec,
      weekQueryP99AtMost2Ms: encrypted.weekQueryP99Ms <= 2,
      // Issue 20's target for the whole week read.
      weekReadWithNoteStatesP99AtMost1Ms: encrypted.weekReadWithNoteStatesP99Ms <= 1,
      autosaveP99AtMost10Ms: encrypted.autosaveP99Ms <= 10,
      openAtMost10Ms: encrypted.openMedianMs <= 10,
    },
    ...machine.report(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Durability: a process writing notes is killed with SIGKILL at random moments, 50 times. Every note whose
 * autosave returned must be there afterwards (with that content or a later one), and the database must pass
 * `PRAGMA integrity_check`. The writer is bundled once with esbuild so that 50 starts stay fast.
 * SIGKILL tests the process crash (commit before acknowledgement, WAL recovery); `synchronous=FULL` is what
 * additionally covers power loss, which no test here can pull the plug on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src-main/services/store/local-store.js';
import { bundleFixture } from './fixtures/bundle.js';
import { appointment, newKey } from './fixtures.js';
const ROUNDS = 50;

let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'br-sigkill-'));
  writer = await bundleFixture('note-writer');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

interface Round {
  acked: Map<string, number>;
  lines: number;
}

/**
 * Kills the writer either `killAfterSpawnMs` after it was started (while it opens the store) or, when
 * `killAfterAcks` is set, a random 0–3 ms after that many acknowledged saves (while it writes; counting saves
 * rather than milliseconds keeps the test meaningful on a loaded machine).
 */
function runAndKill(env: NodeJS.ProcessEnv, killAfterAcks: number | null, killAfterSpawnMs: number): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [writer], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<string, number>();
    let buffer = '';
    let lines = 0;
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    if (killAfterAcks === null) setTimeout(kill, killAfterSpawnMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line === 'ready') continue;
        const [noteId, seq] = line.split(' ');
        acked.set(noteId!, Math.max(acked.get(noteId!) ?? 0, Number(seq)));
        lines++;
        if (lines === killAfterAcks) setTimeout(kill, Math.floor(Math.random() * 4));
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`Schreibprozess endete ohne SIGKILL (${code}): ${stderr}`));
      else resolvePromise({ acked, lines });
    });
  });
}

describe('durability under SIGKILL', () => {
  it(`keeps every acknowledged autosave across ${ROUNDS} kills at random moments, and the file stays sound`, async () => {
    const file = join(dir, 'notes.db');
    const key = newKey();
    const a = appointment();
    const seed = LocalStore.open(file, key, { create: true, expectedKeyCheck: null });
    seed.applyAppointmentFeed([a], []);
    seed.close();

    const expected = new Map<string, number>();
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every fifth round dies while opening (WAL recovery, first statements); the others while writing.
      const duringOpen = round % 5 === 4;
      const result = await runAndKill(
        { STORE_FILE: file, STORE_KEY: key.toString('hex'), APPOINTMENT_ID: a.id, RUN: String(round) },
        duringOpen ? null : 1 + Math.floor(Math.random() * 30),
        Math.floor(Math.random() * 60),
      );
      acknowledged += result.lines;
      for (const [noteId, seq] of result.acked) expected.set(`${round}:${noteId}`, seq);

      const check = LocalStore.open(file, key, { create: false, expectedKeyCheck: null });
      try {
        expect(check.integrityCheck()).toBe('ok');
        const stored = new Map(check.notesForAppointment(a.id).map((version) => [version.noteId, version.content.freeText]));
        for (const [noteId, seq] of result.acked) {
          const text = stored.get(noteId);
          expect(text, `Notiz ${noteId} (Runde ${round}) fehlt`).toBeDefined();
          const storedRun = Number(/run:(\d+)/.exec(text!)![1]);
          const storedSeq = Number(/seq:(\d+)/.exec(text!)![1]);
          expect(storedRun).toBe(round);
          expect(storedSeq).toBeGreaterThanOrEqual(seq);
        }
      } finally {
        check.close();
      }
    }
    // And nothing acknowledged in an earlier round went missing in a later one.
    const final = LocalStore.open(file, key, { create: false, expectedKeyCheck: null });
    const present = new Set(final.notesForAppointment(a.id).map((version) => `${/run:(\d+)/.exec(version.content.freeText)![1]}:${version.noteId}`));
    final.close();
    for (const key of expected.keys()) expect(present.has(key), `${key} fehlt am Ende`).toBe(true);
    // The test means something only if the writer got real work done between the kills.
    expect(acknowledged).toBeGreaterThanOrEqual(ROUNDS * 0.8);
  }, 120_000);
});

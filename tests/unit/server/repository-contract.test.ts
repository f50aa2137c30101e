/**
 * What any store behind `Repository` must do (src-server/storage/repository.ts), run against the embedded SQLite
 * store. A gateway to ATV/VerBIS can run the same suite by adding its factory to `stores`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import type { Repository } from '../../../src-server/storage/repository.js';
import { openSqliteRepository } from '../../../src-server/storage/sqlite-repository.js';

const dirs: string[] = [];
const open: Repository[] = [];
afterEach(async () => {
  for (const repository of open.splice(0)) await repository.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => { repository: Repository; reopen: () => Repository }> = {
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), 'repo-contract-'));
    dirs.push(dir);
    const repository = openSqliteRepository(dir);
    open.push(repository);
    return {
      repository,
      reopen: () => {
        const again = openSqliteRepository(dir);
        open.push(again);
        return again;
      },
    };
  },
};

const WINDOW = { startMs: Date.parse('2026-11-16T00:00:00+01:00'), endMs: Date.parse('2026-11-28T00:00:00+01:00') };
const EVERYONE = { counsellorId: null, region: null, includeBps: true };

function appointment(patch: Partial<Appointment> = {}): Appointment {
  return {
    id: randomUUID(),
    counsellorId: 'c1',
    agencyRegion: 'AA Köln',
    land: 'NW',
    customer: { customerNumber: '123A456789', displayName: 'Anna Müller', pseudonym: 'PS-1' },
    type: 'folgegespraech',
    channel: 'video',
    fachdienst: 'AV',
    start: '2026-11-18T09:00:00+01:00',
    end: '2026-11-18T09:45:00+01:00',
    status: 'planned',
    registeredOn: null,
    consent: null,
    revision: 0,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...patch,
  };
}

function note(appointmentId: string, patch: Partial<NoteVersion> = {}): NoteVersion {
  return {
    noteId: randomUUID(),
    appointmentId,
    version: 1,
    baseVersion: null,
    content: {
      fields: { anlass: 'a', situation: 's', ziele: 'z', vereinbarungen: 'v', kanal: 'video', dauerMinuten: 30, teilnehmende: ['counsellor'] },
      freeText: '',
    },
    healthData: false,
    authorId: 'c1',
    savedAt: '2026-11-18T10:00:00+01:00',
    conflictOf: null,
    ...patch,
  };
}

for (const [name, make] of Object.entries(stores)) {
  describe(`repository contract: ${name}`, () => {
    it('scopes appointments by counsellor, region, window and BPS (by Fachdienst or type)', async () => {
      const { repository } = make();
      const own = appointment();
      const other = appointment({ counsellorId: 'c2' });
      const bonn = appointment({ counsellorId: 'c3', agencyRegion: 'AA Bonn' });
      const bps = appointment({ fachdienst: 'BPS', type: 'bps_begutachtung' });
      const bpsByType = appointment({ type: 'bps_begutachtung' });
      const outside = appointment({ start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T10:00:00+01:00' });
      for (const item of [own, other, bonn, bps, bpsByType, outside]) await repository.appointments.put(item);

      const ids = async (scope: Parameters<Repository['appointments']['snapshot']>[0]) =>
        (await repository.appointments.snapshot(scope, WINDOW)).items.map((item) => item.id).sort();
      expect(await ids({ counsellorId: 'c1', region: null, includeBps: false })).toEqual([own.id]);
      expect(await ids({ counsellorId: 'c1', region: null, includeBps: true })).toEqual([own.id, bps.id, bpsByType.id].sort());
      expect(await ids({ counsellorId: null, region: 'AA Köln', includeBps: false })).toEqual([own.id, other.id].sort());
      expect(await ids(EVERYONE)).not.toContain(outside.id);
    });

    it('bumps the revision on update, leaves it untouched when the change throws, and keeps the epoch', async () => {
      const { repository, reopen } = make();
      const item = appointment();
      await repository.appointments.put(item);
      const updated = await repository.appointments.update(item.id, (current) => ({ ...current, status: 'held' }));
      expect(updated).toMatchObject({ status: 'held', revision: 1 });
      await expect(
        repository.appointments.update(item.id, () => {
          throw new Error('abgelehnt');
        }),
      ).rejects.toThrow('abgelehnt');
      expect(await repository.appointments.get(item.id)).toMatchObject({ status: 'held', revision: 1 });
      await expect(repository.appointments.update(randomUUID(), (current) => current)).rejects.toThrow();
      const epoch = await repository.appointments.epoch();
      await repository.close();
      open.splice(open.indexOf(repository), 1);
      expect(await reopen().appointments.epoch()).toBe(epoch);
    });

    it('lists changes since a sequence number, with what left the scope, but not what came back', async () => {
      const { repository } = make();
      const [a, b, c] = [appointment(), appointment(), appointment()];
      for (const item of [a, b, c]) await repository.appointments.put(item);
      const mine = { counsellorId: 'c1', region: null, includeBps: false };
      const start = await repository.appointments.snapshot(mine, WINDOW);

      await repository.appointments.update(a.id, (current) => ({ ...current, channel: 'praesenz' }));
      await repository.appointments.update(b.id, (current) => ({ ...current, counsellorId: 'c2' }));
      await repository.appointments.update(c.id, (current) => ({ ...current, start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T10:00:00+01:00' }));
      await repository.appointments.update(c.id, (current) => ({ ...current, start: '2026-11-19T09:00:00+01:00', end: '2026-11-19T10:00:00+01:00' }));

      const changes = await repository.appointments.changesSince(start.seq, mine, WINDOW);
      expect(changes.items.map((item) => item.id).sort()).toEqual([a.id, c.id].sort());
      expect(changes.removed).toEqual([b.id]);
      expect(changes.seq).toBeGreaterThan(start.seq);
      expect(await repository.appointments.changesSince(changes.seq, mine, WINDOW)).toEqual({ items: [], removed: [], seq: changes.seq });
      // A change that moves an appointment into BPS sight never names it to others as removed… nor as an item.
      const bpsScope = { counsellorId: null, region: null, includeBps: false };
      const before = await repository.appointments.snapshot(bpsScope, WINDOW);
      const hidden = appointment({ fachdienst: 'BPS' });
      await repository.appointments.put(hidden);
      await repository.appointments.update(hidden.id, (current) => ({ ...current, counsellorId: 'c9' }));
      const seen = await repository.appointments.changesSince(before.seq, bpsScope, WINDOW);
      expect([...seen.items.map((item) => item.id), ...seen.removed]).not.toContain(hidden.id);
    });

    it('appends note versions atomically and marks a stale base as conflict', async () => {
      const { repository } = make();
      const first = note(randomUUID());
      expect(await repository.notes.append(first)).toMatchObject({ conflict: false, version: { version: 1, conflictOf: null } });
      expect(await repository.notes.append({ ...first, baseVersion: 1, version: 7 })).toMatchObject({ conflict: false, version: { version: 2 } });
      expect(await repository.notes.append({ ...first, baseVersion: 1 })).toMatchObject({ conflict: true, version: { version: 3, conflictOf: 2 } });
      // A "first" version of a note that exists already competes with the head too.
      expect(await repository.notes.append({ ...first, baseVersion: null })).toMatchObject({ conflict: true, version: { version: 4, conflictOf: 3 } });
      expect((await repository.notes.versions(first.appointmentId, first.noteId)).map((version) => version.version)).toEqual([1, 2, 3, 4]);
      expect(await repository.notes.forAppointment(first.appointmentId)).toHaveLength(4);
    });

    it('records a note append as a change of its appointment for the feed, without a new revision', async () => {
      const { repository } = make();
      const [item, bps] = [appointment(), appointment({ type: 'bps_begutachtung' })];
      for (const each of [item, bps]) await repository.appointments.put(each);
      const mine = { counsellorId: 'c1', region: null, includeBps: false };
      const start = await repository.appointments.snapshot(mine, WINDOW);
      await repository.notes.append(note(item.id));
      await repository.notes.append(note(bps.id));

      const changes = await repository.appointments.changesSince(start.seq, mine, WINDOW);
      expect(changes.items).toEqual([item]);
      expect(changes.removed).toEqual([]);
      expect(await repository.appointments.get(item.id)).toEqual(item);
      // Outside the scope (BPS for a non-BPS reader) the touch is neither an item nor a removal.
      const withBps = await repository.appointments.changesSince(start.seq, { ...mine, includeBps: true }, WINDOW);
      expect(withBps.items.map((each) => each.id).sort()).toEqual([item.id, bps.id].sort());
    });

    it('reads the notes of many appointments in one batch, beyond SQLite’s parameter limit', async () => {
      const { repository } = make();
      const ids = Array.from({ length: 1200 }, () => randomUUID());
      const first = note(ids[0]!);
      await repository.notes.append(first);
      await repository.notes.append({ ...first, baseVersion: 1 });
      await repository.notes.append(note(ids[1199]!));
      await repository.notes.append(note(randomUUID()));

      const batch = await repository.notes.forAppointments([...ids, ids[0]!]);
      expect(batch.map((version) => [version.appointmentId, version.version]).sort()).toEqual(
        [
          [ids[0], 1],
          [ids[0], 2],
          [ids[1199], 1],
        ].sort(),
      );
      expect(await repository.notes.forAppointments([])).toEqual([]);
    });

    it('claims an op id once, per user, and lets a stale or released claim be taken over', async () => {
      const { repository } = make();
      const opId = randomUUID();
      expect(await repository.ops.claim(opId, 'c1', 60_000)).toEqual({ state: 'new' });
      expect(await repository.ops.claim(opId, 'c1', 60_000)).toEqual({ state: 'in_progress' });
      expect(await repository.ops.claim(opId, 'c2', 60_000)).toEqual({ state: 'foreign' });
      expect(await repository.ops.claim(opId, 'c1', 0)).toEqual({ state: 'new' });
      await repository.ops.finish(opId, { opId, outcome: 'applied', serverVersion: 2 });
      expect(await repository.ops.claim(opId, 'c1', 0)).toEqual({ state: 'done', result: { opId, outcome: 'applied', serverVersion: 2 } });

      const released = randomUUID();
      await repository.ops.claim(released, 'c1', 60_000);
      await repository.ops.release(released);
      expect(await repository.ops.claim(released, 'c2', 60_000)).toEqual({ state: 'new' });
    });

    it('expires sessions and keeps the audit trail in order', async () => {
      const { repository } = make();
      await repository.sessions.create('h1', 'c1', Date.now() + 1000);
      expect(await repository.sessions.lookup('h1', Date.now())).toBe('c1');
      expect(await repository.sessions.lookup('h1', Date.now() + 2000)).toBeNull();
      await repository.sessions.remove('h1');
      expect(await repository.sessions.lookup('h1', Date.now())).toBeNull();

      const entry = { at: new Date().toISOString(), actorId: 'c1', actorRole: 'counsellor' as const, actorFachdienst: 'AV' as const, ip: '127.0.0.1', outcome: 'denied' as const, target: null };
      for (const action of ['a', 'b', 'c']) await repository.audit.append({ ...entry, action, reason: 'test' });
      expect((await repository.audit.list(2)).map((item) => item.action)).toEqual(['b', 'c']);
    });

    it('spends a refresh token once, and revokes its family when it comes back or on sign-out', async () => {
      const { repository } = make();
      const now = Date.now();
      const token = (hash: string, familyId: string, expiresAtMs = now + 60_000) => ({ hash, userId: 'c1', familyId, expiresAtMs, familyExpiresAtMs: now + 120_000 });
      await repository.refreshTokens.create(token('r1', 'f1'));
      expect(await repository.refreshTokens.spend('r1', now)).toEqual({ state: 'valid', userId: 'c1', familyId: 'f1', familyExpiresAtMs: now + 120_000 });
      await repository.refreshTokens.create(token('r2', 'f1'));
      expect(await repository.refreshTokens.spend('r1', now)).toEqual({ state: 'reused', userId: 'c1' });
      expect(await repository.refreshTokens.spend('r2', now)).toBeNull();

      await repository.refreshTokens.create(token('r3', 'f2', now + 1000));
      expect(await repository.refreshTokens.spend('r3', now + 2000)).toBeNull();
      await repository.refreshTokens.create(token('r4', 'f3'));
      await repository.refreshTokens.revokeFamilyOf('r4');
      expect(await repository.refreshTokens.spend('r4', now)).toBeNull();
      expect(await repository.refreshTokens.spend('unknown', now)).toBeNull();
    });
  });
}

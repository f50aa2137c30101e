import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppointmentType, Channel, Fachdienst, type Appointment } from '../../../src-shared/domain/appointment.js';
import { seedDemoData } from '../../../src-server/storage/demo-data.js';
import { openSqliteRepository } from '../../../src-server/storage/sqlite-repository.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function seeded(seed: number, nowMs: number): Promise<Appointment[]> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  dirs.push(dir);
  const repository = openSqliteRepository(dir);
  await seedDemoData(repository, { seed, startDate: '2026-11-16' }, nowMs);
  const all = await repository.appointments.snapshot({ counsellorId: null, region: null, includeBps: true }, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER });
  await repository.close();
  return all.items;
}

describe('demo data', () => {
  it('is the same for the same seed, whenever it is seeded, and different for another seed', async () => {
    const [a, b, c] = await Promise.all([seeded(7, Date.parse('2026-11-20T12:00:00Z')), seeded(7, Date.parse('2026-12-30T12:00:00Z')), seeded(8, Date.parse('2026-11-20T12:00:00Z'))]);
    const shape = (items: Appointment[]) => items.map(({ id, start, customer, type, channel }) => ({ id, start, customer, type, channel }));
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).not.toEqual(shape(c));
    // Statuses follow the clock: in December everything is over.
    expect(b.some((item) => item.status === 'planned')).toBe(false);
    expect(a.some((item) => item.status === 'planned')).toBe(true);
  });

  it('covers every channel, type and Fachdienst over two working weeks, with consent records', async () => {
    const items = await seeded(4711, Date.parse('2026-11-23T11:00:00Z'));
    expect(new Set(items.map((item) => item.channel))).toEqual(new Set(Channel.options));
    expect(new Set(items.map((item) => item.type))).toEqual(new Set(AppointmentType.options));
    expect(new Set(items.map((item) => item.fachdienst))).toEqual(new Set(Fachdienst.options));
    expect(new Set(items.map((item) => item.status))).toEqual(new Set(['planned', 'held', 'no_show', 'cancelled']));
    const days = new Set(items.map((item) => item.start.slice(0, 10)));
    expect(days.size).toBe(10);
    expect([...days].every((day) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay()))).toBe(true);
    // § 141: first interviews after registering as unemployed are in person.
    expect(items.filter((item) => item.type === 'erstgespraech_alo').every((item) => item.channel === 'praesenz')).toBe(true);
    expect(items.filter((item) => item.type === 'bps_begutachtung').every((item) => item.fachdienst === 'BPS')).toBe(true);
    const held = items.filter((item) => item.channel === 'video' && item.status === 'held');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((item) => item.consent !== null && item.consent.withdrawnAt === null)).toBe(true);
    expect(items.some((item) => item.consent?.withdrawnAt && item.channel !== 'video')).toBe(true);
  });
});

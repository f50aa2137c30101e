import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createPseudonymizer, ReviewSecretError } from '../../../src-server/review/pseudonym.js';
import { drawSample } from '../../../src-server/review/sample.js';

const SECRET = 'a-server-secret-of-at-least-32-bytes-long';

describe('keyed pseudonyms', () => {
  it('are stable for the same customer and differ between customers', () => {
    const p = createPseudonymizer(SECRET);
    expect(p.customer('123A456789')).toBe(p.customer(' 123a456789 '));
    expect(p.customer('123A456789')).not.toBe(p.customer('123A456788'));
    expect(p.customer('123A456789')).toMatch(/^K-[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('depend on the secret: without it they cannot be recomputed, not even by hashing all customer numbers', () => {
    const a = createPseudonymizer(SECRET).customer('123A456789');
    const b = createPseudonymizer(`${SECRET}x`).customer('123A456789');
    expect(a).not.toBe(b);
    const plainHash = createHash('sha256').update('123A456789').digest('hex').toUpperCase();
    expect(plainHash).not.toContain(a.slice(2));
  });

  it('keep customer and note pseudonyms apart', () => {
    const p = createPseudonymizer(SECRET);
    expect(p.customer('x').slice(2)).not.toBe(p.note('x').slice(2));
  });

  it('refuse a short secret with a message that says what to do', () => {
    expect(() => createPseudonymizer('short')).toThrow(ReviewSecretError);
    expect(() => createPseudonymizer('short')).toThrow(/BERATUNGSRAUM_VKB_SECRET/);
  });
});

describe('seeded sample', () => {
  const candidates = Array.from({ length: 120 }, (_, i) => ({
    id: `n${i}`,
    region: i % 2 ? 'RD-BY' : 'RD-NRW',
    month: i % 3 ? '2026-10' : '2026-11',
  }));

  it('draws the configured number per region and month', () => {
    const drawn = drawSample(candidates, 'seed', 10);
    const groups = new Map<string, number>();
    for (const c of drawn) groups.set(`${c.region}/${c.month}`, (groups.get(`${c.region}/${c.month}`) ?? 0) + 1);
    expect([...groups.values()]).toEqual([10, 10, 10, 10]);
  });

  it('is repeatable with the same seed and differs with another', () => {
    const ids = (seed: string) => drawSample(candidates, seed, 10).map((c) => c.id);
    expect(ids('seed')).toEqual(ids('seed'));
    expect(ids('seed')).not.toEqual(ids('other'));
  });

  it('takes a whole group when it is smaller than the sample', () => {
    expect(drawSample(candidates.slice(0, 6), 'seed', 10)).toHaveLength(6);
  });

  it('does not reshuffle when a case is added: existing draws stay unless the newcomer outranks them', () => {
    const before = new Set(drawSample(candidates, 'seed', 10).map((c) => c.id));
    const after = drawSample([...candidates, { id: 'new', region: 'RD-BY', month: '2026-10' }], 'seed', 10).map((c) => c.id);
    const lost = [...before].filter((id) => !after.includes(id));
    expect(lost.length).toBeLessThanOrEqual(1);
  });

  it('refuses a non-positive size', () => {
    expect(() => drawSample(candidates, 'seed', 0)).toThrow(RangeError);
  });
});

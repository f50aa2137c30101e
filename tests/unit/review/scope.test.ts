import { describe, expect, it } from 'vitest';
import { buildReviewExport, type ReviewSource } from '../../../src-server/review/export.js';
import { createPseudonymizer } from '../../../src-server/review/pseudonym.js';
import { generateCorpus, STAFF } from './corpus.js';

const pseudonyms = createPseudonymizer('another-secret-of-at-least-thirty-two-bytes');
const now = new Date('2026-11-23T10:00:00Z');

function sourceOf(...parts: ReturnType<typeof generateCorpus>[]): ReviewSource {
  const all = parts.flat();
  return { appointments: all.map((c) => c.appointment), notes: all.map((c) => c.note), staff: STAFF };
}

describe('VKB scope', () => {
  const own = generateCorpus(15, { region: 'RD-BY', month: '2026-10', seed: 1 });
  const otherRegion = generateCorpus(15, { region: 'RD-NRW', month: '2026-10', seed: 2 }).map((c, i) => ({
    ...c,
    appointment: { ...c.appointment, id: c.appointment.id.replace('4001', '4101') },
    note: { ...c.note, noteId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, appointmentId: c.appointment.id.replace('4001', '4101') },
  }));
  const lead = { role: 'team_lead', region: 'RD-BY', fachdienst: 'AV' } as const;

  it('exports only the lead region and the asked month', () => {
    const reply = buildReviewExport(lead, sourceOf(own, otherRegion), { month: '2026-10', seed: 's', sampleSize: 50 }, pseudonyms, now);
    expect(reply.population).toBe(15);
    expect(reply.cases.every((c) => c.region === 'RD-BY' && c.month === '2026-10')).toBe(true);
    expect(buildReviewExport(lead, sourceOf(own), { month: '2026-11', seed: 's', sampleSize: 10 }, pseudonyms, now).cases).toEqual([]);
  });

  it('draws the sample size out of a larger population, the same cases for the same seed', () => {
    const a = buildReviewExport(lead, sourceOf(own), { month: '2026-10', seed: 's', sampleSize: 10 }, pseudonyms, now);
    const b = buildReviewExport(lead, sourceOf(own), { month: '2026-10', seed: 's', sampleSize: 10 }, pseudonyms, now);
    expect(a.cases).toHaveLength(10);
    expect(a.cases.map((c) => c.caseId)).toEqual(b.cases.map((c) => c.caseId));
  });

  it('never exports BPS cases to a lead outside the BPS, and does to a BPS lead', () => {
    const bps = own.map((c) => ({
      ...c,
      appointment: { ...c.appointment, fachdienst: 'BPS' as const, type: 'bps_begutachtung' as const },
      note: { ...c.note, healthData: true },
    }));
    expect(buildReviewExport(lead, sourceOf(bps), { month: '2026-10', seed: 's', sampleSize: 50 }, pseudonyms, now).population).toBe(0);
    const bpsLead = { ...lead, fachdienst: 'BPS' } as const;
    expect(buildReviewExport(bpsLead, sourceOf(bps), { month: '2026-10', seed: 's', sampleSize: 50 }, pseudonyms, now).population).toBe(15);
    // A health-data note on a non-BPS appointment is withheld as well.
    const flagged = own.map((c, i) => (i === 0 ? { ...c, note: { ...c.note, healthData: true } } : c));
    expect(buildReviewExport(lead, sourceOf(flagged), { month: '2026-10', seed: 's', sampleSize: 50 }, pseudonyms, now).population).toBe(14);
  });

  it('exports the newest version of each note and exactly the selected cases', () => {
    const [first] = own;
    const newer = { ...first!.note, version: 2, content: { ...first!.note.content, freeText: 'Version zwei' } };
    const source = { ...sourceOf(own), notes: [...sourceOf(own).notes, newer] };
    const caseId = pseudonyms.note(first!.note.noteId);
    const reply = buildReviewExport(lead, source, { month: '2026-10', seed: 's', sampleSize: 10, caseIds: [caseId] }, pseudonyms, now);
    expect(reply.cases).toHaveLength(1);
    expect(reply.cases[0]).toMatchObject({ caseId, freeText: 'Version zwei', customerPseudonym: pseudonyms.customer(first!.appointment.customer.customerNumber) });
  });
});

import { describe, expect, it } from 'vitest';
import { ReviewExportReply } from '../../../src-shared/http/review-api.js';
import { buildReviewExport } from '../../../src-server/review/export.js';
import { createPseudonymizer } from '../../../src-server/review/pseudonym.js';
import { createRedactor } from '../../../src-server/review/redact.js';
import { generateCorpus, leaks, STAFF } from './corpus.js';

const SECRET = 'test-secret-with-at-least-thirty-two-bytes!!';
const lead = { role: 'team_lead', region: 'RD-BY', fachdienst: 'AV' } as const;

describe('VKB export on a corpus with planted personal data', () => {
  const corpus = generateCorpus(300, { region: 'RD-BY', month: '2026-10', seed: 20261123 });
  const source = { appointments: corpus.map((c) => c.appointment), notes: corpus.map((c) => c.note), staff: STAFF };

  it('the leak check finds the planted data in the raw notes (it can fail)', () => {
    const raw = JSON.stringify(source.notes);
    for (const planted of corpus.slice(0, 20)) expect(leaks(raw, [planted]).length).toBeGreaterThan(5);
  });

  it('lets no name, customer number, e-mail, phone number, birth date or address survive', () => {
    const reply = buildReviewExport(lead, source, { month: '2026-10', seed: 'x', sampleSize: 200 }, createPseudonymizer(SECRET), new Date());
    expect(reply.cases).toHaveLength(200);
    const exported = JSON.stringify(reply);
    const chosen = new Set(reply.cases.map((c) => c.caseId));
    const pseudonyms = createPseudonymizer(SECRET);
    const planted = corpus.filter((c) => chosen.has(pseudonyms.note(c.note.noteId)));
    expect(planted).toHaveLength(200);
    expect(leaks(exported, planted)).toEqual([]);
    // Not even the customers that were not drawn, nor staff ids: the export is clean as a whole.
    expect(leaks(exported, corpus)).toEqual([]);
    expect(exported).not.toMatch(/\d{1,2}\.\d{1,2}\.\d{2,4}/);
    expect(exported).not.toMatch(/@/);
    expect(ReviewExportReply.parse(reply)).toEqual(reply);
  });

  it('keeps what the reviewer needs: the content words, the structure and the roles', () => {
    const reply = buildReviewExport(lead, source, { month: '2026-10', seed: 'x', sampleSize: 10 }, createPseudonymizer(SECRET), new Date());
    const first = reply.cases[0]!;
    expect(first.fields.situation).toContain('Bewerbungen bisher erfolglos');
    expect(first.fields.ziele).toContain('Fachkraft Lagerlogistik');
    expect(first.fields.vereinbarungen).toContain('Drei Bewerbungen');
    expect(first.freeText).toContain('Bildungsgutschein');
    expect(first.participants).toEqual(['counsellor', 'customer', 'interpreter']);
    expect(first.redactions).toBeGreaterThan(10);
    expect(first).not.toHaveProperty('counsellorId');
    expect(Object.keys(first).sort()).toEqual(
      ['caseId', 'channel', 'customerPseudonym', 'durationMinutes', 'fachdienst', 'fields', 'freeText', 'month', 'participants', 'redactions', 'region', 'type'].sort(),
    );
  });
});

describe('redactor patterns', () => {
  const redactor = createRedactor({ names: ['Jürgen Schäfer'], numbers: ['123A456789'] });
  it.each([
    ['Herr Schaefer kam pünktlich.', '[Name] kam pünktlich.'],
    ['Jürgens Unterlagen fehlen.', '[Name] Unterlagen fehlen.'],
    ['Kd.-Nr. 123-A-456789', 'Kd.-Nr. [Kundennummer]'],
    ['Tel. +49 (0)30 123 45 67, mobil 0171/2345678', 'Tel. [Telefon], mobil [Telefon]'],
    ['geboren am 03.04.1977', '[Geburtsdatum]'],
    ['Jahrgang 1977', '[Geburtsdatum]'],
    ['wohnt Auf dem Kamp 7, 45127 Essen', 'wohnt [Adresse], [PLZ Ort]'],
    ['Mail an j.s@example.org', 'Mail an [E-Mail]'],
    ['IBAN DE89 3704 0044 0532 0130 00', 'IBAN [IBAN]'],
    ['Tochter Lena begleitet ihn.', 'Tochter [Name] begleitet ihn.'],
    ['Name: Piotr Zieliński', 'Name: [Name]'],
  ])('%s', (input, expected) => {
    expect(redactor.redact(input).text).toBe(expected);
  });

  it('leaves ordinary counselling text alone', () => {
    const text = 'Vereinbart: drei Bewerbungen im Lagerbereich, Teilnahme an der Maßnahme ab nächster Woche, 20 Stunden.';
    expect(redactor.redact(text)).toEqual({ text, count: 0 });
  });
});

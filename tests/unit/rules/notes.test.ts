import { describe, expect, it } from 'vitest';
import {
  appointmentFindings,
  draftFromTemplate,
  noteState,
  noteTemplate,
  requiresNote,
  validateNote,
} from '../../../src-shared/rules/index.js';
import { appointment, completeNote } from './fixtures.js';

describe('a note is required after every held Beratung in Präsenz or by video', () => {
  it.each(['praesenz', 'video'] as const)('is overdue after a held %s Beratung without a note', (channel) => {
    const held = appointment({ type: 'folgegespraech', channel, status: 'held' });
    expect(requiresNote(held)).toBe(true);
    expect(noteState(held, [])).toBe('overdue');
    expect(appointmentFindings(held, noteState(held, [])).map((f) => f.code)).toContain('VERMERK_UEBERFAELLIG');
  });

  it('stays overdue while the only version is incomplete, and is written once a complete one exists', () => {
    const held = appointment({ type: 'folgegespraech', status: 'held' });
    const draft = { content: completeNote({ vereinbarungen: '  ' }) };
    expect(noteState(held, [draft])).toBe('overdue');
    expect(noteState(held, [draft, { content: completeNote() }])).toBe('written');
    expect(appointmentFindings(held, noteState(held, [{ content: completeNote() }])).map((f) => f.code)).not.toContain('VERMERK_UEBERFAELLIG');
  });

  it('is not required before the appointment is held, for no-shows, telephone contacts or Zwischenkontakte', () => {
    expect(noteState(appointment({ status: 'planned' }), [])).toBe('not_required');
    expect(noteState(appointment({ status: 'no_show' }), [])).toBe('not_required');
    expect(noteState(appointment({ status: 'held', channel: 'telefon' }), [])).toBe('not_required');
    expect(noteState(appointment({ status: 'held', type: 'zwischenkontakt' }), [])).toBe('not_required');
  });
});

describe('templates and validation', () => {
  it('prefills the Anlass and the channel from the appointment', () => {
    const draft = draftFromTemplate('erstgespraech_alo', 'praesenz', 45);
    expect(draft.fields).toMatchObject({ anlass: noteTemplate('erstgespraech_alo').anlass, kanal: 'praesenz', dauerMinuten: 45 });
    expect(draft.fields.teilnehmende).toEqual(['counsellor', 'customer']);
  });

  it('names every empty required field in German', () => {
    const draft = draftFromTemplate('erstgespraech', 'video', 30);
    const issues = validateNote('erstgespraech', draft);
    expect(issues.map((issue) => issue.field)).toEqual(['situation', 'ziele', 'vereinbarungen']);
    expect(issues[0]?.message).toBe('Bitte das Pflichtfeld „Situation“ ausfüllen.');
  });

  it('refuses a video channel in the note of a § 141 Erstgespräch and a missing customer', () => {
    const content = completeNote({ kanal: 'video', teilnehmende: ['counsellor', 'interpreter'] });
    expect(validateNote('erstgespraech_alo', content).map((issue) => issue.code)).toEqual(['KANAL_UNZULAESSIG', 'TEILNEHMENDE_FEHLEN']);
  });

  it('asks for a duration in a Beratung but not in a Zwischenkontakt', () => {
    expect(validateNote('folgegespraech', completeNote({ dauerMinuten: 0 })).map((issue) => issue.code)).toEqual(['DAUER_FEHLT']);
    expect(validateNote('zwischenkontakt', completeNote({ dauerMinuten: 0 }))).toEqual([]);
  });

  it('accepts interpreters and carers as participants', () => {
    expect(validateNote('folgegespraech', completeNote({ teilnehmende: ['counsellor', 'customer', 'interpreter', 'carer'] }))).toEqual([]);
  });
});

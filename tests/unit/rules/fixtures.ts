import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteContent } from '../../../src-shared/domain/note.js';

let counter = 0;

/** A valid appointment; tests override what they are about. Times are Berlin local (+01:00 in winter). */
export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    counsellorId: 'vbf-1',
    agencyRegion: 'RD-NRW',
    land: 'NW',
    customer: { customerNumber: '123A456789', displayName: 'Erika Mustermann', pseudonym: 'K-7F3A' },
    type: 'folgegespraech',
    channel: 'praesenz',
    fachdienst: 'AV',
    start: '2026-11-23T09:00:00+01:00',
    end: '2026-11-23T09:45:00+01:00',
    status: 'planned',
    registeredOn: null,
    consent: null,
    revision: 1,
    updatedAt: '2026-11-20T08:00:00+01:00',
    ...overrides,
  };
}

export function completeNote(overrides: Partial<NoteContent['fields']> = {}): NoteContent {
  return {
    fields: {
      anlass: 'Folgegespräch',
      situation: 'Bewerbungen laufen.',
      ziele: 'Arbeitsaufnahme im Lager.',
      vereinbarungen: 'Drei Bewerbungen bis zum nächsten Termin.',
      kanal: 'praesenz',
      dauerMinuten: 40,
      teilnehmende: ['counsellor', 'customer'],
      ...overrides,
    },
    freeText: '',
  };
}

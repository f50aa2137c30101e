/** Test data for the store tests: valid domain objects with recognisable marker text. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteContent } from '../../../src-shared/domain/note.js';

export const newKey = (): Buffer => randomBytes(32);

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: randomUUID(),
    counsellorId: 'u-av-berger',
    agencyRegion: 'AA Köln',
    land: 'NW',
    customer: { customerNumber: '123D456789', displayName: 'Erika Mustermann', pseudonym: 'K-0001' },
    type: 'folgegespraech',
    channel: 'video',
    fachdienst: 'AV',
    start: '2026-11-24T09:00:00+01:00',
    end: '2026-11-24T09:45:00+01:00',
    status: 'planned',
    registeredOn: null,
    consent: null,
    revision: 1,
    updatedAt: '2026-11-20T08:00:00+01:00',
    ...overrides,
  };
}

export function noteContent(text: string): NoteContent {
  return {
    fields: {
      anlass: 'Folgegespräch',
      situation: text,
      ziele: 'Bewerbungen',
      vereinbarungen: 'Nächster Termin in zwei Wochen',
      kanal: 'video',
      dauerMinuten: 45,
      teilnehmende: ['counsellor', 'customer'],
    },
    freeText: text,
  };
}

/**
 * A generated corpus of Beratungsvermerke with planted personal data of customers, staff and third parties, in
 * the spellings counsellors actually type. Each note lists what was planted, so a test can prove that none of it
 * survives the export.
 */
import type { Appointment, AppointmentType, Channel } from '../../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import type { StaffMember } from '../../../src-server/review/export.js';
import { mulberry32 } from '../../../src-shared/seeded-random.js';

const FIRST = ['Erika', 'Jürgen', 'Ayşe', 'Mehmet', 'Agnieszka', 'Oleksandr', 'Zoë', 'Søren', 'Fatima', 'Kai-Uwe', 'Małgorzata', 'Björn', 'Dragan', 'Ewelina'];
const LAST = ['Mustermann', 'Özdemir', 'Kowalczyk', 'Schäfer', 'Nguyễn', 'Al-Hassan', 'Wiśniewska', 'Lindqvist', 'Grünewald', 'Papadopoulos', 'Dąbrowski', 'Yılmaz', 'Rößler', 'Tschirner'];
const THIRD_FIRST = ['Leyla', 'Wolfgang', 'Dariusz', 'Henrike', 'Costel', 'Mirela'];
const THIRD_LAST = ['Demir', 'Pietsch', 'Nowicki', 'Brandstätter', 'Ionescu', 'Vuković'];
const STREETS = ['Lindenstraße', 'Berliner Str.', 'Goethestr.', 'Am Hang', 'Kirchweg', 'Friedrich-Ebert-Allee', 'Hauptstrasse'];
const TOWNS = ['Nürnberg', 'Fürth', 'Bad Kreuznach', 'Halle', 'Görlitz', 'Oberhausen'];
const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

export const STAFF: readonly StaffMember[] = [
  { id: 'vbf-berger', displayName: 'Thomas Berger', username: 'tberger' },
  { id: 'vbf-wohlfahrt', displayName: 'Sabine Wohlfahrt', username: 'swohlfahrt' },
  { id: 'tl-kraushaar', displayName: 'Dr. Ines Kraushaar', username: 'ikraushaar' },
];

export interface PlantedNote {
  readonly appointment: Appointment;
  readonly note: NoteVersion;
  /** Strings that must not appear in the export, compared case-insensitively. */
  readonly literals: readonly string[];
  /** Names whose every word (≥ 3 letters) must not appear as a word. */
  readonly names: readonly string[];
  /** Numbers whose digit sequence must not appear (phone numbers, customer numbers). */
  readonly digitRuns: readonly string[];
  /** Short numbers that must not appear on their own (postcodes). */
  readonly numberTokens: readonly string[];
}

const uuid = (n: number, kind: number): string => `00000000-0000-4${String(kind).padStart(3, '0')}-8000-${String(n).padStart(12, '0')}`;

export function generateCorpus(count: number, options: { region: string; month: string; seed: number }): PlantedNote[] {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const notes: PlantedNote[] = [];

  for (let i = 0; i < count; i += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const fullName = `${first} ${last}`;
    const customerNumber = `${digits(3)}${pick(['A', 'B', 'D', 'K'])}${digits(6)}`;
    const spacedNumber = `${customerNumber.slice(0, 3)} ${customerNumber.slice(3, 4)} ${customerNumber.slice(4)}`;
    const asciiLast = last.replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ä/g, 'ae').replace(/ß/g, 'ss');
    const email = `${first.toLowerCase().replace(/[^a-z]/g, '')}.${asciiLast.toLowerCase().replace(/[^a-z]/g, '')}${digits(2)}@${pick(['web.de', 'gmx.net', 'mail-provider.example'])}`;
    const mobile = `01${pick(['51', '60', '76', '79'])} ${digits(8)}`;
    const landline = pick([`+49 30 ${digits(7)}`, `(0911) ${digits(3)}-${digits(4)}`, `0049 (0)89/${digits(6)}-${digits(2)}`, `0221/${digits(7)}`]);
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const year = 1960 + Math.floor(random() * 45);
    const birth = pick([
      `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`,
      `${day}.${month}.${String(year).slice(2)}`,
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      `${day}. ${MONTHS[month - 1]} ${year}`,
    ]);
    const street = `${pick(STREETS)} ${1 + Math.floor(random() * 120)}${pick(['', 'a', 'b'])}`;
    const postcode = digits(5).replace(/^0/, '1');
    const town = pick(TOWNS);
    const staff = pick(STAFF);
    const colleague = pick(STAFF.filter((member) => member !== staff));
    const third = `${pick(THIRD_FIRST)} ${pick(THIRD_LAST)}`;
    const interpreter = `${pick(THIRD_FIRST)} ${pick(THIRD_LAST)}`;

    const type: AppointmentType = pick(['erstgespraech', 'folgegespraech', 'erstgespraech_alo']);
    const channel: Channel = type === 'erstgespraech_alo' ? 'praesenz' : pick(['praesenz', 'video']);
    const dayOfMonth = String(1 + Math.floor(random() * 27)).padStart(2, '0');
    const appointment: Appointment = {
      id: uuid(i, 1),
      counsellorId: staff.id,
      agencyRegion: options.region,
      land: 'BY',
      customer: { customerNumber, displayName: fullName, pseudonym: `K-${i}` },
      type,
      channel,
      fachdienst: 'AV',
      start: `${options.month}-${dayOfMonth}T09:00:00+01:00`,
      end: `${options.month}-${dayOfMonth}T09:45:00+01:00`,
      status: 'held',
      registeredOn: null,
      consent: null,
      revision: 1,
      updatedAt: `${options.month}-${dayOfMonth}T10:00:00+01:00`,
    };
    const salutation = pick(['Frau', 'Herr']);
    const note: NoteVersion = {
      noteId: uuid(i, 2),
      appointmentId: appointment.id,
      version: 1,
      baseVersion: null,
      content: {
        fields: {
          anlass: `${type === 'folgegespraech' ? 'Folgegespräch' : 'Erstgespräch'} mit ${salutation} ${last} (Kd.-Nr. ${customerNumber})`,
          situation: `${first} berichtet, dass die Bewerbungen bisher erfolglos waren. Geb. ${birth}, wohnhaft ${street}, ${postcode} ${town}. ${salutation === 'Frau' ? 'Die Kundin' : 'Der Kunde'} ist unter ${mobile} oder ${email} erreichbar.`,
          ziele: `Arbeitsaufnahme als Fachkraft Lagerlogistik; ${asciiLast} wünscht Teilzeit.`,
          vereinbarungen: `Drei Bewerbungen bis zum nächsten Termin. Rücksprache mit ${colleague.displayName} zur Förderung. Betreuer ${third} wird informiert.`,
          kanal: channel,
          dauerMinuten: 45,
          teilnehmende: ['counsellor', 'customer', 'interpreter'],
        },
        freeText: `Gespräch geführt von ${staff.displayName} (${staff.username}). Dolmetscherin Frau ${interpreter} übersetzte. Festnetz: ${landline}. Unterlagen von ${last}s Arbeitgeber liegen vor; Kundennummer ${spacedNumber}. Laut ${colleague.displayName.split(' ').at(-1)} ist ein Bildungsgutschein möglich.`,
      },
      healthData: false,
      authorId: staff.id,
      savedAt: `${options.month}-${dayOfMonth}T10:00:00+01:00`,
      conflictOf: null,
    };
    notes.push({
      appointment,
      note,
      literals: [customerNumber, spacedNumber, email, mobile, landline, birth, street, `${postcode} ${town}`, staff.username!, staff.id, colleague.id],
      names: [fullName, asciiLast, staff.displayName, colleague.displayName, third, interpreter],
      digitRuns: [customerNumber.replace(/\D/g, ''), mobile.replace(/\D/g, ''), landline.replace(/\D/g, '')],
      numberTokens: [postcode],
    });
  }
  return notes;
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Everything of `planted` that can still be found in `exported`; empty when nothing leaked. */
export function leaks(exported: string, planted: readonly PlantedNote[]): string[] {
  const haystack = fold(exported);
  const words = new Set(haystack.split(/[^\p{L}]+/u));
  const digitsOnly = exported.replace(/[\s()/+-]/g, '');
  const tokens = new Set(exported.split(/[^\p{L}\d]+/u));
  const found: string[] = [];
  for (const item of planted) {
    for (const literal of item.literals) if (haystack.includes(fold(literal))) found.push(literal);
    for (const name of item.names) {
      for (const word of fold(name).split(/[^\p{L}]+/u)) {
        if (word.length >= 3 && word !== 'dr' && words.has(word)) found.push(`${name} → ${word}`);
      }
    }
    for (const run of item.digitRuns) if (digitsOnly.includes(run)) found.push(run);
    for (const token of item.numberTokens) if (tokens.has(token)) found.push(token);
  }
  return [...new Set(found)];
}

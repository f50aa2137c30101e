/**
 * Demo data for the embedded default: counsellors of every Fachdienst (AV, BB, Reha, BPS), a team lead and an
 * IT-support account, and two working weeks of appointments across all channels and types, with consent
 * records and some notes. Everything drawn from a seeded generator, so the same seed and start date give the
 * same ids, customers and times; only the statuses depend on when it is seeded (appointments already over are
 * held, missed or cancelled; later ones planned).
 */
import { createHash } from 'node:crypto';
import type { Appointment, AppointmentType, Channel, ConsentRecord, Fachdienst } from '../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../src-shared/domain/note.js';
import type { Role } from '../../src-shared/http/sync-api.js';
import { hashPassword } from '../auth/passwords.js';
import { CONSENT_TEXT_VERSION } from '../../src-shared/domain/appointment.js';
import { berlinDate, berlinInstantMs, berlinIso, mondayOf } from '../../src-shared/rules/berlin-time.js';
import { addCalendarDays } from '../../src-shared/rules/working-days.js';
import type { Repository } from './repository.js';
import { mulberry32 } from '../../src-shared/seeded-random.js';

export interface DemoAccount {
  readonly id: string;
  readonly username: string;
  /** Printed by `npm run server`; these accounts exist only with demo data on loopback. */
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
  readonly fachdienst: Fachdienst | null;
  readonly region: string;
}

const KOELN = 'AA Köln';
const BONN = 'AA Bonn';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'u-av-berger', username: 'av.berger', password: 'demo-av-berger', displayName: 'Sabine Berger', role: 'counsellor', fachdienst: 'AV', region: KOELN },
  { id: 'u-bb-schulz', username: 'bb.schulz', password: 'demo-bb-schulz', displayName: 'Jonas Schulz', role: 'counsellor', fachdienst: 'BB', region: KOELN },
  { id: 'u-reha-yilmaz', username: 'reha.yilmaz', password: 'demo-reha-yilmaz', displayName: 'Aylin Yılmaz', role: 'counsellor', fachdienst: 'Reha', region: BONN },
  { id: 'u-bps-keller', username: 'bps.keller', password: 'demo-bps-keller', displayName: 'Dr. Thomas Keller', role: 'counsellor', fachdienst: 'BPS', region: KOELN },
  { id: 'u-tl-hoffmann', username: 'tl.hoffmann', password: 'demo-tl-hoffmann', displayName: 'Petra Hoffmann', role: 'team_lead', fachdienst: 'AV', region: KOELN },
  { id: 'u-it-wagner', username: 'it.wagner', password: 'demo-it-wagner', displayName: 'Markus Wagner', role: 'it_support', fachdienst: null, region: KOELN },
];

interface Draw {
  next(): number;
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
  uuid(): string;
}

function draws(seed: number): Draw {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    uuid() {
      const bytes = Array.from({ length: 16 }, () => int(0, 255));
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

const FIRST_NAMES = ['Anna', 'Mehmet', 'Julia', 'Lukas', 'Olena', 'Karim', 'Sophie', 'Paul', 'Fatma', 'Jan', 'Marie', 'Ahmad', 'Lea', 'Tobias', 'Ewa', 'Nico'];
const LAST_NAMES = ['Müller', 'Kaya', 'Schneider', 'Nowak', 'Fischer', 'Hassan', 'Weber', 'Kovalenko', 'Becker', 'Öztürk', 'Krüger', 'Popescu'];

interface Kind {
  readonly type: AppointmentType;
  readonly minutes: number;
  readonly channels: readonly Channel[];
  readonly weight: number;
}

/** What each Fachdienst's day is made of; § 141 first interviews only in person, interim contacts mostly by phone. */
const KINDS: Record<Fachdienst, readonly Kind[]> = {
  AV: [
    { type: 'erstgespraech_alo', minutes: 60, channels: ['praesenz'], weight: 3 },
    { type: 'erstgespraech', minutes: 60, channels: ['praesenz', 'video'], weight: 2 },
    { type: 'folgegespraech', minutes: 45, channels: ['praesenz', 'video', 'video'], weight: 4 },
    { type: 'zwischenkontakt', minutes: 15, channels: ['telefon', 'telefon', 'video'], weight: 3 },
    { type: 'gruppeninformation', minutes: 90, channels: ['praesenz', 'video'], weight: 1 },
  ],
  BB: [
    { type: 'erstgespraech', minutes: 60, channels: ['praesenz', 'video'], weight: 3 },
    { type: 'folgegespraech', minutes: 45, channels: ['praesenz', 'video'], weight: 4 },
    { type: 'zwischenkontakt', minutes: 15, channels: ['telefon'], weight: 2 },
    { type: 'gruppeninformation', minutes: 90, channels: ['praesenz', 'video'], weight: 1 },
  ],
  Reha: [
    { type: 'erstgespraech', minutes: 60, channels: ['praesenz', 'video'], weight: 2 },
    { type: 'folgegespraech', minutes: 60, channels: ['praesenz', 'video'], weight: 4 },
    { type: 'zwischenkontakt', minutes: 15, channels: ['telefon', 'video'], weight: 2 },
  ],
  BPS: [
    { type: 'bps_begutachtung', minutes: 90, channels: ['praesenz', 'video'], weight: 4 },
    { type: 'folgegespraech', minutes: 45, channels: ['video', 'praesenz'], weight: 2 },
    { type: 'zwischenkontakt', minutes: 15, channels: ['telefon'], weight: 1 },
  ],
};

function weighted(draw: Draw, kinds: readonly Kind[]): Kind {
  const total = kinds.reduce((sum, kind) => sum + kind.weight, 0);
  let roll = draw.next() * total;
  for (const kind of kinds) {
    roll -= kind.weight;
    if (roll < 0) return kind;
  }
  return kinds[kinds.length - 1] as Kind;
}

const NOTE_TEXT: Partial<Record<AppointmentType, { anlass: string; situation: string; ziele: string; vereinbarungen: string }>> = {
  erstgespraech_alo: {
    anlass: 'Erstgespräch nach Arbeitslosmeldung',
    situation: 'Kundin/Kunde seit kurzem arbeitslos gemeldet; Berufserfahrung im bisherigen Beruf vorhanden.',
    ziele: 'Zeitnahe Integration in eine sozialversicherungspflichtige Beschäftigung.',
    vereinbarungen: 'Eigenbemühungen: mindestens fünf Bewerbungen je Monat; Vermittlungsvorschläge werden zugesandt.',
  },
  erstgespraech: {
    anlass: 'Erstberatung',
    situation: 'Anliegen und Ausgangslage besprochen; Unterlagen teilweise vorhanden.',
    ziele: 'Berufliche Orientierung klären.',
    vereinbarungen: 'Lebenslauf überarbeiten und bis zum Folgetermin einreichen.',
  },
  folgegespraech: {
    anlass: 'Folgegespräch',
    situation: 'Stand der Vereinbarungen geprüft; Bewerbungen erfolgt.',
    ziele: 'Vereinbarte Schritte fortsetzen.',
    vereinbarungen: 'Weitere Bewerbungen; nächster Termin in vier Wochen.',
  },
  bps_begutachtung: {
    anlass: 'Psychologische Begutachtung',
    situation: 'Testverfahren durchgeführt; Auswertung im Gutachten.',
    ziele: 'Eignungsfragen für die weitere Beratung klären.',
    vereinbarungen: 'Gutachten geht an die beauftragende Fachkraft.',
  },
};

export interface DemoSettings {
  readonly seed: number;
  readonly startDate?: string | undefined;
  /** ISO instant the statuses are drawn for; default `nowMs`. */
  readonly asOf?: string | undefined;
}

function customerFor(draw: Draw, seed: number): Appointment['customer'] {
  const customerNumber = `${draw.int(100, 999)}${draw.pick(['A', 'B', 'C', 'D'])}${draw.int(100000, 999999)}`;
  const pseudonym = `PS-${createHash('sha256').update(`${seed}:${customerNumber}`).digest('hex').slice(0, 12)}`;
  return { customerNumber, displayName: `${draw.pick(FIRST_NAMES)} ${draw.pick(LAST_NAMES)}`, pseudonym };
}

/**
 * Seeds accounts and appointments into `repository` unless the demo accounts exist already (a restart keeps
 * what the counsellors changed). Returns the demo accounts with their passwords for printing.
 */
export async function seedDemoData(repository: Repository, settings: DemoSettings, nowMs = Date.now()): Promise<readonly DemoAccount[]> {
  if (await repository.accounts.byUsername(DEMO_ACCOUNTS[0]?.username ?? '')) return DEMO_ACCOUNTS;
  for (const account of DEMO_ACCOUNTS) {
    const { password, ...rest } = account;
    await repository.accounts.upsert({ ...rest, passwordHash: await hashPassword(password) });
  }

  const asOfMs = settings.asOf !== undefined ? Date.parse(settings.asOf) : nowMs;
  const draw = draws(settings.seed);
  const monday = settings.startDate ?? mondayOf(berlinDate(new Date(asOfMs)));
  const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((offset) => addCalendarDays(monday, offset));
  const seededAt = new Date(nowMs).toISOString();

  for (const counsellor of DEMO_ACCOUNTS.filter((account) => account.role === 'counsellor')) {
    const fachdienst = counsellor.fachdienst as Fachdienst;
    const customers = Array.from({ length: 14 }, () => customerFor(draw, settings.seed));
    for (const day of days) {
      let minuteOfDay = 8 * 60 + draw.pick([0, 15, 30]);
      const count = draw.int(3, 6);
      for (let index = 0; index < count && minuteOfDay < 16 * 60; index += 1) {
        const kind = weighted(draw, KINDS[fachdienst]);
        const id = draw.uuid();
        const start = berlinIso(day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
        const endMinute = minuteOfDay + kind.minutes;
        const end = berlinIso(day, Math.floor(endMinute / 60), endMinute % 60);
        let channel = draw.pick(kind.channels);
        const customer = draw.pick(customers);
        const statusRoll = draw.next();
        const consentRoll = draw.next();
        const leadDays = draw.int(2, 16);
        // Drawn for every appointment, so that the sequence (and with it all later ids) never depends on `nowMs`.
        const noteRoll = draw.next();
        const noteId = draw.uuid();
        const over = berlinInstantMs(day, Math.floor(endMinute / 60), endMinute % 60) <= asOfMs;
        const status: Appointment['status'] = over
          ? statusRoll < 0.75 ? 'held' : statusRoll < 0.88 ? 'no_show' : 'cancelled'
          : statusRoll < 0.05 ? 'cancelled' : 'planned';

        let consent: ConsentRecord | null = null;
        if (channel === 'video') {
          const givenAt = berlinIso(addCalendarDays(day, -leadDays), 10, 0);
          if (consentRoll < 0.08) {
            // The customer withdrew consent: the appointment moved to the phone, the record stays (202209001 §2.1).
            consent = { appointmentId: id, givenAt, via: 'telefon', textVersion: CONSENT_TEXT_VERSION, withdrawnAt: berlinIso(addCalendarDays(day, -1), 14, 30) };
            channel = 'telefon';
          } else if (over || consentRoll < 0.6) {
            consent = { appointmentId: id, givenAt, via: consentRoll < 0.3 ? 'telefon' : 'guest_page', textVersion: CONSENT_TEXT_VERSION, withdrawnAt: null };
          }
        }
        const appointment: Appointment = {
          id,
          counsellorId: counsellor.id,
          agencyRegion: counsellor.region,
          land: 'NW',
          customer,
          type: kind.type,
          channel,
          fachdienst,
          start,
          end,
          status,
          registeredOn: kind.type === 'erstgespraech_alo' || kind.type === 'erstgespraech' ? addCalendarDays(day, -leadDays) : null,
          consent,
          revision: 0,
          updatedAt: seededAt,
        };
        await repository.appointments.put(appointment);
        if (consent) await repository.consents.record(consent, counsellor.id);

        const text = NOTE_TEXT[kind.type];
        // Most held counselling conversations have their Beratungsvermerk; the rest show up as overdue.
        if (status === 'held' && text && channel !== 'telefon' && noteRoll < 0.65) {
          const note: NoteVersion = {
            noteId,
            appointmentId: id,
            version: 1,
            baseVersion: null,
            content: {
              fields: { ...text, kanal: channel, dauerMinuten: kind.minutes, teilnehmende: ['counsellor', 'customer'] },
              freeText: '',
            },
            healthData: fachdienst === 'BPS',
            authorId: counsellor.id,
            savedAt: end,
            conflictOf: null,
          };
          await repository.notes.append(note);
        }
        minuteOfDay = endMinute + draw.pick([15, 30, 45, 60]);
      }
    }
  }
  return DEMO_ACCOUNTS;
}

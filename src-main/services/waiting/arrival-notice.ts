/**
 * The system notification for a guest who arrived in a waiting room. It names the role and the appointment's
 * time, never the guest's name: an operating system keeps notifications in its history and shows them on a
 * locked or shared screen, where customer data has no place (higher duties in Mobilarbeit, 202209006 §3).
 */
import type { Language } from '../../../src-shared/ipc/features/app.js';
import { berlinClock } from '../../../src-shared/rules/berlin-time.js';
import type { WaitingGuest } from '../../../src-shared/signalling/waiting-rooms-api.js';

export interface Notice {
  readonly title: string;
  readonly body: string;
}

const TEXTS = {
  de: {
    title: 'Jemand wartet im Warteraum',
    roles: { customer: 'Die Kundin oder der Kunde', interpreter: 'Die Dolmetscherin oder der Dolmetscher', carer: 'Die Betreuerin oder der Betreuer', companion: 'Die Begleitperson' },
    body: (role: string, since: string, start: string | null) =>
      `${role} wartet seit ${since} Uhr${start ? ` (Termin um ${start} Uhr)` : ''}. Unter „Heute“ lassen Sie sie oder ihn mit einem Klick ein.`,
  },
  en: {
    title: 'Someone is in the waiting room',
    roles: { customer: 'The customer', interpreter: 'The interpreter', carer: 'The carer', companion: 'The accompanying person' },
    body: (role: string, since: string, start: string | null) => `${role} has been waiting since ${since}${start ? ` (appointment at ${start})` : ''}. Let them in from "Today" with one click.`,
  },
} as const;

const clock = (iso: string) => {
  const { hour, minute } = berlinClock(iso);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

export function arrivalNotice(guest: WaitingGuest, appointmentStart: string | null, language: Language): Notice {
  const texts = TEXTS[language];
  return { title: texts.title, body: texts.body(texts.roles[guest.role], clock(guest.since), appointmentStart ? clock(appointmentStart) : null) };
}

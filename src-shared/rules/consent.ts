/**
 * Consent to video (BA-Weisung 202209001 §2.1): voluntary, recorded before the call, revocable at any time
 * without disadvantage. A withdrawal therefore never cancels or blocks the appointment: it moves it to another
 * channel and the conversation takes place there.
 */
import type { Appointment, Channel } from '../domain/appointment.js';
import { allowedChannels, isBeratung } from './channel.js';
import type { Finding } from './findings.js';

export type ConsentStatus = 'not_required' | 'missing' | 'given' | 'withdrawn';

export function consentStatus(appointment: Pick<Appointment, 'channel' | 'consent'>): ConsentStatus {
  const consent = appointment.consent;
  if (consent?.withdrawnAt) return 'withdrawn';
  if (appointment.channel !== 'video') return 'not_required';
  return consent ? 'given' : 'missing';
}

/** A video call may start only with consent on record; the UI offers recording it instead. */
export function videoStartFindings(appointment: Pick<Appointment, 'channel' | 'consent'>): Finding[] {
  const status = consentStatus(appointment);
  if (appointment.channel !== 'video' || status === 'given') return [];
  return [
    {
      code: status === 'withdrawn' ? 'EINWILLIGUNG_WIDERRUFEN' : 'EINWILLIGUNG_FEHLT',
      severity: 'refusal',
      message:
        status === 'withdrawn'
          ? 'Die Einwilligung in die Videoberatung wurde widerrufen. Der Termin findet in Präsenz oder per Telefon statt; bitte den Kanal wechseln.'
          : 'Für die Videoberatung liegt keine Einwilligung vor. Bitte die Einwilligung erfassen (Gastseite, telefonisch, persönlich oder schriftlich), bevor das Gespräch startet.',
    },
  ];
}

export interface ChannelSwitch {
  readonly appointmentId: string;
  readonly channel: Channel;
  readonly reason: 'consent_withdrawn';
}

/**
 * The channel an appointment moves to when the customer withdraws consent to video: a Beratung goes to Präsenz
 * (Telefon is for Zwischenkontakte), other contacts to Telefon. Null when the appointment is not a video one.
 */
export function channelAfterWithdrawal(appointment: Pick<Appointment, 'id' | 'type' | 'channel'>): ChannelSwitch | null {
  if (appointment.channel !== 'video') return null;
  const preferred: Channel = isBeratung(appointment.type) ? 'praesenz' : 'telefon';
  const allowed = allowedChannels(appointment.type).filter((channel) => channel !== 'video');
  const channel = allowed.includes(preferred) ? preferred : (allowed[0] ?? 'praesenz');
  return { appointmentId: appointment.id, channel, reason: 'consent_withdrawn' };
}

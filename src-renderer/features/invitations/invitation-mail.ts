/**
 * The e-mail a counsellor sends with a guest link, as a `mailto:` address for the counsellor's own mail
 * program (the app sends nothing itself). Plain text. For a BPS appointment it names no service at all: even
 * that such an appointment exists is health data (202209006 §3), and an e-mail may be read by others.
 */
import type { TFunction } from 'i18next';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AGENCY_TIME_ZONE, isHealthData } from '../../../src-shared/rules/index.js';
import type { GuestLinkInfo } from '../../../src-shared/signalling/guest-api.js';
import { intlLocale } from '../../app/intl-locale.js';

export function invitationMail(
  appointment: Pick<Appointment, 'start' | 'type' | 'fachdienst'>,
  link: Pick<GuestLinkInfo, 'role' | 'url'>,
  t: TFunction,
  language: string,
): { subject: string; body: string } {
  const at = new Date(appointment.start);
  const date = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'full', timeZone: AGENCY_TIME_ZONE }).format(at);
  const time = new Intl.DateTimeFormat(intlLocale(language), { hour: '2-digit', minute: '2-digit', timeZone: AGENCY_TIME_ZONE }).format(at);
  const service = isHealthData(appointment) ? null : t(`mailText.services.${appointment.fachdienst}`);
  const lines = [
    t('mailText.greeting'),
    '',
    t(`mailText.invite.${link.role}`, { date, time }),
    link.url,
    '',
    // Only the customer's own counselling is named, and never a health-data one.
    ...(service && link.role === 'customer' ? [t('mailText.service', { service }), ''] : []),
    t('mailText.how'),
    '',
    t('mailText.alternative'),
    '',
    t('mailText.closing'),
  ];
  return { subject: t('mailText.subject', { date }), body: lines.join('\n') };
}

export function mailtoHref(mail: { subject: string; body: string }): string {
  // encodeURIComponent, not URLSearchParams: mail programs read `+` literally, and line breaks must be %0D%0A.
  return `mailto:?subject=${encodeURIComponent(mail.subject)}&body=${encodeURIComponent(mail.body.replace(/\n/g, '\r\n'))}`;
}

/**
 * Which channel an appointment type may use (BA-Weisung 202502006 §2.1–2.2):
 * - the first interview after registering as unemployed (§ 141 SGB III) is held in person: Video and Telefon
 *   are refused;
 * - the telephone is meant for Zwischenkontakte; a Beratung booked as Telefon is allowed but warned about.
 */
import type { AppointmentType, Channel } from '../domain/appointment.js';
import type { Finding } from './findings.js';

/** Counselling conversations: they steer the case and need a Beratungsvermerk when held. */
const BERATUNG_TYPES: ReadonlySet<AppointmentType> = new Set([
  'erstgespraech_alo',
  'erstgespraech',
  'folgegespraech',
  'bps_begutachtung',
]);

export const isBeratung = (type: AppointmentType): boolean => BERATUNG_TYPES.has(type);

/** First interviews, whose lead time from registration counts as TVZ. */
export const isFirstInterview = (type: AppointmentType): boolean => type === 'erstgespraech_alo' || type === 'erstgespraech';

export function channelFindings(type: AppointmentType, channel: Channel): Finding[] {
  if (type === 'erstgespraech_alo' && channel !== 'praesenz') {
    return [
      {
        code: 'ERSTGESPRAECH_ALO_NUR_PRAESENZ',
        severity: 'refusal',
        message:
          channel === 'video'
            ? 'Das Erstgespräch nach der Arbeitslosmeldung (§ 141 SGB III) findet persönlich statt. Bitte als Präsenztermin buchen; Video ist hier nicht zulässig.'
            : 'Das Erstgespräch nach der Arbeitslosmeldung (§ 141 SGB III) findet persönlich statt. Bitte als Präsenztermin buchen; Telefon ist hier nicht zulässig.',
      },
    ];
  }
  if (channel === 'telefon' && isBeratung(type)) {
    return [
      {
        code: 'BERATUNG_PER_TELEFON',
        severity: 'warning',
        message:
          'Telefon ist für Zwischenkontakte ohne Beratung vorgesehen. Eine Beratung bitte in Präsenz oder per Video führen, sofern die Kundin oder der Kunde zustimmt.',
      },
    ];
  }
  return [];
}

/** The channels the user may pick for this type, in the order the UI offers them. */
export const allowedChannels = (type: AppointmentType): Channel[] =>
  (['praesenz', 'video', 'telefon'] as const).filter((channel) =>
    channelFindings(type, channel).every((finding) => finding.severity !== 'refusal'),
  );

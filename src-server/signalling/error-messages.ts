/** German error texts of the signalling protocol: each says what to do. */
import type { SignallingErrorCode } from '../../src-shared/signalling/messages.js';
import { LINK_MESSAGES } from '../guest/links.js';

export const SIGNALLING_MESSAGES: Record<SignallingErrorCode, string> = {
  BAD_JSON: 'Die Nachricht ist kein gültiges JSON. Senden Sie je Nachricht ein JSON-Objekt.',
  INVALID_MESSAGE: 'Die Nachricht passt nicht zum Signalisierungsprotokoll. Prüfen Sie "type" und die Felder.',
  TOO_LARGE: 'Die Nachricht ist zu groß. Senden Sie kleinere Nachrichten.',
  RATE_LIMITED: 'Zu viele Nachrichten in kurzer Zeit. Die Nachricht wurde verworfen; senden Sie langsamer.',
  HELLO_REQUIRED: 'Melden Sie sich zuerst mit "hello" an.',
  ALREADY_JOINED: 'Diese Verbindung ist bereits angemeldet. Öffnen Sie für eine zweite Teilnahme eine neue Verbindung.',
  UNAUTHORIZED: 'Die Anmeldung ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.',
  FORBIDDEN: 'Sie dürfen diesen Termin nicht eröffnen. Nur die zuständige Beratungsfachkraft kann den Raum öffnen.',
  ...LINK_MESSAGES,
  CONSENT_REQUIRED: 'Bitte stimmen Sie zuerst der Videoberatung zu. Ohne Zustimmung ist eine Teilnahme per Video nicht möglich.',
  RESUME_FAILED: 'Die Verbindung konnte nicht fortgesetzt werden. Bitte treten Sie erneut bei.',
  NOT_ADMITTED: 'Sie sind noch im Warteraum. Bitte warten Sie, bis Sie eingelassen werden.',
  NOT_COUNSELLOR: 'Nur die Beratungsfachkraft darf das tun.',
  UNKNOWN_PARTICIPANT: 'Diese Person ist nicht (mehr) in diesem Raum.',
  ROOM_FULL: 'Der Raum ist voll. Es können höchstens so viele Personen teilnehmen, wie der Server erlaubt.',
  WAITING_ROOM_FULL: 'Der Warteraum ist voll. Bitte versuchen Sie es in einigen Minuten erneut.',
  ROOM_CLOSED: 'Die Videoberatung ist beendet. Bei Fragen wenden Sie sich bitte telefonisch an Ihre Agentur für Arbeit.',
  TURN_UNAVAILABLE: 'Für diesen Raum sind keine TURN-Zugangsdaten eingerichtet.',
  INTERNAL: 'Interner Fehler im Server. Die Nachricht wurde nicht verarbeitet; bitte erneut versuchen.',
};

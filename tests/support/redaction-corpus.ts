/**
 * Planted customer data and log calls that try to leak it in every way a careless call site could: message
 * interpolation, labelled and quoted text, structured fields, nested objects, error messages and stacks.
 * Used by the log and support-bundle tests; `PLANTED` lists every string that must not appear in any output.
 */
import type { Logger } from '../../src-main/services/logging/log-service.js';
import type { Redactor } from '../../src-main/services/logging/redact.js';

/** Customers the app has loaded (the store registers them with `remember`). */
export const KNOWN = {
  names: ['Erika Mustermann', 'Jürgen Özdemir-Schulze'],
  customerNumbers: ['123A456789'],
  emails: ['erika.mustermann@example.de'],
  notes: [
    'Kundin berichtet von gesundheitlichen Einschränkungen nach dem Bandscheibenvorfall und wünscht eine Umschulung zur Bürokauffrau.',
  ],
};

/** Data the app has never seen (typed by hand, from another system): only shape rules can catch it. */
export const UNKNOWN = {
  names: ['Hannelore Kwiatkowski', 'Detlef Brandstätter'],
  customerNumbers: ['987B654321', '555 C 112233'],
  emails: ['d.brandstaetter@posteo.example', 'hk1961@mail.example.org'],
  phone: '+49 171 2345678',
  iban: 'DE89 3704 0044 0532 0130 00',
};

/** The counsellor's home folder (their user name is personal data too). */
export const STAFF_HOME = '/home/s.sachbearbeiterin';

/** Every string (and distinctive part) that must not be found in a log file or a support bundle. */
export const PLANTED: string[] = [
  ...KNOWN.names,
  'Mustermann',
  'Erika',
  'Özdemir',
  'Schulze',
  'Jürgen',
  ...KNOWN.customerNumbers,
  '456789',
  ...KNOWN.emails,
  'erika.mustermann',
  'Bandscheibenvorfall',
  'gesundheitlichen Einschränkungen',
  'Umschulung zur Bürokauffrau',
  ...UNKNOWN.names,
  'Kwiatkowski',
  'Brandstätter',
  '987B654321',
  '654321',
  '112233',
  ...UNKNOWN.emails,
  'posteo',
  '2345678',
  '0532 0130',
  'sachbearbeiterin',
];

export function rememberKnown(redactor: Redactor): void {
  for (const name of KNOWN.names) redactor.remember('name', name);
  for (const number of KNOWN.customerNumbers) redactor.remember('customerNumber', number);
  for (const email of KNOWN.emails) redactor.remember('email', email);
  for (const note of KNOWN.notes) redactor.remember('note', note);
}

/** Runs the corpus; returns how many log calls it made (each must produce one line). */
export function logCorpus(log: Logger): number {
  const [erika, juergen] = KNOWN.names as [string, string];
  const [note] = KNOWN.notes as [string];
  const [hannelore, detlef] = UNKNOWN.names as [string, string];
  const calendar = log.child('calendar');
  const calls: Array<() => void> = [
    // Known values anywhere in free text.
    () => log.info(`Termin mit ${erika} auf morgen verschoben`),
    () => calendar.warn(`Einladung an ${juergen.toUpperCase()} fehlgeschlagen`),
    () => log.info(`Kundennummer ${KNOWN.customerNumbers[0]} synchronisiert`),
    () => log.info(`Vermerk gespeichert: ${note}`),
    () => log.info(`Teil eines Vermerks im Fehler: …wünscht eine Umschulung zur Bürokauffrau…`),
    // Unknown values behind labels, in quotes, by shape.
    () => log.warn(`Kunde: ${hannelore} nicht erreichbar`),
    () => log.warn(`Rückruf bei Herr ${detlef.split(' ')[1]} erbeten`),
    () => log.error(`Ungültige Daten: ${JSON.stringify({ name: hannelore, mail: UNKNOWN.emails[0] })}`),
    () => log.info(`Mail an ${UNKNOWN.emails[1]} gesendet, Rückfragen unter ${UNKNOWN.phone}`),
    () => log.info(`Kundennummern ${UNKNOWN.customerNumbers.join(' und ')} nicht gefunden`),
    () => log.info(`Erstattung auf ${UNKNOWN.iban}`),
    () => log.info(`Suche nach „${detlef}“ ohne Treffer`),
    // Structured fields that must not pass the allow-list.
    () => log.info('calendar.loaded', { count: 12, customerName: erika, email: KNOWN.emails[0], customer: { name: detlef } }),
    () => log.info('note.saved', { noteId: 'n-42', text: note, durationMs: 12 }),
    // Allowed fields carrying data they should not: scrubbed or dropped.
    () => log.info('sync.failed', { reason: `Konflikt bei ${erika}: ${note}`, appointmentId: 'Mustermann', code: 'CONFLICT' }),
    () => log.info('sync.request', { url: `https://beratung.example/api/v1/search?q=${encodeURIComponent(detlef)}`, statusCode: 500 }),
    () => log.info('export.written', { path: `${STAFF_HOME}/Beratungsraum/Export ${erika}.json` }),
    // Errors whose message quotes the input.
    () => log.error('store.write_failed', { err: new Error(`UNIQUE constraint failed: notes.text = '${note}'`) }),
    () => log.error('import.failed', { err: Object.assign(new TypeError(`Unerwarteter Wert "${UNKNOWN.customerNumbers[1]}" für ${erika}`), { code: 'E_IMPORT' }) }),
  ];
  for (const call of calls) call();
  return calls.length;
}

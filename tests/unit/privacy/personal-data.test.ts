/**
 * One corpus against both redactors: the desktop's log redactor and the server's review export. What neither has
 * been told (no known names or numbers) must be caught by the shared shapes in src-shared/privacy, in logs and in
 * reviews alike, so a shape cannot be learnt by one and forgotten by the other.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor as createLogRedactor } from '../../../src-main/services/logging/redact.js';
import { createRedactor as createReviewRedactor } from '../../../src-server/review/redact.js';
import { personalDataPatterns, replacePersonalData, type PersonalDataKind } from '../../../src-shared/privacy/personal-data.js';

/** Text with personal data the program does not know, the fragments that must not survive, and the shape that catches it. */
const CORPUS: ReadonlyArray<{ kind: PersonalDataKind; text: string; planted: readonly string[] }> = [
  { kind: 'email', text: 'Rückfrage an d.brandstaetter@posteo.example gesendet', planted: ['brandstaetter', 'posteo'] },
  { kind: 'iban', text: 'Erstattung auf DE89 3704 0044 0532 0130 00 veranlasst', planted: ['3704 0044', '0532 0130'] },
  { kind: 'customerNumber', text: 'Akte 987B654321 angelegt', planted: ['987B654321', '654321'] },
  { kind: 'customerNumber', text: 'Akte 555 C 112233 geschlossen', planted: ['112233'] },
  { kind: 'phone', text: 'erreichbar unter +49 171 2345678', planted: ['2345678'] },
  { kind: 'phone', text: 'Rückruf (030) 123 45 67 vereinbart', planted: ['123 45 67'] },
  { kind: 'date', text: 'Termin vom 12.03.1985 verschoben', planted: ['12.03.1985'] },
  { kind: 'date', text: 'seit März 2019 arbeitslos gemeldet', planted: ['März 2019'] },
  { kind: 'birthDate', text: 'Kunde Jahrgang 1961 fragt nach Rente', planted: ['1961'] },
  { kind: 'address', text: 'zugezogen in die Lindenstraße 12a', planted: ['Lindenstraße 12'] },
  { kind: 'postcodeTown', text: 'Umzug nach 90402 Nürnberg geplant', planted: ['90402', 'Nürnberg'] },
  { kind: 'number', text: 'BG-Nummer 2740012345 fehlt', planted: ['2740012345', '40012345'] },
  { kind: 'salutationName', text: 'Gespräch mit Frau Kwiatkowski abgeschlossen', planted: ['Kwiatkowski'] },
  { kind: 'salutationName', text: 'Nachricht von Hr. Brandstätter erhalten', planted: ['Brandstätter'] },
  { kind: 'salutationName', text: 'Familie Nowicki zieht um', planted: ['Nowicki'] },
  { kind: 'roleName', text: 'Dolmetscher Herr Ionescu war zugeschaltet', planted: ['Ionescu'] },
  { kind: 'roleName', text: 'Kundin Hannelore Kwiatkowski erschien nicht', planted: ['Hannelore', 'Kwiatkowski'] },
  { kind: 'labelledValue', text: 'Fehler beim Speichern, Name=Vuković', planted: ['Vuković'] },
  { kind: 'labelledValue', text: 'Notiz: kündigt Nebenjob bei Pietsch', planted: ['kündigt'] },
];

const logRedactor = createLogRedactor({ homeDir: '/home/nobody-here' });
const reviewRedactor = createReviewRedactor({ names: [], numbers: [] });

const survivors = (output: string, planted: readonly string[]) => planted.filter((fragment) => output.toLowerCase().includes(fragment.toLowerCase()));

describe('personal data that nobody announced', () => {
  it.each(CORPUS)('$kind: "$text" leaves neither the log nor the review', ({ text, planted }) => {
    expect(survivors(text, planted)).toEqual(planted); // the check can fail
    expect(survivors(logRedactor.scrubText(text), planted)).toEqual([]);
    expect(survivors(reviewRedactor.redact(text).text, planted)).toEqual([]);
  });

  it.each(CORPUS)('$kind is caught by its own shape: "$text"', ({ kind, text, planted }) => {
    const own = personalDataPatterns().filter((pattern) => pattern.kind === kind);
    expect(own.length).toBeGreaterThan(0);
    expect(survivors(replacePersonalData(text, own).text, planted)).toEqual([]);
  });

  it('keeps what a log needs and a reader needs', () => {
    expect(logRedactor.scrubText('Version 0.1.0 auf 127.0.0.1:8470 gestartet, TURN 10.20.30.40:3478')).toBe(
      'Version 0.1.0 auf 127.0.0.1:8470 gestartet, TURN 10.20.30.40:3478',
    );
    const text = 'Vereinbart: drei Bewerbungen im Lagerbereich, Teilnahme an der Maßnahme ab nächster Woche, 20 Stunden.';
    expect(reviewRedactor.redact(text)).toEqual({ text, count: 0 });
    expect(logRedactor.scrubText(text)).toBe(text);
  });

  it('treats a dotted phone number as personal in a note, where no network address belongs', () => {
    expect(reviewRedactor.redact('Tel. 030.123.45.67').text).not.toContain('123');
  });
});

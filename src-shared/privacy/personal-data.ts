/**
 * What personal data looks like in free text when nobody has told the program it is there: the one home of these
 * shapes, used by the log redactor of the desktop (src-main/services/logging/redact.ts) and by the review export
 * of the server (src-server/review/redact.ts), and tested on one corpus against both
 * (tests/unit/privacy/personal-data.test.ts). A shape learnt here protects logs and reviews alike.
 *
 * Over-redaction is accepted: a reader sees "[Name]" where a noun looked like a name; the reverse would be a
 * data-protection breach (BA-Weisung 202503001 §2).
 */

export type PersonalDataKind =
  | 'email'
  | 'iban'
  | 'date'
  | 'birthDate'
  | 'phone'
  | 'address'
  | 'postcodeTown'
  | 'customerNumber'
  | 'number'
  | 'salutationName'
  | 'roleName'
  | 'labelledValue'
  /** A value the caller knows to be personal (its own customers' names and numbers), not a shape. */
  | 'known';

export interface PersonalDataPattern {
  readonly kind: PersonalDataKind;
  readonly pattern: RegExp;
  /** `$1`, `$2` refer to the match's groups (the label or role word stays, the value goes). */
  readonly replacement: string;
}

const L = '\\p{L}';
const UPPER = '\\p{Lu}';
/** A capitalised word as names are written, with apostrophes and double-name hyphens. */
export const NAME_WORD = `${UPPER}[${L}'’-]*`;

const MONTHS = 'Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez';
const SALUTATION = '(?:Herrn?|Frau|Hr\\.|Fr\\.|Familie|Fam\\.)';
const TITLE = '(?:(?:Dr|Prof)\\.\\s*)*';
const ROLE =
  '(?:Kund(?:e|in|en|innen)|Dolmetscher(?:in)?|Übersetzer(?:in)?|Betreuer(?:in)?|Ehemann|Ehefrau|Ehepartner(?:in)?|Partner(?:in)?|Lebensgefährt(?:e|in)|Mutter|Vater|Sohn|Tochter|Bruder|Schwester|Arbeitgeber(?:in)?|Kolleg(?:e|in)|Ansprechpartner(?:in)?|Sachbearbeiter(?:in)?|Vermittler(?:in)?|Berater(?:in)?|Teamleiter(?:in)?|Chef(?:in)?|Vorgesetzte[rn]?|VBF|BB|Fallmanager(?:in)?)';
/** Labels after which a name follows (`Name: …`, `name=…` in English log lines). */
const NAME_LABEL = '(?:Name|Vorname|Nachname|name)';
/** Labels after which another value follows (`Notiz=…`, `customer=…`). */
const LABEL = '(?:Kundennummer|Kunden-?Nr\\.?|Vermerk|Notiz|Betreff|E-?Mail|Telefon|customer|note|email|phone)';
/** A labelled value: one word of any kind, and a capitalised second word (a surname). */
const VALUE = `(?!\\[)[\\p{L}\\p{N}][\\p{L}\\p{N}.'’-]*(?:\\s+${NAME_WORD})?`;
/** Either case of the first letter: "Lindenstraße" and "Friedrich-Ebert-Allee". */
const eitherCase = (word: string): string => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`;
const STREET_SUFFIX = `(?:${['straße', 'strasse', 'str\\.', 'weg', 'gasse', 'allee', 'platz', 'ring', 'damm', 'ufer', 'chaussee', 'pfad', 'steig', 'stieg', 'markt', 'hof', 'berg', 'feld', 'garten', 'kamp', 'wall', 'graben'].map(eitherCase).join('|')})`;
const STREET_WORD = '(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Pfad|Markt)';
const HOUSE_NUMBER = '\\d{1,4}\\s?[a-zA-Z]?(?:\\s?[-/]\\s?\\d{1,4}[a-zA-Z]?)?';
/** Four dot-separated groups of up to three digits: an IPv4 address, which technical text may keep. */
const IPV4_AHEAD = '(?!\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\d.]))';

export interface PatternOptions {
  /**
   * Keep IPv4 addresses (`127.0.0.1`) instead of treating them as long numbers: log lines need them to diagnose
   * a network; note text does not, and there `030.123.45.67` is a phone number.
   */
  readonly keepIpv4?: boolean;
}

/** The shapes, in order: each rule runs on the output of the previous ones. */
export function personalDataPatterns(options: PatternOptions = {}): readonly PersonalDataPattern[] {
  const ipv4 = options.keepIpv4 ? IPV4_AHEAD : '';
  // Where addresses are kept, a number must not start inside one (the `0.1.110` of `10.0.1.110`).
  const notAfterDigit = options.keepIpv4 ? '\\d.' : '\\d';
  const notAfter = `\\p{L}${notAfterDigit}`;
  return [
    { kind: 'email', pattern: /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/gu, replacement: '[E-Mail]' },
    // IBAN before the digit rules, so it is named as such.
    { kind: 'iban', pattern: /\b[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){3,7}(?:\s?[A-Z\d]{1,4})?\b/g, replacement: '[IBAN]' },
    // Dates (birth dates above all): 12.03.1985, 12. 3. 85, 1985-03-12, 12/3/85, 12. März 1985, März 1985.
    { kind: 'date', pattern: new RegExp(`(?<![${notAfterDigit}])${ipv4}\\d{1,2}\\s?\\.\\s?\\d{1,2}\\s?\\.\\s?(?:\\d{4}|\\d{2})(?!\\d)`, 'gu'), replacement: '[Datum]' },
    { kind: 'date', pattern: /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g, replacement: '[Datum]' },
    { kind: 'date', pattern: /(?<!\d)\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})(?!\d)/g, replacement: '[Datum]' },
    { kind: 'date', pattern: new RegExp(`(?<!\\d)(?:\\d{1,2}\\.?\\s*)?(?:${MONTHS})\\.?\\s+\\d{4}(?!\\d)`, 'giu'), replacement: '[Datum]' },
    {
      kind: 'birthDate',
      pattern: /\b(?:geb\.|geboren(?:\s+(?:am|im))?|Geburtsdatum:?|Geburtsjahr:?|Jahrgang|Jg\.)\s*(?:\[Datum\]|\d{4})/giu,
      replacement: '[Geburtsdatum]',
    },
    // Phone numbers: +49 30 1234567, 0049 (0)30/123-45, 0176 12345678, (030) 123 45 67.
    {
      kind: 'phone',
      pattern: new RegExp(`(?<![${notAfter}])${ipv4}(?:(?:\\+|00)\\d{1,3}[\\s\\-/]*(?:\\(0\\)[\\s\\-/]*)?\\(?\\d{1,5}\\)?|\\(?0\\d{1,5}\\)?)(?:[\\s\\-/]*\\d){3,}(?!\\d)`, 'gu'),
      replacement: '[Telefon]',
    },
    // Street addresses.
    { kind: 'address', pattern: new RegExp(`(?<![${L}])${UPPER}[${L}-]*${STREET_SUFFIX}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'), replacement: '[Adresse]' },
    { kind: 'address', pattern: new RegExp(`(?<![${L}])(?:${NAME_WORD}\\s+)+${STREET_WORD}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'), replacement: '[Adresse]' },
    {
      kind: 'address',
      pattern: new RegExp(`(?<![${L}])(?:Am|An der|An den|Im|In der|In den|Auf der|Auf dem|Zum|Zur|Unter den|Hinter der)\\s+${NAME_WORD}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'),
      replacement: '[Adresse]',
    },
    {
      kind: 'postcodeTown',
      pattern: new RegExp(`(?<!\\d)\\d{5}\\s+${NAME_WORD}(?:\\s+(?:am|an der|im|in der|bei|ob der)\\s+${NAME_WORD}|\\s+${NAME_WORD})?`, 'gu'),
      replacement: '[PLZ Ort]',
    },
    // BA customer number: three digits, a letter, six digits (separators tolerated).
    { kind: 'customerNumber', pattern: /(?<![\p{L}\d])\d{3}[\s-]?[A-Za-z][\s-]?\d{6}(?![\p{L}\d])/gu, replacement: '[Kundennummer]' },
    // Long numbers of any kind (customer numbers in other spellings, BG numbers, tax ids, postcodes alone).
    { kind: 'number', pattern: new RegExp(`(?<![${notAfter}])${ipv4}\\+?\\d(?:[\\s./()-]?\\d){4,}(?!\\d)`, 'gu'), replacement: '[Nummer]' },
    // Names introduced by salutation or role; the role word stays, the name goes.
    { kind: 'salutationName', pattern: new RegExp(`(?<![${L}])${SALUTATION}\\s+${TITLE}${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'gu'), replacement: '[Name]' },
    {
      kind: 'roleName',
      pattern: new RegExp(`(?<![${L}])(${ROLE})(\\s+|:\\s*)(?:${SALUTATION}\\s+)?${TITLE}${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'gu'),
      replacement: '$1$2[Name]',
    },
    // A labelled value (`Name: …`, `Notiz=…`): keep the label, remove what follows (up to two words).
    { kind: 'labelledValue', pattern: new RegExp(`(?<![${L}])(${NAME_LABEL})(\\s*[:=]\\s*)${VALUE}`, 'gu'), replacement: '$1$2[Name]' },
    { kind: 'labelledValue', pattern: new RegExp(`(?<![${L}])(${LABEL})(\\s*[:=]\\s*)${VALUE}`, 'giu'), replacement: '$1$2[entfernt]' },
  ];
}

/** Applies `patterns` to `text`; `count` is the number of replacements. */
export function replacePersonalData(text: string, patterns: readonly PersonalDataPattern[]): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const { pattern, replacement } of patterns) {
    out = out.replace(pattern, (...args: unknown[]) => {
      count += 1;
      return replacement.replace(/\$(\d)/g, (_, index: string) => String(args[Number(index)] ?? ''));
    });
  }
  return { text: out, count };
}

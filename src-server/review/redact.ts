/**
 * Removes personal data of customers and staff from note texts before they leave the server for review
 * (BA-Weisung 202503001 §2). Two layers:
 * 1. everything the server knows: the names and customer numbers of the customers in the export window, the
 *    display names, user names and ids of staff — matched as whole words, case-insensitive, with genitive "s"
 *    and the umlaut spellings (ü/ue …) a counsellor types on a keyboard without umlauts;
 * 2. patterns for what it cannot know: e-mail addresses, phone numbers, IBANs, dates (birth dates), street
 *    addresses, postcodes with town, long numbers, and names introduced by a salutation or a role
 *    ("Frau Yılmaz", "Dolmetscher Herr Nowak", "Betreuerin Anna Krause").
 * Over-redaction is accepted: a reviewer reads "[Name]" where a noun looked like a name; the reverse would be a
 * data-protection breach.
 */

export interface KnownIdentifiers {
  /** Full names (customers, staff, user names); each word of a name is also removed on its own. */
  readonly names: readonly string[];
  /** Customer numbers and other ids that must not survive. */
  readonly numbers: readonly string[];
}

export interface Redacted {
  readonly text: string;
  readonly count: number;
}

const L = '\\p{L}';
const UPPER = '\\p{Lu}';
const NAME_WORD = `${UPPER}[${L}'’-]*`;

const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spellings of a name a counsellor may have typed. */
function variants(word: string): string[] {
  const transliterated = word
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss');
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '');
  return [...new Set([word, transliterated, plain])];
}

/** Words too short or too generic to remove on their own (academic titles, particles). */
const NOT_A_NAME = new Set(['dr', 'dr.', 'prof', 'prof.', 'von', 'van', 'de', 'der', 'den', 'la', 'le', 'zu', 'und']);

function knownNamePattern(names: readonly string[]): RegExp | null {
  const words = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    words.add(trimmed);
    for (const word of trimmed.split(/[\s,]+/)) {
      if (word.length >= 2 && !NOT_A_NAME.has(word.toLowerCase())) words.add(word);
      // Double names: "Müller-Lüdenscheidt" is also "Müller" and "Lüdenscheidt".
      for (const part of word.split('-')) if (part.length >= 2 && !NOT_A_NAME.has(part.toLowerCase())) words.add(part);
    }
  }
  const alternatives = [...words]
    .flatMap(variants)
    .sort((a, b) => b.length - a.length)
    .map(escape);
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![${L}\\d])(?:${alternatives.join('|')})(?:s|'s|’s)?(?![${L}\\d])`, 'giu');
}

function knownNumberPattern(numbers: readonly string[]): RegExp | null {
  const alternatives = numbers
    .map((value) => value.trim())
    .filter((value) => value.length >= 3)
    .sort((a, b) => b.length - a.length)
    // Allow the separators people put into long numbers: "123 A 456789", "123-A-456789".
    .map((value) => [...value].map(escape).join('[\\s./-]?'));
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![${L}\\d])(?:${alternatives.join('|')})(?![${L}\\d])`, 'giu');
}

const MONTHS = 'Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez';
const SALUTATION = '(?:Herrn?|Frau|Hr\\.|Fr\\.|Familie|Fam\\.)';
const TITLE = '(?:(?:Dr|Prof)\\.\\s*)*';
const ROLE =
  '(?:Dolmetscher(?:in)?|Übersetzer(?:in)?|Betreuer(?:in)?|Ehemann|Ehefrau|Ehepartner(?:in)?|Partner(?:in)?|Lebensgefährt(?:e|in)|Mutter|Vater|Sohn|Tochter|Bruder|Schwester|Arbeitgeber(?:in)?|Kolleg(?:e|in)|Ansprechpartner(?:in)?|Sachbearbeiter(?:in)?|Vermittler(?:in)?|Berater(?:in)?|Teamleiter(?:in)?|Chef(?:in)?|Vorgesetzte[rn]?|VBF|BB|Fallmanager(?:in)?)';
/** Either case of the first letter: "Lindenstraße" and "Friedrich-Ebert-Allee". */
const eitherCase = (word: string): string => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`;
const STREET_SUFFIX = `(?:${['straße', 'strasse', 'str\\.', 'weg', 'gasse', 'allee', 'platz', 'ring', 'damm', 'ufer', 'chaussee', 'pfad', 'steig', 'stieg', 'markt', 'hof', 'berg', 'feld', 'garten', 'kamp', 'wall', 'graben'].map(eitherCase).join('|')})`;
const STREET_WORD = '(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Pfad|Markt)';
const HOUSE_NUMBER = '\\d{1,4}\\s?[a-zA-Z]?(?:\\s?[-/]\\s?\\d{1,4}[a-zA-Z]?)?';

/** In order: each rule runs on the output of the previous ones. */
const PATTERNS: readonly { readonly pattern: RegExp; readonly replacement: string }[] = [
  { pattern: /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/gu, replacement: '[E-Mail]' },
  { pattern: /\b[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){3,7}(?:\s?[A-Z\d]{1,4})?\b/g, replacement: '[IBAN]' },
  // Dates (birth dates above all): 12.03.1985, 12. 3. 85, 1985-03-12, 12. März 1985, März 1985, "geb. 1985".
  { pattern: /(?<!\d)\d{1,2}\s?\.\s?\d{1,2}\s?\.\s?(?:\d{4}|\d{2})(?!\d)/g, replacement: '[Datum]' },
  { pattern: /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g, replacement: '[Datum]' },
  { pattern: /(?<!\d)\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})(?!\d)/g, replacement: '[Datum]' },
  { pattern: new RegExp(`(?<!\\d)(?:\\d{1,2}\\.?\\s*)?(?:${MONTHS})\\.?\\s+\\d{4}(?!\\d)`, 'giu'), replacement: '[Datum]' },
  {
    pattern: /\b(?:geb\.|geboren(?:\s+(?:am|im))?|Geburtsdatum:?|Geburtsjahr:?|Jahrgang|Jg\.)\s*(?:\[Datum\]|\d{4})/giu,
    replacement: '[Geburtsdatum]',
  },
  // Phone numbers: +49 30 1234567, 0049 (0)30/123-45, 0176 12345678, (030) 123 45 67.
  {
    pattern: /(?<![\p{L}\d])(?:(?:\+|00)\d{1,3}[\s\-/]*(?:\(0\)[\s\-/]*)?\(?\d{1,5}\)?|\(?0\d{1,5}\)?)(?:[\s\-/]*\d){3,}(?!\d)/gu,
    replacement: '[Telefon]',
  },
  // Street addresses.
  { pattern: new RegExp(`(?<![${L}])${UPPER}[${L}-]*${STREET_SUFFIX}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'), replacement: '[Adresse]' },
  {
    pattern: new RegExp(`(?<![${L}])(?:${NAME_WORD}\\s+)+${STREET_WORD}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'),
    replacement: '[Adresse]',
  },
  {
    pattern: new RegExp(`(?<![${L}])(?:Am|An der|An den|Im|In der|In den|Auf der|Auf dem|Zum|Zur|Unter den|Hinter der)\\s+${NAME_WORD}\\s*${HOUSE_NUMBER}(?![${L}\\d])`, 'gu'),
    replacement: '[Adresse]',
  },
  {
    pattern: new RegExp(`(?<!\\d)\\d{5}\\s+${NAME_WORD}(?:\\s+(?:am|an der|im|in der|bei|ob der)\\s+${NAME_WORD}|\\s+${NAME_WORD})?`, 'gu'),
    replacement: '[PLZ Ort]',
  },
  // Long numbers of any kind (customer numbers in other spellings, BG numbers, tax ids, postcodes alone).
  { pattern: /(?<![\p{L}\d])\d{3}\s?[A-Z]\s?\d{6}(?![\p{L}\d])/gu, replacement: '[Kundennummer]' },
  { pattern: /(?<![\p{L}\d])\d(?:[\s./-]?\d){4,}(?!\d)/gu, replacement: '[Nummer]' },
  // Names introduced by salutation or role; the role word stays, the name goes.
  {
    pattern: new RegExp(`(?<![${L}])${SALUTATION}\\s+${TITLE}${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'gu'),
    replacement: '[Name]',
  },
  {
    pattern: new RegExp(`(?<![${L}])(${ROLE})(\\s+|:\\s*)(?:${SALUTATION}\\s+)?${TITLE}${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'gu'),
    replacement: '$1$2[Name]',
  },
  { pattern: new RegExp(`(?<![${L}])(Name|Vorname|Nachname|Kunde|Kundin)(:\\s*)${NAME_WORD}(?:\\s+${NAME_WORD})?`, 'gu'), replacement: '$1$2[Name]' },
];

export interface Redactor {
  redact(text: string): Redacted;
}

export function createRedactor(known: KnownIdentifiers): Redactor {
  const rules = [
    ...[knownNumberPattern(known.numbers)].filter((p): p is RegExp => p !== null).map((pattern) => ({ pattern, replacement: '[Kundennummer]' })),
    ...PATTERNS,
    // Known names last: by then e-mail addresses containing them are gone as a whole.
    ...[knownNamePattern(known.names)].filter((p): p is RegExp => p !== null).map((pattern) => ({ pattern, replacement: '[Name]' })),
  ];
  return {
    redact(text) {
      let count = 0;
      let out = text;
      for (const { pattern, replacement } of rules) {
        out = out.replace(pattern, (...args: unknown[]) => {
          count += 1;
          // `$1`/`$2` in the replacement refer to capture groups of the match.
          return replacement.replace(/\$(\d)/g, (_, index: string) => String(args[Number(index)] ?? ''));
        });
      }
      return { text: out, count };
    },
  };
}

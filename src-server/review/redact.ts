/**
 * Removes personal data of customers and staff from note texts before they leave the server for review
 * (BA-Weisung 202503001 §2). Two layers:
 * 1. everything the server knows: the names and customer numbers of the customers in the export window, the
 *    display names, user names and ids of staff — matched as whole words, case-insensitive, with genitive "s"
 *    and the umlaut spellings (ü/ue …) a counsellor types on a keyboard without umlauts;
 * 2. the shapes of personal data it cannot know (src-shared/privacy/personal-data.ts, shared with the log
 *    redactor): e-mail addresses, phone numbers, IBANs, dates (birth dates), street addresses, postcodes with
 *    town, long numbers, and names introduced by a salutation or a role ("Frau Yılmaz", "Dolmetscher Herr Nowak").
 * Over-redaction is accepted: a reviewer reads "[Name]" where a noun looked like a name; the reverse would be a
 * data-protection breach.
 */
import { personalDataPatterns, replacePersonalData, type PersonalDataPattern } from '../../src-shared/privacy/personal-data.js';

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

export interface Redactor {
  redact(text: string): Redacted;
}

export function createRedactor(known: KnownIdentifiers): Redactor {
  const numbers = knownNumberPattern(known.numbers);
  const names = knownNamePattern(known.names);
  const rules: PersonalDataPattern[] = [
    ...(numbers ? [{ kind: 'known' as const, pattern: numbers, replacement: '[Kundennummer]' }] : []),
    ...personalDataPatterns(),
    // Known names last: by then e-mail addresses containing them are gone as a whole.
    ...(names ? [{ kind: 'known' as const, pattern: names, replacement: '[Name]' }] : []),
  ];
  return { redact: (text) => replacePersonalData(text, rules) };
}

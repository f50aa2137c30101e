/**
 * The redaction layer between every log call and the log file. Customer names, customer numbers, e-mail
 * addresses and note text must never reach a log line, yet log calls are written by many people and error
 * messages quote whatever input failed. So nothing is trusted; four layers apply to every record:
 *
 * 1. **Field allow-list.** Structured fields pass only under known technical keys (`LOG_FIELDS`), and only as
 *    scalars of the expected kind (ids must look like ids). Any other key is dropped together with its name
 *    (a key can itself be data, e.g. an object keyed by customer name); the record notes how many were dropped.
 * 2. **Known values.** The services that hold customer data (store, calendar, notes) register the values they
 *    load with `remember()`: names (whole and each part), customer numbers, e-mails, and note text (as runs of
 *    three words). They are removed wherever they occur, in any case. Kept in memory only, never written.
 * 3. **Shapes.** Free text (the message, string fields, error messages and stacks) is scrubbed of what looks
 *    like personal data although it is not known — the shapes of src-shared/privacy/personal-data.ts, shared
 *    with the server's review export (e-mail addresses, IBANs, customer numbers, phone and other long numbers,
 *    dates, addresses, names after `Herr`/`Frau`/`Kunde`, labelled values such as `Name=`); then quoted
 *    passages (error messages quote the input that failed; only technical identifiers such as `settings.set`
 *    or file names survive), and the user's home folder (staff user name).
 * 4. **Length.** Every string is cut to `MAX_TEXT` characters, so a note pasted into an error cannot leak whole.
 *
 * Over-redaction (a date in a message, a place name equal to a customer's surname) is the accepted price.
 * The same `scrubRecord` runs again on every line when the support bundle is exported.
 */
import { homedir } from 'node:os';
import { personalDataPatterns, replacePersonalData } from '../../../src-shared/privacy/personal-data.js';

export const MAX_TEXT = 500;

type FieldKind = 'text' | 'id' | 'number' | 'boolean' | 'url';

/** The only structured fields a log record may carry. Extend here (with review), never at the call site. */
export const LOG_FIELDS: Readonly<Record<string, FieldKind>> = {
  module: 'id',
  event: 'id',
  method: 'id',
  code: 'id',
  state: 'id',
  outcome: 'id',
  kind: 'id',
  source: 'id',
  sources: 'text',
  channel: 'id',
  transport: 'id',
  platform: 'id',
  version: 'id',
  status: 'id',
  reason: 'text',
  path: 'text',
  file: 'text',
  url: 'url',
  appointmentId: 'id',
  noteId: 'id',
  opId: 'id',
  roomId: 'id',
  requestId: 'id',
  statusCode: 'number',
  durationMs: 'number',
  count: 'number',
  bytes: 'number',
  attempt: 'number',
  issues: 'number',
  port: 'number',
  percent: 'number',
  files: 'number',
  online: 'boolean',
  locked: 'boolean',
  enabled: 'boolean',
};

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export type SensitiveKind = 'name' | 'customerNumber' | 'email' | 'note';

export interface Redactor {
  /** Registers a value known to be customer data; it is removed from every later log line. */
  remember(kind: SensitiveKind, value: string): void;
  scrubText(text: string): string;
  /** Applies the allow-list and scrubs what passes; `dropped` counts the removed keys. */
  scrubFields(fields: Readonly<Record<string, unknown>>): { fields: Record<string, unknown>; dropped: number };
  /** One log call: the scrubbed message as `msg`, the allowed fields, `err` reduced to type/code/message/frames. */
  scrubCall(message: string, fields: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A whole line as written to the file (run again on every line when exporting the support bundle). */
  scrubRecord(record: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = /[\p{L}\p{N}]+/gu;
const normaliseWord = (word: string) => word.toLocaleLowerCase('de');

/** How many known values are kept; beyond it the oldest are forgotten (the shape rules still apply). */
const MAX_KNOWN = 20_000;

interface ShapeRule {
  readonly pattern: RegExp;
  readonly replace: string | ((match: string, ...groups: string[]) => string);
}

// A token that is clearly technical: has a dot, slash, colon or underscore and no spaces (method and event
// names, file names, URLs' paths). Such quoted passages are kept; anything else quoted is removed.
const TECHNICAL = /^[A-Za-z0-9_-]*[._/:][A-Za-z0-9_./:-]*$/;
const keepTechnical = (open: string, inner: string, close: string) => `${open}${TECHNICAL.test(inner) ? inner : '[Text]'}${close}`;

/**
 * Quoted passages: error messages quote the input that failed. Only technical identifiers (`settings.set`,
 * file names) survive; anything else quoted is removed. Specific to log lines, so it lives here, not with the
 * shapes of personal data.
 */
const QUOTE_RULES: readonly ShapeRule[] = [
  { pattern: /„([^“”\n]{0,300})[“”]/g, replace: (_m, inner = '') => keepTechnical('„', inner, '“') },
  { pattern: /"([^"\n]{0,300})"/g, replace: (_m, inner = '') => keepTechnical('"', inner, '"') },
  { pattern: /«([^»\n]{0,300})»/g, replace: (_m, inner = '') => keepTechnical('«', inner, '»') },
  { pattern: /‚([^‘’\n]{0,300})[‘’]/g, replace: (_m, inner = '') => keepTechnical('‚', inner, '‘') },
  // Single quotes only around a run that starts and ends a word, so apostrophes in "don't" survive.
  { pattern: /(^|[\s(=:])'([^'\n]{1,300})'(?=$|[\s),.;:])/g, replace: (_m, lead = '', inner = '') => `${lead}${keepTechnical("'", inner, "'")}` },
];

/** The shapes of personal data (one home with the review export's), keeping IPv4 addresses a log needs. */
const SHAPES = personalDataPatterns({ keepIpv4: true });

export function createRedactor(options: { homeDir?: string } = {}): Redactor {
  const home = options.homeDir ?? homedir();
  // Known single values (names, numbers, e-mails) as lower-case strings, and note trigrams.
  const known = new Set<string>();
  const noteTrigrams = new Set<string>();
  let knownPattern: RegExp | null = null;

  const forgetOldest = (set: Set<string>) => {
    while (set.size > MAX_KNOWN) set.delete(set.values().next().value as string);
  };

  const addKnown = (value: string) => {
    const trimmed = value.trim();
    // Two-letter values would erase half of every message; shape rules cover short numbers.
    if (trimmed.length < 3) return;
    const lower = trimmed.toLocaleLowerCase('de');
    // The calendar is re-read often: only a value not seen before costs a new pattern.
    if (known.has(lower)) return;
    known.add(lower);
    forgetOldest(known);
    knownPattern = null;
  };

  const knownRegExp = (): RegExp | null => {
    if (known.size === 0) return null;
    // Longest first, so a full name is removed before its parts would split it.
    knownPattern ??= new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${[...known].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
    return knownPattern;
  };

  const scrubNotes = (text: string): string => {
    if (noteTrigrams.size === 0) return text;
    const words = [...text.matchAll(WORD)];
    const cut: Array<[number, number]> = [];
    for (let i = 0; i + 2 < words.length; i++) {
      const key = words.slice(i, i + 3).map((w) => normaliseWord(w[0])).join(' ');
      if (noteTrigrams.has(key)) {
        const first = words[i]!;
        const last = words[i + 2]!;
        cut.push([first.index, last.index + last[0].length]);
      }
    }
    if (cut.length === 0) return text;
    let out = '';
    let pos = 0;
    for (const [start, end] of cut) {
      if (end <= pos) continue;
      out += text.slice(pos, Math.max(pos, start)) + (start >= pos ? '[Vermerktext]' : '');
      pos = end;
    }
    return out + text.slice(pos);
  };

  const scrubText = (input: string): string => {
    let text = input.length > MAX_TEXT * 4 ? input.slice(0, MAX_TEXT * 4) : input;
    if (home.length > 1) text = text.split(home).join('~');
    text = scrubNotes(text);
    const knownRe = knownRegExp();
    if (knownRe) text = text.replace(knownRe, '[entfernt]');
    text = replacePersonalData(text, SHAPES).text;
    for (const rule of QUOTE_RULES) text = text.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…[gekürzt]` : text;
  };

  const scrubValue = (kind: FieldKind, value: unknown): unknown => {
    switch (kind) {
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
      case 'boolean':
        return typeof value === 'boolean' ? value : undefined;
      case 'id':
        return typeof value === 'string' && ID.test(value) ? scrubText(value) : undefined;
      case 'url': {
        if (typeof value !== 'string') return undefined;
        try {
          const url = new URL(value);
          // Query and fragment can carry anything (search terms, tokens); credentials never belong in a log.
          return scrubText(`${url.protocol}//${url.host}${url.pathname}`);
        } catch {
          return undefined;
        }
      }
      case 'text':
        return typeof value === 'string' ? scrubText(value) : undefined;
    }
  };

  const scrubFields = (fields: Readonly<Record<string, unknown>>) => {
    const out: Record<string, unknown> = {};
    let dropped = 0;
    for (const [key, value] of Object.entries(fields)) {
      const kind = Object.prototype.hasOwnProperty.call(LOG_FIELDS, key) ? LOG_FIELDS[key] : undefined;
      const clean = kind === undefined || value === undefined ? undefined : scrubValue(kind, value);
      if (clean === undefined) {
        if (value !== undefined) dropped++;
        continue;
      }
      out[key] = clean;
    }
    return { fields: out, dropped };
  };

  const scrubError = (value: unknown): Record<string, unknown> | undefined => {
    if (value === null || typeof value !== 'object') return undefined;
    const error = value as { name?: unknown; type?: unknown; code?: unknown; message?: unknown; stack?: unknown };
    const out: Record<string, unknown> = {};
    const name = typeof error.name === 'string' ? error.name : typeof error.type === 'string' ? error.type : undefined;
    if (name && ID.test(name)) out.type = name;
    if (typeof error.code === 'string' && ID.test(error.code)) out.code = error.code;
    if (typeof error.message === 'string') out.message = scrubText(error.message);
    if (typeof error.stack === 'string') {
      // Frames only: the first stack line repeats the message; frames are file paths and function names.
      const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 15);
      out.stack = frames.map((frame) => scrubText(frame.trim())).join('\n');
    }
    return out;
  };

  const scrubCall = (message: string, fields: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const { err, redacted, ...rest } = fields;
    const { fields: clean, dropped } = scrubFields(rest);
    const out: Record<string, unknown> = { msg: scrubText(message), ...clean };
    const error = scrubError(err);
    if (error) out.err = error;
    // A line read back for the support bundle keeps the count it was written with.
    const total = dropped + (typeof redacted === 'number' && Number.isInteger(redacted) ? redacted : 0);
    if (total > 0) out.redacted = total;
    return out;
  };

  return {
    remember(kind, value) {
      if (typeof value !== 'string' || value.trim() === '') return;
      if (kind === 'note') {
        const words = [...value.matchAll(WORD)].map((w) => normaliseWord(w[0]));
        for (let i = 0; i + 2 < words.length; i++) noteTrigrams.add(words.slice(i, i + 3).join(' '));
        forgetOldest(noteTrigrams);
        return;
      }
      addKnown(value);
      if (kind === 'name') for (const part of value.split(/[\s,-]+/)) addKnown(part);
    },
    scrubText,
    scrubFields,
    scrubCall,
    scrubRecord(record) {
      const { level, time, pid, msg, ...rest } = record;
      const out: Record<string, unknown> = {};
      // Written by pino itself; anything else under these names is not a log line of ours and is dropped.
      if (typeof level === 'string' && LEVELS.has(level)) out.level = level;
      if (typeof time === 'string' && ISO_TIME.test(time)) out.time = time;
      if (typeof pid === 'number' && Number.isInteger(pid)) out.pid = pid;
      return { ...out, ...scrubCall(typeof msg === 'string' ? msg : '', rest) };
    },
  };
}

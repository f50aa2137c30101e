/**
 * Beratungsvermerk templates per occasion: which structured fields must be filled, and what the editor prefills.
 * The prefilled words are note content (VerBIS is kept in German), not UI text, so they are not translated.
 */
import type { AppointmentType, Channel } from '../domain/appointment.js';
import type { NoteContent, NoteFields, ParticipantRole } from '../domain/note.js';
import { allowedChannels } from './channel.js';

export type TextField = 'anlass' | 'situation' | 'ziele' | 'vereinbarungen';

export interface NoteTemplate {
  readonly type: AppointmentType;
  /** Text fields that must not be blank. */
  readonly requiredText: readonly TextField[];
  /** Prefilled Anlass. */
  readonly anlass: string;
  /** Prefilled headings of the free text, one per line. */
  readonly freeTextOutline: string;
  readonly minDurationMinutes: number;
}

const TEMPLATES: Readonly<Record<AppointmentType, NoteTemplate>> = {
  erstgespraech_alo: {
    type: 'erstgespraech_alo',
    requiredText: ['anlass', 'situation', 'ziele', 'vereinbarungen'],
    anlass: 'Erstgespräch nach Arbeitslosmeldung (§ 141 SGB III)',
    freeTextOutline: 'Potenzialanalyse:\nStärken:\nHandlungsbedarfe:',
    minDurationMinutes: 1,
  },
  erstgespraech: {
    type: 'erstgespraech',
    requiredText: ['anlass', 'situation', 'ziele', 'vereinbarungen'],
    anlass: 'Erstgespräch',
    freeTextOutline: 'Potenzialanalyse:\nStärken:\nHandlungsbedarfe:',
    minDurationMinutes: 1,
  },
  folgegespraech: {
    type: 'folgegespraech',
    requiredText: ['anlass', 'situation', 'ziele', 'vereinbarungen'],
    anlass: 'Folgegespräch',
    freeTextOutline: 'Stand seit dem letzten Gespräch:\nÜberprüfung der Vereinbarungen:',
    minDurationMinutes: 1,
  },
  zwischenkontakt: {
    type: 'zwischenkontakt',
    requiredText: ['anlass', 'vereinbarungen'],
    anlass: 'Zwischenkontakt',
    freeTextOutline: '',
    minDurationMinutes: 0,
  },
  bps_begutachtung: {
    type: 'bps_begutachtung',
    requiredText: ['anlass', 'situation', 'vereinbarungen'],
    anlass: 'Berufspsychologische Begutachtung',
    freeTextOutline: 'Fragestellung:\nVerfahren:\nErgebnis:',
    minDurationMinutes: 1,
  },
  gruppeninformation: {
    type: 'gruppeninformation',
    requiredText: ['anlass'],
    anlass: 'Gruppeninformation',
    freeTextOutline: 'Thema:',
    minDurationMinutes: 0,
  },
};

export const noteTemplate = (type: AppointmentType): NoteTemplate => TEMPLATES[type];

/** A fresh note for an appointment, prefilled from its template. */
export function draftFromTemplate(type: AppointmentType, channel: Channel, durationMinutes: number): NoteContent {
  const template = noteTemplate(type);
  const teilnehmende: ParticipantRole[] = ['counsellor', 'customer'];
  return {
    fields: {
      anlass: template.anlass,
      situation: '',
      ziele: '',
      vereinbarungen: '',
      kanal: channel,
      dauerMinuten: Math.max(0, Math.min(600, Math.round(durationMinutes))),
      teilnehmende,
    },
    freeText: template.freeTextOutline,
  };
}

export type NoteIssueCode = 'PFLICHTFELD_LEER' | 'DAUER_FEHLT' | 'KANAL_UNZULAESSIG' | 'TEILNEHMENDE_FEHLEN';

export interface NoteIssue {
  readonly field: keyof NoteFields;
  readonly code: NoteIssueCode;
  /** German, says what to do. */
  readonly message: string;
}

const FIELD_LABELS: Readonly<Record<TextField, string>> = {
  anlass: 'Anlass',
  situation: 'Situation',
  ziele: 'Ziele',
  vereinbarungen: 'Vereinbarungen/nächste Schritte',
};

/** What keeps a note from being complete; empty when it may be filed. */
export function validateNote(type: AppointmentType, content: NoteContent): NoteIssue[] {
  const template = noteTemplate(type);
  const issues: NoteIssue[] = [];
  for (const field of template.requiredText) {
    if (content.fields[field].trim() === '') {
      issues.push({ field, code: 'PFLICHTFELD_LEER', message: `Bitte das Pflichtfeld „${FIELD_LABELS[field]}“ ausfüllen.` });
    }
  }
  if (content.fields.dauerMinuten < template.minDurationMinutes) {
    issues.push({ field: 'dauerMinuten', code: 'DAUER_FEHLT', message: 'Bitte die Dauer des Gesprächs in Minuten angeben.' });
  }
  if (!allowedChannels(type).includes(content.fields.kanal)) {
    issues.push({
      field: 'kanal',
      code: 'KANAL_UNZULAESSIG',
      message: 'Dieser Kanal ist für den Anlass nicht zulässig (§ 141 SGB III: Präsenz). Bitte den tatsächlichen Kanal angeben.',
    });
  }
  if (!content.fields.teilnehmende.includes('customer')) {
    issues.push({
      field: 'teilnehmende',
      code: 'TEILNEHMENDE_FEHLEN',
      message: 'Bitte die Teilnehmenden angeben; die Kundin oder der Kunde fehlt.',
    });
  }
  return issues;
}

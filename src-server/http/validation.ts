/**
 * Turns zod issues into a German sentence that names the fields, so an integrator sees at once what to fix.
 */
import type { z } from 'zod';

// Callers must parse with `check` (reportInput), or every wrong type reads as missing.

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(gesamte Nachricht)' : path.map(String).join('.');
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'fehlt' : `hat den falschen Typ (erwartet: ${issue.expected})`;
    case 'too_big':
      return 'ist zu groß oder zu lang';
    case 'too_small':
      return 'ist zu klein, zu kurz oder leer';
    case 'invalid_format':
      return `hat das falsche Format (erwartet: ${issue.format})`;
    case 'invalid_value':
      return `hat einen unzulässigen Wert (erlaubt: ${issue.values.map(String).join(', ')})`;
    case 'invalid_union':
      return 'passt zu keiner erlaubten Form (z. B. unbekannter "type")';
    case 'custom':
      return issue.message.replace(/\.$/, '');
    case 'unrecognized_keys':
      return `enthält unbekannte Felder: ${issue.keys.join(', ')}`;
    default:
      return 'ist ungültig';
  }
}

/** safeParse with the input kept on each issue, so a missing field can be told from a wrong one. */
export function check<S extends z.ZodType>(schema: S, data: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(data, { reportInput: true });
}

/** The paths of the first issues, e.g. `ops.0.note.version: fehlt`. */
export function issueDetails(error: z.ZodError, limit = 10): string[] {
  return error.issues.slice(0, limit).map((issue) => `${fieldName(issue.path)}: ${describe(issue)}`);
}

/**
 * What a failed call says to the person: the back office's own German message, except for a request the
 * contract refused (INVALID_PAYLOAD), whose details name internal fields. Those become the form's labels.
 */
import { IpcError } from '../../src-shared/ipc/errors.js';

/**
 * `labels` maps a request field (the first segment of the zod issue path, e.g. `serverUrl`) to its visible label;
 * `checkFields` renders the sentence, e.g. "Bitte prüfen Sie: Benutzername, Passwort.".
 */
export function messageOf(error: unknown, labels: Readonly<Record<string, string>>, checkFields: (fields: string) => string, fallback: string): string {
  if (error instanceof IpcError && error.code === 'INVALID_PAYLOAD') {
    const fields = [...new Set((error.details ?? []).map((detail) => labels[detail.split(/[.:]/)[0] ?? ''] ?? null).filter((label): label is string => label !== null))];
    return checkFields(fields.length > 0 ? fields.join(', ') : Object.values(labels).join(', '));
  }
  return error instanceof Error && error.message ? error.message : fallback;
}

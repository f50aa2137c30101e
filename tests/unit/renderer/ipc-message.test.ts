import { describe, expect, it } from 'vitest';
import { messageOf } from '../../../src-renderer/app/ipc-message.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';

const labels = { serverUrl: 'Serveradresse', username: 'Benutzername', password: 'Passwort' };
const check = (fields: string) => `Bitte prüfen Sie: ${fields}.`;

describe('what a failed call says to the person', () => {
  it('names the form fields of a refused request, never the method or the field names', () => {
    const refused = new IpcError('INVALID_PAYLOAD', 'Die Eingabe ist unvollständig oder ungültig.', ['username: Too small', 'password: Too small', 'username: again']);
    expect(messageOf(refused, labels, check, 'Fehler')).toBe('Bitte prüfen Sie: Benutzername, Passwort.');
  });

  it('names every field when the details name none it knows', () => {
    expect(messageOf(new IpcError('INVALID_PAYLOAD', 'x', ['(root): Unrecognized key']), labels, check, 'Fehler')).toBe('Bitte prüfen Sie: Serveradresse, Benutzername, Passwort.');
  });

  it("keeps the back office's own German message otherwise", () => {
    expect(messageOf(new IpcError('REFUSED', 'Der Server antwortet nicht.'), labels, check, 'Fehler')).toBe('Der Server antwortet nicht.');
    expect(messageOf('kaputt', labels, check, 'Fehler')).toBe('Fehler');
  });
});

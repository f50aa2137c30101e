import { describe, expect, it } from 'vitest';
import { appointmentFromHash, noteHash, sessionHash } from '../../../src-renderer/features/session/start-session.js';

describe('session route', () => {
  const id = '3f1c2b9e-8d7a-4c3b-9a1e-2f4d5c6b7a80';
  it('reads the appointment from the query form and from the calendar path form', () => {
    expect(appointmentFromHash(sessionHash(id))).toBe(id);
    expect(appointmentFromHash(`#/sitzung/${id}`)).toBe(id);
    expect(appointmentFromHash('#/sitzung')).toBeNull();
    expect(appointmentFromHash('#/sitzung/a/b')).toBeNull();
  });
  it('points to the note of the appointment', () => {
    expect(noteHash(id)).toBe(`#/vermerke?appointment=${id}`);
  });
});

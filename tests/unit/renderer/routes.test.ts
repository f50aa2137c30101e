import { describe, expect, it } from 'vitest';
import { appointmentHref, appointmentInHash, routeFromHash } from '../../../src-renderer/app/routes.js';

describe('appointment routes', () => {
  const id = '3f1c2b9e-8d7a-4c3b-9a1e-2f4d5c6b7a80';
  it('reads back the appointment of the address it built, for the session and its note', () => {
    expect(appointmentInHash('sitzung', appointmentHref('sitzung', id))).toBe(id);
    expect(appointmentInHash('vermerke', appointmentHref('vermerke', id))).toBe(id);
    expect(routeFromHash(appointmentHref('vermerke', id))).toBe('vermerke');
    expect(routeFromHash(appointmentHref('sitzung', id))).toBe('sitzung');
  });
  it('keeps ids with reserved characters intact', () => {
    expect(appointmentInHash('vermerke', appointmentHref('vermerke', 'a/b?c'))).toBe('a/b?c');
  });
  it('finds no appointment in other addresses', () => {
    expect(appointmentInHash('vermerke', '#/vermerke')).toBeNull();
    expect(appointmentInHash('vermerke', appointmentHref('sitzung', id))).toBeNull();
    expect(appointmentInHash('sitzung', '#/sitzung/a/b')).toBeNull();
    expect(appointmentInHash('sitzung', '#/sitzung/%E0%A4%A')).toBeNull();
    expect(appointmentInHash('vermerke', `#/vermerke?appointment=${id}`)).toBeNull();
  });
});

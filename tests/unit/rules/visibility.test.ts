import { describe, expect, it } from 'vitest';
import { customerLabel, isHealthData, mayView } from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

describe('BPS visibility and pseudonyms', () => {
  const bps = appointment({ fachdienst: 'BPS', type: 'bps_begutachtung' });
  const av = appointment({ fachdienst: 'AV' });

  it('treats BPS appointments as health data, also a BPS type booked under another Fachdienst', () => {
    expect(isHealthData(bps)).toBe(true);
    expect(isHealthData(appointment({ fachdienst: 'AV', type: 'bps_begutachtung' }))).toBe(true);
    expect(isHealthData(av)).toBe(false);
  });

  it('shows BPS appointments to BPS users only', () => {
    expect(mayView({ role: 'counsellor', fachdienst: 'BPS' }, bps)).toBe(true);
    expect(mayView({ role: 'counsellor', fachdienst: 'AV' }, bps)).toBe(false);
    expect(mayView({ role: 'team_lead', fachdienst: 'AV' }, bps)).toBe(false);
    expect(mayView({ role: 'team_lead', fachdienst: null }, bps)).toBe(false);
    expect(mayView({ role: 'counsellor', fachdienst: 'AV' }, av)).toBe(true);
  });

  it('never shows appointments to IT support', () => {
    expect(mayView({ role: 'it_support', fachdienst: null }, av)).toBe(false);
    expect(mayView({ role: 'it_support', fachdienst: 'BPS' }, bps)).toBe(false);
  });

  it('labels customers by pseudonym for team leads', () => {
    expect(customerLabel({ role: 'counsellor', fachdienst: 'AV' }, av.customer)).toBe('Erika Mustermann (123A456789)');
    expect(customerLabel({ role: 'team_lead', fachdienst: 'AV' }, av.customer)).toBe('K-7F3A');
  });
});

import { describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, type ConsentRecord } from '../../../src-shared/domain/appointment.js';
import { channelAfterWithdrawal, channelFindings, consentStatus, videoStartFindings } from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

const consent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  appointmentId: '00000000-0000-4000-8000-000000000001',
  givenAt: '2026-11-20T10:00:00+01:00',
  via: 'guest_page',
  textVersion: CONSENT_TEXT_VERSION,
  withdrawnAt: null,
  ...overrides,
});

describe('consent per video appointment', () => {
  it('is not required for Präsenz or Telefon', () => {
    expect(consentStatus(appointment({ channel: 'praesenz' }))).toBe('not_required');
    expect(consentStatus(appointment({ channel: 'telefon' }))).toBe('not_required');
  });

  it('is missing, given or withdrawn for video', () => {
    expect(consentStatus(appointment({ channel: 'video' }))).toBe('missing');
    expect(consentStatus(appointment({ channel: 'video', consent: consent() }))).toBe('given');
    expect(consentStatus(appointment({ channel: 'video', consent: consent({ withdrawnAt: '2026-11-21T08:00:00+01:00' }) }))).toBe(
      'withdrawn',
    );
  });

  it('stays visible as withdrawn after the switch away from video', () => {
    expect(consentStatus(appointment({ channel: 'praesenz', consent: consent({ withdrawnAt: '2026-11-21T08:00:00+01:00' }) }))).toBe(
      'withdrawn',
    );
  });

  it('refuses to start a video call without consent, and allows it with consent', () => {
    expect(videoStartFindings(appointment({ channel: 'video' }))).toEqual([
      expect.objectContaining({ code: 'EINWILLIGUNG_FEHLT', severity: 'refusal' }),
    ]);
    expect(videoStartFindings(appointment({ channel: 'video', consent: consent({ withdrawnAt: '2026-11-21T08:00:00+01:00' }) }))).toEqual([
      expect.objectContaining({ code: 'EINWILLIGUNG_WIDERRUFEN' }),
    ]);
    expect(videoStartFindings(appointment({ channel: 'video', consent: consent() }))).toEqual([]);
  });
});

describe('withdrawal switches the channel, never blocks', () => {
  it('moves a video Beratung to Präsenz (no Telefon warning, not cancelled)', () => {
    const target = appointment({ type: 'folgegespraech', channel: 'video' });
    const change = channelAfterWithdrawal(target);
    expect(change).toEqual({ appointmentId: target.id, channel: 'praesenz', reason: 'consent_withdrawn' });
    expect(channelFindings(target.type, change!.channel)).toEqual([]);
  });

  it('moves a video Zwischenkontakt to Telefon', () => {
    expect(channelAfterWithdrawal(appointment({ type: 'zwischenkontakt', channel: 'video' }))?.channel).toBe('telefon');
  });

  it('does nothing for an appointment that is not by video', () => {
    expect(channelAfterWithdrawal(appointment({ channel: 'praesenz' }))).toBeNull();
  });
});

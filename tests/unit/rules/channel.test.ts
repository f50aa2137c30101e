import { describe, expect, it } from 'vitest';
import { AppointmentType, Channel } from '../../../src-shared/domain/appointment.js';
import {
  allowedChannels,
  assertNoRefusal,
  channelChangeFindings,
  channelFindings,
  isBeratung,
  RuleRefusal,
} from '../../../src-shared/rules/index.js';

describe('§ 141 SGB III: the Erstgespräch after registering as unemployed is in person', () => {
  it.each(['video', 'telefon'] as const)('refuses %s with a named refusal and a German message', (channel) => {
    const [finding, ...rest] = channelFindings('erstgespraech_alo', channel);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'ERSTGESPRAECH_ALO_NUR_PRAESENZ', severity: 'refusal' });
    expect(finding?.message).toContain('§ 141 SGB III');
    expect(finding?.message).toContain('Präsenztermin');
  });

  it('accepts Präsenz', () => {
    expect(channelFindings('erstgespraech_alo', 'praesenz')).toEqual([]);
    expect(allowedChannels('erstgespraech_alo')).toEqual(['praesenz']);
  });

  it('throws a RuleRefusal carrying the code when a change to video is asserted', () => {
    const attempt = () => assertNoRefusal(channelChangeFindings({ type: 'erstgespraech_alo' }, 'video'));
    expect(attempt).toThrow(RuleRefusal);
    try {
      attempt();
    } catch (error) {
      expect((error as RuleRefusal).code).toBe('ERSTGESPRAECH_ALO_NUR_PRAESENZ');
    }
  });

  it('does not refuse video for any other type', () => {
    for (const type of AppointmentType.options.filter((type) => type !== 'erstgespraech_alo')) {
      expect(channelFindings(type, 'video').filter((f) => f.severity === 'refusal')).toEqual([]);
      expect(allowedChannels(type)).toEqual(Channel.options);
    }
  });
});

describe('Telefon is for Zwischenkontakte', () => {
  it.each(['erstgespraech', 'folgegespraech', 'bps_begutachtung'] as const)('warns (does not refuse) when a %s is booked as Telefon', (type) => {
    expect(channelFindings(type, 'telefon')).toEqual([
      expect.objectContaining({ code: 'BERATUNG_PER_TELEFON', severity: 'warning' }),
    ]);
    expect(() => assertNoRefusal(channelFindings(type, 'telefon'))).not.toThrow();
  });

  it('says nothing for a Zwischenkontakt or a group session by telephone', () => {
    expect(channelFindings('zwischenkontakt', 'telefon')).toEqual([]);
    expect(channelFindings('gruppeninformation', 'telefon')).toEqual([]);
  });

  it('does not warn about Beratungen in Präsenz or by video', () => {
    expect(channelFindings('folgegespraech', 'praesenz')).toEqual([]);
    expect(channelFindings('folgegespraech', 'video')).toEqual([]);
  });

  it('classifies Beratungen', () => {
    expect(AppointmentType.options.filter(isBeratung)).toEqual([
      'erstgespraech_alo',
      'erstgespraech',
      'folgegespraech',
      'bps_begutachtung',
    ]);
  });
});

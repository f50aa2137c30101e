import { describe, expect, it } from 'vitest';
import { assembleReport, completedCheck, skippedCheck, unavailableCheck } from '../../../src-shared/readiness/assemble.js';
import { PROBE_CAUSES } from '../../../src-shared/readiness/causes.js';
import { CAUSE_MESSAGES, describeFinding, FINDING_MESSAGES } from '../../../src-shared/readiness/messages.js';
import { overallVerdict } from '../../../src-shared/readiness/verdict.js';
import type { Finding } from '../../../src-shared/readiness/report.js';

const timing = { startedAt: '2026-11-23T02:00:00.000Z', durationMs: 12 };
const info: Finding = { code: 'hardware.ok', severity: 'info', params: { cores: 8, gib: 16 } };
const warn: Finding = { code: 'background.cluttered', severity: 'warn', params: { edges: 9, colour: 50 } };
const fail: Finding = { code: 'headset.open-speakers', severity: 'fail', params: { heard: 4, total: 4 } };

describe('overall verdict', () => {
  it('is bereit / eingeschränkt / nicht bereit by the worst check', () => {
    expect(overallVerdict([{ status: 'ok' }, { status: 'skipped' }])).toBe('bereit');
    expect(overallVerdict([{ status: 'ok' }, { status: 'warn' }])).toBe('eingeschraenkt');
    expect(overallVerdict([{ status: 'ok' }, { status: 'unavailable' }])).toBe('eingeschraenkt');
    expect(overallVerdict([{ status: 'warn' }, { status: 'fail' }])).toBe('nicht-bereit');
  });
});

describe('assembleReport', () => {
  const base = { id: '0f8fad5b-d9cb-469f-a165-70867728950e', createdAt: '2026-11-23T02:00:00.000Z', mode: 'cli' as const, app: { version: '0.1.0', platform: 'linux-x64' } };

  it('joins checks into a validated report with the verdict', () => {
    const report = assembleReport({
      ...base,
      checks: [
        completedCheck('hardware', [info], { cores: 8 }, timing),
        completedCheck('background', [warn], {}, timing),
        skippedCheck('camera', { code: 'check.app-only', severity: 'info', params: {} }, timing),
      ],
    });
    expect(report.verdict).toBe('eingeschraenkt');
    expect(report.checks.map((c) => c.status)).toEqual(['ok', 'warn', 'skipped']);
    expect(assembleReport({ ...base, checks: [completedCheck('headset', [fail], {}, timing)] }).verdict).toBe('nicht-bereit');
    expect(assembleReport({ ...base, checks: [unavailableCheck('camera', { code: 'check.permission-denied', severity: 'warn', params: { device: 'Kamera' } }, timing)] }).verdict).toBe('eingeschraenkt');
  });

  it('rejects extra fields, so nothing personal can ride along', () => {
    const check = { ...completedCheck('hardware', [info], {}, timing), customerName: 'Erika Mustermann' };
    expect(() => assembleReport({ ...base, checks: [check] })).toThrow();
  });
});

describe('message catalogue', () => {
  it('has German and English text for every code, with every placeholder filled by the rules', () => {
    for (const [code, entry] of Object.entries(FINDING_MESSAGES)) {
      expect(entry.de.text, code).not.toBe('');
      expect(entry.en.text, code).not.toBe('');
      expect(Boolean(entry.de.hint), code).toBe(Boolean(entry.en.hint));
    }
    const text = describeFinding(fail, 'de');
    expect(text.text).toBe('Das Mikrofon hat 4 von 4 Testtönen genau dann gehört, als sie gespielt wurden: der Ton kommt aus offenen Lautsprechern.');
    expect(text.hint).toMatch(/Headset/);
    expect(describeFinding(warn, 'en').text).not.toMatch(/\{\{/);
  });

  it('uses the same placeholders in German and English, and every probe cause has words in both', () => {
    const placeholders = (t: string | undefined) => [...(t ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(FINDING_MESSAGES)) {
      expect(placeholders(entry.en.text), code).toEqual(placeholders(entry.de.text));
      expect(placeholders(entry.en.hint), code).toEqual(placeholders(entry.de.hint));
    }
    for (const cause of PROBE_CAUSES) {
      expect(CAUSE_MESSAGES[cause].de, cause).not.toBe('');
      expect(CAUSE_MESSAGES[cause].en, cause).not.toBe('');
    }
  });

  it('tells a signed-out user in German and English to sign in to the server', () => {
    const signedOut = { code: 'network.signed-out', severity: 'warn' as const, params: {} };
    expect(describeFinding(signedOut, 'de').hint).toMatch(/^Bitte am Server anmelden/);
    expect(describeFinding(signedOut, 'en').hint).toMatch(/^Please sign in to the server/);
  });
});

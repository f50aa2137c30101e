/** The `signalling` section of the server config: defaults, and the liveness timing that could kill live processes. */
import { describe, expect, it } from 'vitest';
import { SignallingSettings } from '../../../src-shared/signalling/config.js';

describe('SignallingSettings', () => {
  it('hands a crashed process over after 15 s by default, refreshing every 5 s', () => {
    expect(SignallingSettings.parse({})).toMatchObject({ livenessTtlMs: 15_000, livenessRefreshMs: 5_000, resumeGraceMs: 30_000 });
  });

  it('refuses a refresh that does not fit twice into the TTL, naming the key', () => {
    const result = SignallingSettings.safeParse({ livenessTtlMs: 1_000, livenessRefreshMs: 600 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['livenessRefreshMs'], message: expect.stringMatching(/höchstens die Hälfte/) })]);
    expect(SignallingSettings.safeParse({ livenessTtlMs: 1_000, livenessRefreshMs: 500 }).success).toBe(true);
  });
});

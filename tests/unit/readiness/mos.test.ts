import { describe, expect, it } from 'vitest';
import { estimateMos, mosFromR, rFactor } from '../../../src-shared/readiness/mos.js';

describe('E-model MOS', () => {
  it('gives the textbook values', () => {
    // Effective latency 10 ms: R = 93.2 − 10/40 = 92.95.
    expect(rFactor({ rttMs: 0, jitterMs: 0, lossPercent: 0 })).toBeCloseTo(92.95, 5);
    expect(mosFromR(92.95)).toBeCloseTo(1 + 0.035 * 92.95 + 0.000007 * 92.95 * 32.95 * 7.05, 6);
    expect(estimateMos({ rttMs: 0, jitterMs: 0, lossPercent: 0 })).toBeCloseTo(4.404, 2);
  });

  it('costs delay much more above 160 ms effective latency', () => {
    const below = rFactor({ rttMs: 140, jitterMs: 0, lossPercent: 0 });
    const above = rFactor({ rttMs: 300, jitterMs: 0, lossPercent: 0 });
    expect(below).toBeCloseTo(93.2 - 150 / 40, 5);
    expect(above).toBeCloseTo(93.2 - (310 - 120) / 10, 5);
  });

  it('falls with loss and jitter, and is clamped to 1…4.5', () => {
    const good = estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 0 });
    expect(estimateMos({ rttMs: 40, jitterMs: 5, lossPercent: 5 })).toBeLessThan(good);
    expect(estimateMos({ rttMs: 40, jitterMs: 60, lossPercent: 0 })).toBeLessThan(good);
    expect(estimateMos({ rttMs: 2_000, jitterMs: 200, lossPercent: 30 })).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });
});

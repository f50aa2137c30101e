import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src-main/services/sync/backoff.js';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('backoff with jitter', () => {
  it('doubles the ceiling per failure and keeps every delay between half the ceiling and the ceiling', () => {
    for (const [failures, ceiling] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [6, 32_000],
    ] as const) {
      expect(backoffDelay(failures, policy, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(failures, policy, () => 0.999999)).toBe(ceiling);
    }
  });

  it('is capped, also after very many failures', () => {
    expect(backoffDelay(7, policy, () => 0.999999)).toBe(60_000);
    expect(backoffDelay(10_000, policy, () => 0.999999)).toBe(60_000);
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

/** The login throttle's arithmetic (issue 13, L1), on a clock of its own: delays that double, per (account, address). */
import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../src-server/auth/login-throttle.js';

const WINDOW = 15 * 60_000;

describe('login throttle', () => {
  it('lets the free failures through, then asks for 1 s, 2 s, 4 s … after each further failure, up to the window', () => {
    const throttle = createLoginThrottle({ freeFailures: 3, windowMs: WINDOW });
    let now = 1_000_000;
    for (let n = 0; n < 3; n += 1) {
      expect(throttle.check('av.berger', '10.0.0.1', now)).toEqual({ allowed: true });
      throttle.failed('av.berger', '10.0.0.1', now);
    }
    const waits: number[] = [];
    for (let n = 0; n < 12; n += 1) {
      const verdict = throttle.check('av.berger', '10.0.0.1', now);
      expect(verdict.allowed).toBe(false);
      const wait = verdict.allowed ? 0 : verdict.retryAfterMs;
      waits.push(wait);
      now += wait;
      expect(throttle.check('av.berger', '10.0.0.1', now)).toEqual({ allowed: true });
      throttle.failed('av.berger', '10.0.0.1', now);
    }
    expect(waits.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(WINDOW);
  });

  it('keeps accounts and addresses apart, ignores the username’s case, and forgets on success and after the window', () => {
    const throttle = createLoginThrottle({ freeFailures: 1, windowMs: WINDOW });
    const now = 5_000_000;
    throttle.failed('AV.Berger', '10.0.0.1', now);
    expect(throttle.check('av.berger', '10.0.0.1', now).allowed).toBe(false);
    expect(throttle.check('av.berger', '10.0.0.2', now).allowed).toBe(true);
    expect(throttle.check('bb.schulz', '10.0.0.1', now).allowed).toBe(true);
    expect(throttle.check('av.berger', '10.0.0.1', now + WINDOW).allowed).toBe(true);
    throttle.succeeded('av.berger', '10.0.0.1');
    expect(throttle.check('av.berger', '10.0.0.1', now).allowed).toBe(true);
  });

  it('stays bounded under a spray of usernames and addresses', () => {
    const throttle = createLoginThrottle({ freeFailures: 1, windowMs: WINDOW });
    for (let n = 0; n < 25_000; n += 1) throttle.failed(`user-${n}`, `10.0.${n % 250}.1`, 1_000);
    // The newest keys are still tracked; the oldest gave way (the map holds at most 10,000 keys).
    expect(throttle.check('user-24999', '10.0.249.1', 1_000).allowed).toBe(false);
    expect(throttle.check('user-0', '10.0.0.1', 1_000).allowed).toBe(true);
  });
});

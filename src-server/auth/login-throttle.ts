/**
 * Slows down password guessing without handing anyone a way to lock a counsellor out. Failures count per
 * (account, source address): after `freeFailures` of them within the window, each further attempt from that
 * address must wait a delay that doubles with every failure (1 s, 2 s, 4 s … up to the window), and is refused
 * unchecked until then. The same account from any other address is untouched, so someone who knows a username
 * can slow down only their own guesses, never the counsellor's sign-in from the counsellor's own machine.
 * In memory, so a restart forgives; bounded, so a spray of usernames or addresses cannot grow it without end.
 */
export interface LoginThrottleSettings {
  /** Failures per (account, address) within the window before delays begin. */
  readonly freeFailures: number;
  /** How long a failure is remembered; also the longest delay. */
  readonly windowMs: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

const FIRST_DELAY_MS = 1000;
const MAX_TRACKED = 10_000;

export interface LoginThrottle {
  /** May this address try a password for this account now? */
  check(account: string, address: string, now: number): ThrottleVerdict;
  failed(account: string, address: string, now: number): void;
  succeeded(account: string, address: string): void;
}

export function createLoginThrottle(settings: LoginThrottleSettings): LoginThrottle {
  /** Failure times per key, oldest first. */
  const failures = new Map<string, number[]>();
  // The NUL cannot occur in a username that passed LoginRequest nor in an address, so keys cannot collide.
  const keyOf = (account: string, address: string) => `${account.normalize('NFC').toLowerCase()}\0${address}`;

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((at) => now - at < settings.windowMs);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  };

  return {
    check(account, address, now) {
      const times = recent(keyOf(account, address), now);
      const over = times.length - settings.freeFailures;
      if (over < 0) return { allowed: true };
      const delay = Math.min(FIRST_DELAY_MS * 2 ** over, settings.windowMs);
      const waitUntil = times[times.length - 1]! + delay;
      return now >= waitUntil ? { allowed: true } : { allowed: false, retryAfterMs: waitUntil - now };
    },
    failed(account, address, now) {
      const key = keyOf(account, address);
      const times = recent(key, now);
      if (!failures.has(key) && failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value as string);
      failures.set(key, [...times, now]);
    },
    succeeded(account, address) {
      failures.delete(keyOf(account, address));
    },
  };
}

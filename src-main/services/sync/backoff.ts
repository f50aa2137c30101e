/**
 * Retry delays: exponential with "equal jitter" (half fixed, half random, as in the AWS Architecture Blog's
 * "Exponential Backoff and Jitter"), so that many laptops coming back online after an outage do not hit the
 * server in lock-step, yet no retry comes back almost immediately.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 = first retry). `random` returns [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

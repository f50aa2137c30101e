/** Presence reports for the auto-lock: the first input at once, then at most one per interval. */
import { describe, expect, it } from 'vitest';
import { throttledReporter } from '../../../src-renderer/app/user-activity.js';

describe('throttledReporter', () => {
  it('reports the first input at once and then at most once per interval', () => {
    let now = 1_000;
    let sent = 0;
    const report = throttledReporter(() => (sent += 1), () => now, 20_000);
    report();
    expect(sent).toBe(1);
    now += 5_000;
    report();
    now += 14_999;
    report();
    expect(sent).toBe(1);
    now += 1;
    report();
    expect(sent).toBe(2);
  });
});

/**
 * One signalling server process for scale-out tests: `node --import tsx tests/support/signalling-node.ts`
 * with BR_REDIS_URL and BR_USERS (JSON: token → {user, appointmentId}; or BR_USERS_FILE naming a file with it); prints `{"url": …}` once listening.
 * Both processes get the same users, so a counsellor may create a link on one and a guest use it on the other.
 * Optional: BR_SETTINGS (JSON, signalling settings over `resumeGraceMs: 5000`, validated by the harness; tests
 * of crashed processes shorten `livenessTtlMs` and `livenessRefreshMs` there).
 */
import { readFileSync } from 'node:fs';
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import type { SignallingSettings } from '../../src-shared/signalling/config.js';
import { FakeHost, startHarness } from './signalling-harness.js';

const host = new FakeHost();
// BR_USERS_FILE for many users (bench:signalling's 1,000 rooms): one environment variable holds at most 128 KiB.
const usersJson = process.env.BR_USERS_FILE ? readFileSync(process.env.BR_USERS_FILE, 'utf8') : (process.env.BR_USERS ?? '{}');
const users = JSON.parse(usersJson) as Record<string, { user: SessionUser; appointmentId: string }>;
for (const [token, { user, appointmentId }] of Object.entries(users)) {
  host.users.set(token, user);
  host.appointments.set(appointmentId, user.id);
}
const settings = JSON.parse(process.env.BR_SETTINGS ?? '{}') as Partial<SignallingSettings>;
const harness = await startHarness({ host, redisUrl: process.env.BR_REDIS_URL ?? '', settings: { resumeGraceMs: 5000, ...settings } });
process.stdout.write(`${JSON.stringify({ url: harness.url, pid: process.pid })}\n`);
process.on('SIGTERM', () => {
  void harness.close().then(() => process.exit(0));
});

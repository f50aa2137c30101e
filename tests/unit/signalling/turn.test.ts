/**
 * TURN credentials from the signalling server work against a real coturn in `use-auth-secret` mode, and only
 * while valid: an allocation with them succeeds, with a wrong or expired credential it is refused. Guests get
 * credentials only once admitted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnCredentials } from '../../../src-server/turn/credentials.js';
import { freePort } from '../../support/redis-server.js';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, counsellor, guest } from './flow.js';

const turn = { address: '127.0.0.1', port: 0, secret: 'coturn-static-auth-secret-for-tests', url: '' };
let coturn: ChildProcess;
let dir: string;
let h: Harness;

beforeAll(async () => {
  turn.port = await freePort();
  turn.url = `turn:${turn.address}:${turn.port}?transport=udp`;
  dir = await mkdtemp(join(tmpdir(), 'br-turn-'));
  // tests/support/coturn.ts is the shared helper; this test needs loopback peers allowed, because coturn's own
  // test client relays to itself on 127.0.0.1.
  coturn = spawn('turnserver', ['-n', '--listening-ip', turn.address, '--relay-ip', turn.address, '--listening-port', String(turn.port), '--min-port', '49400', '--max-port', '49600',
    '--use-auth-secret', '--static-auth-secret', turn.secret, '--realm', 'beratungsraum.test', '--allow-loopback-peers', '--no-tls', '--no-dtls', '--no-cli',
    '--userdb', join(dir, 'turndb'), '--pidfile', join(dir, 'turnserver.pid'), '--log-file', 'stdout', '--simple-log'], { stdio: 'ignore' });
  // coturn prints nothing once it listens; it is ready when its TCP listener accepts.
  const deadline = Date.now() + 10_000;
  while (!(await new Promise<boolean>((resolve) => {
    const probe = connect({ host: turn.address, port: turn.port }, () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  }))) {
    if (Date.now() > deadline || coturn.exitCode !== null) throw new Error('coturn nahm keine Verbindungen an');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  h = await startHarness({ turn: { secret: turn.secret, urls: [turn.url], ttlSeconds: 600 } });
}, 30_000);
afterAll(async () => {
  await h?.close();
  if (coturn && coturn.exitCode === null) {
    const exited = new Promise((resolve) => coturn.once('exit', resolve));
    coturn.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** coturn's own test client: allocate a relay and send a few packets through it; resolves with the exit code. */
function allocate(username: string, credential: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('turnutils_uclient', ['-y', '-n', '2', '-m', '1', '-l', '100', '-u', username, '-w', credential, '-p', String(turn.port), turn.address], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

describe('TURN through coturn', () => {
  it('credentials handed to admitted participants allocate a relay; wrong and expired ones are refused', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const waiting = await guest(h.url, c.token, c.appointmentId);
    expect(waiting.welcome.iceServers).toEqual([]);
    host.client.send({ type: 'refuse', participantId: waiting.welcome.self.id, reason: 'other' });
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const server = g.admitted.iceServers[0]!;
    expect(server.urls).toEqual([turn.url]);
    expect(await allocate(server.username!, server.credential!)).toBe(0);
    expect(await allocate(server.username!, `${server.credential!.slice(0, -4)}AAA=`)).not.toBe(0);
    const expired = turnCredentials({ secret: turn.secret, urls: [turn.url], ttlSeconds: 60 }, g.welcome.self.id, Date.now() - 3600_000).iceServers[0]!;
    expect(await allocate(expired.username!, expired.credential!)).not.toBe(0);
    await host.client.leave(true);
  });
});

// First-run sign-in against the real self-hosted server, through the sync engine's API client.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLogService, type LogService } from '../../../src-main/services/logging/log-service.js';
import { openFirstRun, type SignIn } from '../../../src-main/services/policy/first-run.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';
import { createSyncApi } from '../../../src-main/services/sync/api-client.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';

let server: RunningServer;
let serverDir: string;
let dir: string;
let logs: LogService;

const signIn: SignIn = (serverUrl, username, password) => createSyncApi(serverUrl).login({ username, password });

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'br-firstrun-server-'));
  server = await startServer({ port: 0, dataDir: serverDir, demoData: true, extensions: [], log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await rm(serverDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-firstrun-'));
  logs = await openLogService({ dataDir: dir, level: 'info' });
});
afterEach(async () => {
  await logs.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(policy?: unknown) {
  const policyFile = join(dir, 'policy.json');
  if (policy !== undefined) {
    await writeFile(policyFile, JSON.stringify(policy));
    await chmod(policyFile, 0o644);
  }
  const settings = await openSettings({ dataDir: join(dir, 'user'), readPolicy: () => readPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: policyFile } }) });
  return { settings, firstRun: await openFirstRun({ dataDir: join(dir, 'user'), settings, signIn, log: logs }) };
}

describe('first run', () => {
  it('signs in to an entered server and remembers its address', async () => {
    const { firstRun, settings } = await open();
    expect(firstRun.get()).toEqual({ completed: false, serverUrl: null, serverUrlLocked: false });
    const reply = await firstRun.signIn({ serverUrl: server.url, username: 'av.berger', password: 'demo-av-berger' });
    expect(reply).toEqual({ outcome: 'signed-in', serverUrl: server.url });
    expect(settings.get().values.serverUrl).toEqual({ value: server.url, source: 'user', locked: false });
  });

  it('uses the managed address and refuses another one', async () => {
    const { firstRun } = await open({ serverUrl: server.url });
    expect(firstRun.get()).toMatchObject({ serverUrl: server.url, serverUrlLocked: true });
    expect(await firstRun.signIn({ serverUrl: 'https://woanders.example', username: 'av.berger', password: 'demo-av-berger' })).toMatchObject({
      outcome: 'rejected',
      message: expect.stringContaining('von Ihrer IT vorgegeben'),
    });
    expect(await firstRun.signIn({ username: 'av.berger', password: 'demo-av-berger' })).toEqual({ outcome: 'signed-in', serverUrl: server.url });
  });

  it('wrong password: the server says no, in its words', async () => {
    const { firstRun } = await open({ serverUrl: server.url });
    expect(await firstRun.signIn({ username: 'av.berger', password: 'falsch' })).toMatchObject({
      outcome: 'rejected',
      message: expect.stringContaining('Benutzername oder Passwort ist falsch'),
    });
  });

  it('server not reachable: a clear message that the app works offline', async () => {
    const { firstRun } = await open();
    const reply = await firstRun.signIn({ serverUrl: `http://127.0.0.1:${await closedPort()}`, username: 'av.berger', password: 'demo-av-berger' });
    expect(reply).toMatchObject({ outcome: 'unreachable', message: expect.stringContaining('offline') });
  });

  it('no address anywhere: asks for one', async () => {
    const { firstRun } = await open();
    expect(await firstRun.signIn({ username: 'av.berger', password: 'x' })).toMatchObject({ outcome: 'rejected', message: expect.stringContaining('Adresse') });
  });

  it('the welcome is finished once and stays finished', async () => {
    const { firstRun } = await open();
    expect((await firstRun.complete()).completed).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'user', 'first-run.json'), 'utf8'))).toHaveProperty('completedAt');
    const again = await open();
    expect(again.firstRun.get().completed).toBe(true);
  });

  it('no password reaches the log', async () => {
    const { firstRun } = await open({ serverUrl: server.url });
    await firstRun.signIn({ username: 'av.berger', password: 'Geheimes-Passwort-123' });
    await logs.flush();
    const text = (await Promise.all((await logs.files()).map((file) => readFile(file, 'utf8')))).join('');
    expect(text).toContain('first_run.sign_in_failed');
    expect(text).not.toContain('Geheimes-Passwort');
  });
});

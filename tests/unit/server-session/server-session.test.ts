/**
 * The one server session against the real self-hosted server: signing in from any form (address as typed, the
 * managed address, the server's refusals, no answer), staying signed in across a restart through the refresh
 * token in the vault, signing out, and the sign-in the server ended.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLogService, type LogService } from '../../../src-main/services/logging/log-service.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';
import { createServerSession, type SavedSignIn, type SignInVault } from '../../../src-main/services/server-session/server-session.js';
import { serverSessionHandlers } from '../../../src-main/services/server-session/server-session-handlers.js';
import { SERVER_ADDRESS_HINT } from '../../../src-shared/policy/server-address.js';
import type { SyncState } from '../../../src-shared/store/status.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

let server: TestServer;
let dir: string;
let logs: LogService;

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The encrypted store's meta table, as the session sees it: open or locked. */
function memoryVault(): SignInVault & { saved: SavedSignIn | null; open: boolean } {
  const vault = {
    saved: null as SavedSignIn | null,
    open: true,
    read: () => (vault.open ? vault.saved : undefined),
    write: (saved: SavedSignIn | null) => {
      if (!vault.open) return false;
      vault.saved = saved;
      return true;
    },
  };
  return vault;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-server-session-'));
  logs = await openLogService({ dataDir: dir, level: 'info' });
});
afterEach(async () => {
  await logs.close();
  await rm(dir, { recursive: true, force: true });
});

const password = (username: string) => server.server.demoAccounts.find((account) => account.username === username)!.password;

async function open(options: { policy?: unknown; vault?: ReturnType<typeof memoryVault> } = {}) {
  const policyFile = join(dir, 'policy.json');
  if (options.policy !== undefined) {
    await writeFile(policyFile, JSON.stringify(options.policy));
    await chmod(policyFile, 0o644);
  }
  const settings = await openSettings({ dataDir: join(dir, 'user'), readPolicy: () => readPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: policyFile } }) });
  const vault = options.vault ?? memoryVault();
  const session = createServerSession({ vault });
  const audits: string[] = [];
  const handlers = serverSessionHandlers({ session, settings, sync: { state: () => ({}) as SyncState }, audit: (event) => audits.push(event), log: logs });
  return { settings, session, handlers, vault, audits };
}

describe('signing in', () => {
  it('takes the address as typed (host:port, no scheme) and remembers it', async () => {
    const { handlers, settings, audits } = await open();
    const typed = server.url.replace(/^http:\/\//, '');
    const reply = await handlers['serverSession.signIn']({ serverUrl: typed, username: 'av.berger', password: password('av.berger') });
    expect(reply).toMatchObject({ outcome: 'signed-in', serverUrl: server.url, session: { status: 'signed-in', user: { displayName: expect.any(String), role: 'counsellor' } } });
    expect(settings.get().values.serverUrl).toEqual({ value: server.url, source: 'user', locked: false });
    expect(audits).toEqual(['sign_in']);
  });

  it('says exactly what to type for an address it cannot use, and asks for one when there is none', async () => {
    const { handlers } = await open();
    expect(await handlers['serverSession.signIn']({ serverUrl: 'beratung agentur', username: 'av.berger', password: 'x' })).toEqual({
      outcome: 'rejected',
      message: SERVER_ADDRESS_HINT,
      field: 'serverUrl',
    });
    expect(await handlers['serverSession.signIn']({ username: 'av.berger', password: 'x' })).toMatchObject({ outcome: 'rejected', field: 'serverUrl' });
  });

  it('uses the managed address and refuses another one', async () => {
    const { handlers } = await open({ policy: { serverUrl: server.url } });
    expect(await handlers['serverSession.signIn']({ serverUrl: 'https://woanders.example', username: 'av.berger', password: password('av.berger') })).toMatchObject({
      outcome: 'rejected',
      message: expect.stringContaining('von Ihrer IT vorgegeben'),
    });
    expect(await handlers['serverSession.signIn']({ username: 'av.berger', password: password('av.berger') })).toMatchObject({ outcome: 'signed-in', serverUrl: server.url });
    await expect(handlers['sync.signIn']({ serverUrl: 'https://woanders.example', username: 'av.berger', password: password('av.berger') })).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('wrong password: the server says no, in its words, and no password reaches the log', async () => {
    const { handlers, session } = await open({ policy: { serverUrl: server.url } });
    expect(await handlers['serverSession.signIn']({ username: 'av.berger', password: 'Geheimes-Passwort-123' })).toMatchObject({
      outcome: 'rejected',
      message: expect.stringContaining('Benutzername oder Passwort ist falsch'),
      field: 'password',
    });
    expect(session.state().status).toBe('signed-out');
    await logs.flush();
    const text = (await Promise.all((await logs.files()).map((file) => readFile(file, 'utf8')))).join('');
    expect(text).toContain('server_session.sign_in_failed');
    expect(text).not.toContain('Geheimes-Passwort');
  });

  it('server not reachable: says so and that the app works offline', async () => {
    const { handlers } = await open();
    const reply = await handlers['serverSession.signIn']({ serverUrl: `127.0.0.1:${await closedPort()}`, username: 'av.berger', password: 'x' });
    expect(reply).toMatchObject({ outcome: 'unreachable', message: expect.stringContaining('offline') });
  });
});

describe('staying signed in', () => {
  it('survives a restart through the refresh token in the vault, which is spent and replaced', async () => {
    const vault = memoryVault();
    const first = await open({ vault });
    await first.handlers['serverSession.signIn']({ serverUrl: server.url, username: 'bb.schulz', password: password('bb.schulz') });
    const saved = vault.saved!;
    expect(saved.refreshToken).toMatch(/^brr_/);
    expect(JSON.stringify(saved)).not.toContain(password('bb.schulz'));

    // The app restarts: a new session, same vault, opened when the store unlocks.
    const second = createServerSession({ vault });
    expect(second.state().status).toBe('signed-out');
    second.vaultOpened();
    expect(second.state()).toMatchObject({ status: 'signed-in', serverUrl: server.url, user: { role: 'counsellor' } });
    const credentials = await second.access();
    expect((await server.request('/api/v1/me', { token: credentials!.token })).status).toBe(200);
    expect(vault.saved!.refreshToken).not.toBe(saved.refreshToken);
    expect((await server.request('/api/v1/auth/refresh', { json: { refreshToken: saved.refreshToken } })).status).toBe(401);
  });

  it('signs out on the server and forgets the refresh token', async () => {
    const { handlers, session, vault, audits } = await open();
    await handlers['serverSession.signIn']({ serverUrl: server.url, username: 'av.berger', password: password('av.berger') });
    const { refreshToken } = vault.saved!;
    expect(await handlers['serverSession.signOut']({})).toEqual({ status: 'signed-out', serverUrl: null, user: null, message: null });
    expect(vault.saved).toBeNull();
    expect(session.credentials()).toBeNull();
    expect((await server.request('/api/v1/auth/refresh', { json: { refreshToken } })).status).toBe(401);
    expect(audits).toEqual(['sign_in', 'sign_out']);
  });

  it('a sign-in the server ended turns expired with a German prompt; a sign-in while locked is saved on unlock', async () => {
    const vault = memoryVault();
    vault.open = false;
    const { session } = await open({ vault });
    await session.signIn(server.url, 'reha.yilmaz', password('reha.yilmaz'));
    expect(vault.saved).toBeNull();
    vault.open = true;
    session.vaultOpened();
    const { refreshToken } = vault.saved!;

    const states: string[] = [];
    session.onChange((state) => states.push(state.status));
    // IT revokes the sign-in (here: as a sign-out elsewhere), then the session token is refused.
    expect((await server.request('/api/v1/auth/logout', { json: { refreshToken } })).status).toBe(204);
    expect(await session.renew(session.credentials()!.token)).toBeNull();
    expect(session.state()).toMatchObject({ status: 'expired', serverUrl: server.url, message: expect.stringContaining('erneut an') });
    expect(states).toEqual(['expired']);
    expect(vault.saved).toBeNull();
  });

  it('renews a session token shortly before it ends, before handing it out', async () => {
    const vault = memoryVault();
    let clock = Date.now();
    const session = createServerSession({ vault, now: () => clock });
    await session.signIn(server.url, 'av.berger', password('av.berger'));
    const first = await session.access();
    expect(await session.access()).toEqual(first);
    const { refreshToken } = vault.saved!;
    // Ten hours later (the server's default lifetime), a minute before the end.
    clock += 10 * 60 * 60_000 - 60_000;
    const renewed = await session.access();
    expect(renewed!.token).not.toBe(first!.token);
    expect(vault.saved!.refreshToken).not.toBe(refreshToken);
    expect((await server.request('/api/v1/me', { token: renewed!.token })).status).toBe(200);
  });
});

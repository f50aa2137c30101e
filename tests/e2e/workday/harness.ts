/**
 * The real pieces of the counsellor's workday for browser tests: the self-hosted server with its demo data
 * (accounts, two weeks of appointments, notes), and a client that talks to the web shell's back office over its
 * WebSocket exactly like the page does (same token, same origin), to set up the encrypted store and sign in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection as createConnectionTo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { MethodName, ReplyOf, RequestOf } from '../../../src-shared/ipc/contract.js';
import { ServerFrame, WEB_SHELL_IPC_PATH, WEB_SHELL_TOKEN_PARAM } from '../../../src-shared/ipc/wire.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import type { WebShell } from '../../support/web-shell.js';

export const VKB_SECRET = 'e2e-review-secret-of-at-least-32-bytes!!';
export const PASSPHRASE = 'korrekt-pferd-batterie-heftklammer';

/** Monday of the week before the current one (Berlin calendar), so the demo fortnight has held appointments. */
export function lastMonday(now = new Date()): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
  const date = new Date(`${day}T12:00:00Z`);
  const weekday = date.getUTCDay();
  date.setUTCDate(date.getUTCDate() - (weekday === 0 ? 6 : weekday - 1) - 7);
  return date.toISOString().slice(0, 10);
}

export async function startDemoServer(options: { startDate?: string } = {}): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'beratungsraum-server-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    demoData: true,
    config: { review: { secret: VKB_SECRET }, demo: { startDate: options.startDate ?? lastMonday() } },
    log: () => {},
  });
  return Object.assign(server, {
    async dispose() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

export interface BackOfficeClient {
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ReplyOf<M>>;
  close(): void;
}

export async function connectBackOffice(shell: WebShell): Promise<BackOfficeClient> {
  const url = `${shell.origin.replace(/^http/, 'ws')}${WEB_SHELL_IPC_PATH}?${WEB_SHELL_TOKEN_PARAM}=${encodeURIComponent(shell.token)}`;
  const socket = new WebSocket(url, { headers: { Origin: shell.origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  socket.on('message', (data) => {
    const frame = ServerFrame.parse(JSON.parse(String(data)));
    if (frame.kind !== 'result') return;
    const entry = waiting.get(frame.id);
    if (!entry) return;
    waiting.delete(frame.id);
    if (frame.result.ok) entry.resolve(frame.result.value);
    else entry.reject(new Error(`${frame.result.error.code}: ${frame.result.error.message}`));
  });
  return {
    call(method, request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify({ kind: 'call', id, method, payload: request }));
      });
    },
    close: () => socket.close(),
  };
}

/** Sets up the encrypted store with a passphrase, signs in as `username` and waits for the first full sync. */
export async function signInAs(client: BackOfficeClient, server: RunningServer, username: string, serverUrl = server.url): Promise<void> {
  const status = await client.call('store.status', {});
  if (status.state === 'needs_setup') await client.call('store.setupPassphrase', { passphrase: PASSPHRASE });
  else if (status.state === 'locked') await client.call('store.unlock', { passphrase: PASSPHRASE });
  const account = server.demoAccounts.find((candidate) => candidate.username === username);
  if (!account) throw new Error(`Kein Demo-Konto ${username}`);
  await client.call('sync.signIn', { serverUrl, username, password: account.password });
  await waitForSync(client);
}

export async function waitForSync(client: BackOfficeClient, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  const before = (await client.call('sync.state', {})).lastSuccessAt;
  await client.call('sync.now', {}).catch(() => undefined);
  for (;;) {
    const state = await client.call('sync.state', {});
    if (state.lastSuccessAt && state.lastSuccessAt !== before && !state.running && state.pendingCount === state.rejectedCount) return;
    if (state.lastSuccessAt && !before && !state.running && state.pendingCount === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Sync wurde nicht fertig: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface Link {
  /** Base URL to give the client instead of the server's. */
  readonly url: string;
  /** Offline: every connection is reset at once, and open ones are cut. */
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

/** A loopback TCP relay to `target` that the test can cut, as a train's tunnel cuts the laptop's network. */
export async function startLink(target: string): Promise<Link> {
  const { hostname, port } = new URL(target);
  let online = true;
  const open = new Set<Socket>();
  const relay = createServer((client) => {
    if (!online) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnectionTo(Number(port), hostname);
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    setOnline(next) {
      online = next;
      if (!next) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

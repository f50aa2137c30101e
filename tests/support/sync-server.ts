/**
 * A real self-hosted server (src-server) on loopback with a random port, a temp data dir and the seeded demo
 * data, for tests of the server and of the client's sync engine. `login` returns a bearer token of a demo account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type StartServerOptions } from '../../src-server/server.js';

export interface TestServer {
  /** The running process; a new one after `restart`. */
  readonly server: RunningServer;
  readonly url: string;
  /** Logs a demo account in (username as in DEMO_ACCOUNTS, e.g. `av.berger`) and returns its token. */
  login(username: string): Promise<string>;
  /** fetch against the server with an optional bearer token; JSON bodies are serialised. */
  request(path: string, init?: { method?: string; token?: string; json?: unknown; headers?: Record<string, string>; body?: string }): Promise<Response>;
  /**
   * Stops the server as an operator would (clients see their connections drop), runs `whileDown`, and starts it
   * again on the same port with the same data folder.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The Monday the demo fortnight starts on in tests, so dates in assertions are fixed. */
export const TEST_DEMO_START = '2026-11-16';
/** Statuses drawn as of this instant: earlier appointments settled, later ones planned (some already begun). */
export const TEST_DEMO_AS_OF = '2026-11-20T12:00:00Z';

export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beratungsraum-server-'));
  const launch = (port: number) =>
    startServer({
      port,
      dataDir,
      demoData: true,
      extensions: [],
      log: () => {},
      ...options,
      config: { demo: { startDate: TEST_DEMO_START, asOf: TEST_DEMO_AS_OF }, ...options.config },
    });
  let server = await launch(options.port ?? 0);
  const request: TestServer['request'] = (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] ??= 'application/json';
    return fetch(server.url + path, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
  return {
    get server() {
      return server;
    },
    url: server.url,
    request,
    async restart(whileDown) {
      const { port } = server;
      await server.close();
      await whileDown?.();
      server = await launch(port);
    },
    async login(username) {
      const account = server.demoAccounts.find((candidate) => candidate.username === username);
      if (!account) throw new Error(`Kein Demo-Konto ${username}`);
      const reply = await request('/api/v1/auth/login', { json: { username, password: account.password } });
      if (reply.status !== 200) throw new Error(`Anmeldung ${username} fehlgeschlagen: ${reply.status} ${await reply.text()}`);
      return ((await reply.json()) as { token: string }).token;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The self-hosted server: one node:http server carrying the calendar/notes API (src-shared/http/sync-api.ts)
 * and, through extensions (`ServerExtension` in ./core.ts), signalling over WebSocket, guest links, TURN credentials and the
 * guest page on the same port.
 *
 * Extending it (signalling, guest, TURN, review): write a `ServerExtension` in your folder and add it to
 * `defaultExtensions` below. `setup(core)` receives the shared store, authenticator
 * (`core.auth.authenticate(req, ip, action)`), access policy (`core.access.appointmentForAction(...)`) and
 * auditor, and returns `{ routes, upgrade, close }`. Routes get the same security headers, error bodies and
 * body limits as the core API (use `readJson`/`readQuery`/`sendJson` from ./http/router.js and throw
 * `HttpError`); `upgrade(req, socket, head)` sees every WebSocket upgrade and returns true when it took it
 * (e.g. `wss.handleUpgrade` from `ws` for its own path).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ServerConfig, ServerConfigInput } from '../src-shared/http/server-config.js';
import { createAuditor } from './access/audit.js';
import { createAccessPolicy } from './access/policy.js';
import { appointmentFeedRoutes } from './api/appointment-feed.js';
import { authRoutes } from './api/auth-routes.js';
import { notesRoutes } from './api/notes.js';
import { opsRoutes } from './api/ops.js';
import { createAuthenticator } from './auth/authenticator.js';
import { createJwtValidator } from './auth/oidc.js';
import { ConfigError, deepMerge, loadConfig } from './config.js';
import type { ExtensionHandle, ServerCore, ServerExtension } from './core.js';
import { seedDemoData, type DemoAccount } from './storage/demo-data.js';
import { reviewExtension } from './review/extension.js';
import { signallingExtension } from './signalling/extension.js';
import { readinessTurnExtension } from './turn/staff-grant.js';
import { defaultUpdateFeedExtension } from './updates/extension.js';
import { limitConnections } from './http/connection-limits.js';
import { HttpError } from './http/errors.js';
import { createRouter, sendError, type RequestContext, type Route } from './http/router.js';
import { applySecurityHeaders } from './http/security-headers.js';
import type { Repository } from './storage/repository.js';
import { openSqliteRepository } from './storage/sqlite-repository.js';

/** The extensions `npm run server` and `startServer()` load unless told otherwise. */
export const defaultExtensions: readonly ServerExtension[] = [reviewExtension, signallingExtension, readinessTurnExtension, defaultUpdateFeedExtension];

export interface StartServerOptions {
  /** Shorthands for the matching config keys; they win over everything else. */
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  readonly dataDir?: string;
  readonly demoData?: boolean;
  /** Config overrides, merged over file and environment. */
  readonly config?: ServerConfigInput;
  /** A JSON config file (otherwise BERATUNGSRAUM_SERVER_CONFIG from `env`). */
  readonly configFile?: string;
  /** Environment to read BERATUNGSRAUM_* from; default none, so tests are not steered by the shell. */
  readonly env?: NodeJS.ProcessEnv;
  readonly extensions?: readonly ServerExtension[];
  /** Another store (a gateway to ATV/VerBIS); default: SQLite in `storage.dataDir`. Closed by `close()`. */
  readonly repository?: Repository;
  readonly log?: (message: string) => void;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8470 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly httpServer: Server;
  readonly core: ServerCore;
  readonly config: ServerConfig;
  /** The demo accounts with their passwords, when demo data was seeded into an empty store. */
  readonly demoAccounts: readonly DemoAccount[];
  /** Every HTTP route, core and extensions. */
  readonly routes: readonly Pick<Route, 'method' | 'path'>[];
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return req.socket.remoteAddress ?? 'unbekannt';
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => console.error(`[server] ${message}`));
  const shorthand: Record<string, unknown> = {};
  if (options.host !== undefined || options.port !== undefined) shorthand.http = { host: options.host, port: options.port };
  if (options.dataDir !== undefined) shorthand.storage = { dataDir: options.dataDir };
  if (options.demoData !== undefined) shorthand.demo = { enabled: options.demoData };
  const config = loadConfig({
    file: options.configFile,
    env: options.env ?? {},
    overrides: deepMerge((options.config ?? {}) as Record<string, unknown>, shorthand) as ServerConfigInput,
  });
  if (config.demo.enabled && !LOOPBACK.test(config.http.host)) {
    // Demo passwords are printed on start; on a reachable interface they would be an open door.
    throw new ConfigError(`Demo-Daten nur auf Loopback (127.0.0.1): Host ${config.http.host} ist von außen erreichbar. Schalten Sie demo.enabled ab.`);
  }

  const repository = options.repository ?? openSqliteRepository(resolve(config.storage.dataDir));
  const handles: ExtensionHandle[] = [];
  // Timeouts are checked this often; Node's default (30 s) would let a slow-header socket live far past its bound.
  const httpServer = createServer({ connectionsCheckingInterval: 1000 });
  try {
    await repository.accounts.syncConfigured(config.auth.accounts);
    const demoAccounts = config.demo.enabled ? await seedDemoData(repository, config.demo) : [];

    const audit = createAuditor(repository.audit, log);
    const jwt = config.auth.oidc ? await createJwtValidator(config.auth.oidc) : null;
    const auth = createAuthenticator(repository, audit, config.auth, jwt, log);
    let publicUrl = config.http.publicUrl?.replace(/\/$/, '') ?? '';
    const core: ServerCore = {
      config,
      repository,
      auth,
      access: createAccessPolicy(repository, audit),
      audit,
      log,
      publicUrl: () => publicUrl,
    };

    const router = createRouter();
    for (const route of [...authRoutes(core), ...appointmentFeedRoutes(core), ...opsRoutes(core), ...notesRoutes(core)]) router.add(route);
    for (const extension of options.extensions ?? defaultExtensions) {
      const handle = await extension.setup(core);
      handles.push(handle);
      for (const route of handle.routes ?? []) router.add(route);
    }

    const limits = limitConnections(httpServer, {
      maxConnections: config.http.maxConnections,
      maxConnectionsPerIp: config.http.trustProxy ? null : config.http.maxConnectionsPerIp,
    });
    const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      if (limits.isRefused(req.socket)) return void req.socket.destroy();
      applySecurityHeaders(res, { hsts: config.http.hsts });
      try {
        const url = new URL(req.url ?? '/', 'http://server.invalid');
        const { route, params } = router.match(req.method ?? 'GET', url.pathname);
        const ctx: RequestContext = { req, res, url, params, ip: clientIp(req, config.http.trustProxy) };
        await route.handle(ctx);
      } catch (error) {
        if (error instanceof HttpError) {
          sendError(res, error);
          return;
        }
        log(`Unerwarteter Fehler bei ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        sendError(res, new HttpError(500, 'INTERNAL', 'Interner Serverfehler. Versuchen Sie es später erneut; bleibt der Fehler, melden Sie ihn dem IT-Support.'));
      }
    };
    httpServer.on('request', (req, res) => void onRequest(req, res));
    httpServer.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if (limits.isRefused(req.socket)) return void socket.destroy();
      for (const handle of handles) if (handle.upgrade?.(req, socket, head)) return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    // Slow-loris and stuck uploads: a request must arrive in full within these bounds.
    httpServer.headersTimeout = config.http.headersTimeoutMs;
    httpServer.requestTimeout = config.http.requestTimeoutMs;

    await new Promise<void>((done, fail) => {
      httpServer.once('error', fail);
      httpServer.listen(config.http.port, config.http.host, () => {
        httpServer.off('error', fail);
        done();
      });
    });
    const { port, address } = httpServer.address() as AddressInfo;
    const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    if (publicUrl === '') publicUrl = url;

    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      httpServer,
      core,
      config,
      demoAccounts,
      routes: router.list(),
      close: () =>
        (closing ??= (async () => {
          for (const handle of handles) await handle.close?.();
          await new Promise<void>((done) => {
            httpServer.close(() => done());
            // Cut every connection at once, in flight or idle: waiting for keep-alive sockets would delay the
            // stop by their timeout, and clients retry ops by opId, so a cut request loses nothing.
            httpServer.closeAllConnections();
          });
          await repository.close();
        })()),
    };
  } catch (error) {
    for (const handle of handles) await handle.close?.();
    httpServer.close();
    await repository.close();
    throw error;
  }
}

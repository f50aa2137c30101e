/**
 * The web shell: the back office's router served over a WebSocket on 127.0.0.1, next to the built renderer,
 * for machines without an Electron binary (and for the browser tests). A connection is accepted only
 *  - on the loopback interface, with the exact Host header (guards against DNS rebinding),
 *  - from the host's own origin (other web pages in the same browser cannot connect),
 *  - with the random per-launch session token (other local users and processes without it cannot connect).
 * The session token is never part of an address: addresses stand on the browser's command line, which every local
 * user reads in /proc. The address carries a one-time launch code instead, which the page trades for the token on
 * first use (POST /launch); a second page with the same address, or anyone who read it, gets nothing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientFrame,
  LaunchTrade,
  MAX_FRAME_BYTES,
  WEB_SHELL_IPC_PATH,
  WEB_SHELL_LAUNCH_PARAM,
  WEB_SHELL_LAUNCH_PATH,
  WEB_SHELL_TOKEN_PARAM,
  type LaunchGrant,
  type ServerFrame,
} from '../../src-shared/ipc/wire.js';
import { IpcError } from '../../src-shared/ipc/errors.js';
import type { BackOffice } from '../back-office.js';
import { PAGE_SECURITY_HEADERS } from '../../src-shared/web/page-security.js';
import { createStaticHandler } from './static-files.js';

export interface WebShellHostOptions {
  readonly backOffice: BackOffice;
  readonly rendererDir: string;
  readonly port?: number;
  /** The clock that ages launch codes; the system clock otherwise. */
  readonly now?: () => number;
}

export interface WebShellHost {
  readonly origin: string;
  /**
   * A fresh address to open, with a new one-time launch code in its fragment (which browsers never send to a
   * server). Each call mints a code of its own; an unused one expires after LAUNCH_CODE_TTL_MS.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

/** Long enough for a cold Chromium start on a loaded laptop; the page trades the code within seconds of that. */
export const LAUNCH_CODE_TTL_MS = 2 * 60_000;
/** A launch request is a code of a few dozen bytes; anything longer is not one. */
const MAX_LAUNCH_BODY_BYTES = 1024;

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function refuse(socket: Socket, status: 401 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function readSmallBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_LAUNCH_BODY_BYTES) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

export async function startWebShellHost(options: WebShellHostOptions): Promise<WebShellHost> {
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? Date.now;
  /** Unused launch codes and when each stops being accepted. A code leaves the map when it is traded. */
  const launchCodes = new Map<string, number>();
  const serveStatic = createStaticHandler(options.rendererDir, PAGE_SECURITY_HEADERS);
  let origin = '';
  let host = '';

  const redeem = (code: string): boolean => {
    for (const [known, expiresAt] of launchCodes) if (expiresAt <= now()) launchCodes.delete(known);
    // Map lookup by a 256-bit random key: comparing it leaks nothing an attacker could use to guess one.
    if (!launchCodes.has(code)) return false;
    launchCodes.delete(code);
    return true;
  };

  const tradeLaunchCode = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Only the app's own page trades codes: no other web page in the same browser may obtain the token.
    if (request.method !== 'POST' || request.headers.origin !== origin) {
      request.resume();
      response.writeHead(403, { 'Cache-Control': 'no-store', 'Content-Length': 0 }).end();
      return;
    }
    const body = await readSmallBody(request);
    let trade: LaunchTrade | null = null;
    try {
      trade = body === null ? null : LaunchTrade.parse(JSON.parse(body));
    } catch {
      trade = null;
    }
    if (!trade || !redeem(trade.code)) {
      // Used, expired, unknown or malformed: one answer for all, and no token.
      response.writeHead(401, { 'Cache-Control': 'no-store', 'Content-Length': 0 }).end();
      return;
    }
    const grant: LaunchGrant = { token };
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(grant));
  };

  const server = createServer((request, response) => {
    if (request.headers.host !== host) {
      response.writeHead(421).end();
      return;
    }
    const handle = new URL(request.url ?? '/', origin).pathname === WEB_SHELL_LAUNCH_PATH ? tradeLaunchCode : serveStatic;
    void handle(request, response).catch(() => response.writeHead(500).end());
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const { router, events } = options.backOffice;

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== WEB_SHELL_IPC_PATH) return refuse(socket, 404, 'Not Found');
    if (request.headers.host !== host || request.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get(WEB_SHELL_TOKEN_PARAM) ?? '', token)) return refuse(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      let frame: ClientFrame;
      try {
        frame = ClientFrame.parse(JSON.parse(isBinary ? '' : data.toString()));
      } catch {
        // Without a valid frame there is no call id to answer; a page that sends garbage is closed.
        ws.close(1008, 'invalid frame');
        return;
      }
      void router
        .dispatch(frame.method, frame.payload, { transport: 'web', authenticated: true })
        .then((result) => send(ws, { kind: 'result', id: frame.id, result }))
        .catch((cause: unknown) =>
          send(ws, { kind: 'result', id: frame.id, result: { ok: false, error: new IpcError('SERVICE_FAILED', String(cause)).toJSON() } }),
        );
    });
  });

  const detach = events.attach((name, payload) => {
    for (const ws of sockets.clients) send(ws, { kind: 'event', name, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    origin,
    launchUrl() {
      const code = randomBytes(32).toString('base64url');
      launchCodes.set(code, now() + LAUNCH_CODE_TTL_MS);
      return `${origin}/#${WEB_SHELL_LAUNCH_PARAM}=${code}`;
    },
    async close() {
      detach();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() waits for every open connection; a browser tab still holding one would keep the host alive.
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The web shell: the back office's router served over a WebSocket on 127.0.0.1, next to the built renderer,
 * for machines without an Electron binary (and for the browser tests). A connection is accepted only
 *  - on the loopback interface, with the exact Host header (guards against DNS rebinding),
 *  - from the host's own origin (other web pages in the same browser cannot connect),
 *  - with the random per-launch token (other local users and processes without it cannot connect).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrame, MAX_FRAME_BYTES, WEB_SHELL_IPC_PATH, WEB_SHELL_TOKEN_PARAM, type ServerFrame } from '../../src-shared/ipc/wire.js';
import { IpcError } from '../../src-shared/ipc/errors.js';
import type { BackOffice } from '../back-office.js';
import { PAGE_SECURITY_HEADERS } from '../../src-shared/web/page-security.js';
import { createStaticHandler } from './static-files.js';

export interface WebShellHostOptions {
  readonly backOffice: BackOffice;
  readonly rendererDir: string;
  readonly port?: number;
  /** For tests only; a random 256-bit token otherwise. */
  readonly token?: string;
}

export interface WebShellHost {
  readonly origin: string;
  readonly token: string;
  /** The address to open: the token travels in the fragment, which browsers never send to a server. */
  readonly url: string;
  close(): Promise<void>;
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function refuse(socket: Socket, status: 401 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebShellHost(options: WebShellHostOptions): Promise<WebShellHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const serveStatic = createStaticHandler(options.rendererDir, PAGE_SECURITY_HEADERS);
  let origin = '';
  let host = '';

  const server = createServer((request, response) => {
    if (request.headers.host !== host) {
      response.writeHead(421).end();
      return;
    }
    void serveStatic(request, response).catch(() => response.writeHead(500).end());
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
    token,
    url: `${origin}/#${WEB_SHELL_TOKEN_PARAM}=${token}`,
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

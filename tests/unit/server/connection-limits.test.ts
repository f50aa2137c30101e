/**
 * M2 of issue 13: HTTP connection caps and slow-header timeouts of the real server. One address (127.0.0.3) opens
 * sockets and sends its headers never to the end; beyond its cap it is answered 503 at once, the sockets under it
 * are cut when `headersTimeoutMs` runs out, and a client at another address (127.0.0.1) is served all along.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src-shared/http/server-config.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const PER_IP = 20;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { http: { maxConnectionsPerIp: PER_IP, headersTimeoutMs: 1000, requestTimeoutMs: 2000 } } });
});
afterAll(async () => t?.close());

interface SlowClient {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  ended: Promise<string>;
}

function slowHeaders(from: string): Promise<SlowClient> {
  const { port } = new URL(t.url);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from }, () => {
      // A request line and one header, and then nothing: the slow-loris of the review.
      socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      resolve({ socket, ended });
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    const ended = new Promise<string>((done) => socket.once('close', () => done(received)));
  });
}

describe('HTTP connection caps (issue 13, M2)', () => {
  it('answers 503 beyond the cap per address and cuts slow headers after the timeout', async () => {
    const flood = await Promise.all(Array.from({ length: PER_IP + 30 }, () => slowHeaders('127.0.0.3')));
    const answers = await Promise.all(flood.map((client) => client.ended));
    const refused = answers.filter((text) => text.startsWith('HTTP/1.1 503'));
    const timedOut = answers.filter((text) => !text.startsWith('HTTP/1.1 503'));
    expect(refused).toHaveLength(30);
    expect(refused[0]).toContain('Retry-After: 5');
    expect(refused[0]).toContain('Zu viele Verbindungen');
    // Those under the cap were held only until their headers were overdue (Node answers 408, or just closes).
    expect(timedOut).toHaveLength(PER_IP);
    for (const text of timedOut) expect(text === '' || text.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('keeps serving another address while one address holds all its sockets', async () => {
    const flood = await Promise.all(Array.from({ length: PER_IP + 5 }, () => slowHeaders('127.0.0.4')));
    const health = await fetch(`${t.url}/api/v1/health`);
    expect(health.status).toBe(200);
    for (const client of flood) client.socket.destroy();
    await Promise.all(flood.map((client) => client.ended));
  });

  it('has documented defaults and refuses a header timeout that is not below the request timeout', () => {
    const http = ServerConfig.parse({}).http;
    expect(http).toMatchObject({ maxConnections: 4096, maxConnectionsPerIp: 256, headersTimeoutMs: 10_000, requestTimeoutMs: 20_000 });
    expect(ServerConfig.safeParse({ http: { headersTimeoutMs: 20_000, requestTimeoutMs: 20_000 } }).success).toBe(false);
  });
});

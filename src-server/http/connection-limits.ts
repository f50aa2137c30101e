/**
 * Caps on open TCP connections to the server, per client address and in total, so one host that opens
 * connections by the thousand (idle, or sending its headers a byte at a time) cannot take the sockets and memory
 * the counsellors' rooms need. A connection over a cap is answered `503` with `Retry-After` and closed at once;
 * it never reaches the HTTP parser's request handling or a WebSocket upgrade.
 *
 * Per address only where the TCP peer is the client: behind a reverse proxy (`trustProxy`) every connection comes
 * from the proxy, which must limit per client itself; the total still holds. WebSocket caps by the client's own
 * address live with the signalling hub, which knows it from X-Forwarded-For.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  readonly maxConnections: number;
  /** null: no cap per address (behind a proxy). */
  readonly maxConnectionsPerIp: number | null;
}

const REFUSAL_BODY = 'Zu viele Verbindungen. Bitte in einigen Sekunden erneut versuchen.';
const REFUSAL = `HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`;
/** A refused peer that does not close its side is cut off after this. */
const REFUSED_LINGER_MS = 2000;

/** Installs the caps; returns the sockets it refused, which the request and upgrade handlers must leave alone. */
export function limitConnections(server: Server, limits: ConnectionLimits): { isRefused(socket: Socket): boolean } {
  const refused = new WeakSet<Socket>();
  const perIp = new Map<string, number>();
  let open = 0;

  // First in line, before the HTTP server's own listener reads from the socket.
  server.prependListener('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? 'unbekannt';
    const fromIp = perIp.get(ip) ?? 0;
    if (open >= limits.maxConnections || (limits.maxConnectionsPerIp !== null && fromIp >= limits.maxConnectionsPerIp)) {
      refused.add(socket);
      socket.on('error', () => socket.destroy());
      socket.setTimeout(REFUSED_LINGER_MS, () => socket.destroy());
      socket.end(REFUSAL);
      return;
    }
    open += 1;
    perIp.set(ip, fromIp + 1);
    socket.once('close', () => {
      open -= 1;
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
  });
  return { isRefused: (socket) => refused.has(socket) };
}

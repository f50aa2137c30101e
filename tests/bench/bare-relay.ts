/**
 * The baseline of `npm run bench:signalling`, in a process of its own like the server under test: a bare `ws`
 * server that forwards every frame to the other socket, unread — the floor any relay has to pay. Prints
 * `{"url": …, "pid": …}` once listening; ends on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });
const sockets: WebSocket[] = [];
wss.on('connection', (ws) => {
  sockets.push(ws);
  // Only open peers: a socket of the previous call (bench:call) may still be closing.
  ws.on('message', (data, isBinary) => sockets.find((other) => other !== ws && other.readyState === other.OPEN)?.send(data, { binary: isBinary }));
  ws.on('close', () => sockets.splice(sockets.indexOf(ws), 1));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => {
  wss.close();
  server.close(() => process.exit(0));
});

/**
 * The desktop client's signalling connection (main process, plain Node): the shared client
 * (src-shared/signalling/client.ts) on a `ws` socket and Node's timers. The tests and benchmarks use it too.
 */
import WebSocket from 'ws';
import { SignallingClient as SharedSignallingClient, type SignallingClientOptions as SharedOptions, type SignallingTransport, type Timers } from '../../../src-shared/signalling/client.js';
import type { HelloAuth } from '../../../src-shared/signalling/messages.js';

export interface SignallingClientOptions extends SharedOptions {
  /** The desktop starts every call afresh: resuming is the client's own business after a drop. */
  readonly auth: Exclude<HelloAuth, { kind: 'resume' }>;
  /** Headers for the upgrade request (e.g. a proxy's), never the bearer token: that goes in `hello`. */
  readonly headers?: Record<string, string>;
}

const nodeTimers: Timers = {
  setTimeout,
  clearTimeout,
  // Heartbeats alone must not keep the process (a test run, a CLI) alive.
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval,
};

function nodeTransport(headers: Record<string, string>): SignallingTransport {
  return {
    timers: nodeTimers,
    openSocket(url, events) {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      ws.on('open', () => events.open());
      ws.on('message', (data) => events.message(String(data)));
      ws.on('close', (code) => events.close(code));
      ws.on('error', () => {
        // 'close' follows every 'error' in ws; handled there. Without a listener the error would crash the process.
      });
      return {
        get readyState() {
          return ws.readyState;
        },
        send: (text) => ws.send(text),
        // Nobody waits for the server any more: no closing handshake.
        close: () => ws.terminate(),
      };
    },
  };
}

export class SignallingClient extends SharedSignallingClient {
  constructor(options: SignallingClientOptions) {
    super(options, nodeTransport(options.headers ?? {}));
  }
}

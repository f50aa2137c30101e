/**
 * The signalling connection of a browser participant (the guest page): the shared client
 * (src-shared/signalling/client.ts) on the browser's WebSocket and timers, offered as the call's `CallSignalling`.
 */
import { SignallingClient, type SignallingClientOptions, type SignallingTransport } from '../../src-shared/signalling/client.js';
import type { ServerMessage, SignalData } from '../../src-shared/signalling/messages.js';
import type { CallSignalling, SignallingState } from './call-signalling.js';

export { SignallingError } from '../../src-shared/signalling/client.js';

const browserTransport: SignallingTransport = {
  timers: globalThis,
  openSocket(url, events) {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => events.open());
    ws.addEventListener('message', (event) => events.message(String(event.data)));
    ws.addEventListener('close', (event) => events.close(event.code));
    return ws;
  },
};

export class BrowserSignalling extends SignallingClient implements CallSignalling {
  /** `serverUrl`: the guest page passes its own `location.origin`. */
  constructor(options: SignallingClientOptions) {
    super(options, browserTransport);
  }

  signal(to: string, data: SignalData): void {
    this.sendIfOpen({ type: 'signal', to, data });
  }

  refreshIce(): void {
    this.sendIfOpen({ type: 'ice.refresh' });
  }

  onMessage(listener: (message: ServerMessage) => void): () => void {
    return this.on('message', listener);
  }

  onState(listener: (state: SignallingState) => void): () => void {
    return this.on('state', listener);
  }
}

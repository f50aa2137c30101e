/**
 * The renderer-facing bridge, built on a transport that only moves raw results: the preload (Electron IPC)
 * and the web-shell client (loopback WebSocket) both provide a `BridgeTransport`; `createBridge` turns it into
 * the typed API, so neither the renderer nor the tests know which shell is underneath.
 */
import {
  eventNames,
  events,
  methodNames,
  methods,
  type BeratungsraumBridge,
  type EventName,
  type MethodName,
} from './contract.js';
import { IpcError } from './errors.js';
import { IpcResult } from './result.js';

/** Exactly the contract's names, nothing else: what the preload exposes on `window.beratungsraum`. */
export interface BridgeTransport {
  readonly call: { readonly [M in MethodName]: (payload: unknown) => Promise<IpcResult> };
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds a transport's `call` table from the contract, so no transport can expose more or fewer names. */
export function transportCalls(send: (method: MethodName, payload: unknown) => Promise<IpcResult>): BridgeTransport['call'] {
  return Object.freeze(Object.fromEntries(methodNames.map((name) => [name, (payload: unknown) => send(name, payload)]))) as BridgeTransport['call'];
}

export function createBridge(transport: BridgeTransport): BeratungsraumBridge {
  const call = Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (request: unknown) => {
        const raw = IpcResult.parse(await transport.call[name](request));
        if (!raw.ok) throw IpcError.from(raw.error);
        // The back office validated its reply already; parsing again here keeps a compromised or outdated
        // back office from handing the UI shapes it does not expect.
        const reply = methods[name].reply.safeParse(raw.value);
        if (!reply.success) throw new IpcError('INVALID_REPLY', `Antwort von „${name}“ hat ein unerwartetes Format.`);
        return reply.data;
      },
    ]),
  ) as BeratungsraumBridge['call'];

  return {
    call,
    on(event, listener) {
      if (!eventNames.includes(event)) throw new IpcError('UNKNOWN_CHANNEL', `Unbekanntes Ereignis „${String(event)}“.`);
      return transport.on(event, (payload) => {
        const parsed = events[event].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}

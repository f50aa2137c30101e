/**
 * The renderer's one door to the back office. `initBridge` runs once before the UI renders; afterwards
 * `bridge` is the typed contract, whichever shell provided it.
 */
import { createBridge, type BridgeTransport } from '../../src-shared/ipc/bridge.js';
import type { BeratungsraumBridge } from '../../src-shared/ipc/contract.js';
import { IpcError } from '../../src-shared/ipc/errors.js';
import { connectWebShell, obtainWebShellToken } from './web-shell-transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    readonly beratungsraum?: BridgeTransport;
  }
}

let current: BeratungsraumBridge | null = null;

export const bridge: BeratungsraumBridge = {
  get call() {
    if (!current) throw new Error('initBridge() must run before the bridge is used');
    return current.call;
  },
  on(event, listener) {
    if (!current) throw new Error('initBridge() must run before the bridge is used');
    return current.on(event, listener);
  },
};

/** Resolves when the back office is reachable; rejects with an IpcError that the start screen shows. */
export async function initBridge(onDisconnect: () => void): Promise<void> {
  if (window.beratungsraum) {
    current = createBridge(window.beratungsraum);
    return;
  }
  const token = await obtainWebShellToken(window.location, window.sessionStorage, window.history);
  if (!token) {
    throw new IpcError(
      'FORBIDDEN_SENDER',
      'Diese Seite wurde ohne gültigen Zugangsschlüssel geöffnet. Eine Startadresse gilt nur für ein Fenster. Bitte den Beratungsraum mit „npm start“ starten und die angezeigte Adresse verwenden.',
    );
  }
  const connection = await connectWebShell(window.location.origin, token);
  void connection.closed.then(onDisconnect);
  current = createBridge(connection.transport);
}

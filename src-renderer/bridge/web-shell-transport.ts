/**
 * The web shell's transport: the same contract as the preload, over a WebSocket to the loopback host.
 * The host only accepts the connection with its per-launch session token. The page learns it by trading the
 * one-time launch code from the URL fragment (never sent to any server) with the host, and keeps it in
 * sessionStorage for reloads of this tab only.
 */
import {
  type ClientFrame,
  LaunchGrant,
  ServerFrame,
  WEB_SHELL_IPC_PATH,
  WEB_SHELL_LAUNCH_PARAM,
  WEB_SHELL_LAUNCH_PATH,
  WEB_SHELL_TOKEN_PARAM,
} from '../../src-shared/ipc/wire.js';
import { transportCalls, type BridgeTransport } from '../../src-shared/ipc/bridge.js';
import { isEventName, type EventName } from '../../src-shared/ipc/contract.js';
import { IpcError } from '../../src-shared/ipc/errors.js';
import type { IpcResult } from '../../src-shared/ipc/result.js';

const TOKEN_KEY = 'beratungsraum.webShellToken';

/**
 * Takes the launch code from `#launch=…`, removes it from the address bar, trades it for the session token and
 * remembers that for this tab. A used or expired code gets nothing; a reload of this tab uses the token it kept.
 */
export async function obtainWebShellToken(location: Location, storage: Storage, history: History): Promise<string | null> {
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get(WEB_SHELL_LAUNCH_PARAM);
  if (code) {
    history.replaceState(null, '', location.pathname + location.search);
    const response = await fetch(WEB_SHELL_LAUNCH_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    }).catch(() => null);
    const grant = response?.ok ? LaunchGrant.safeParse(await response.json().catch(() => null)) : null;
    if (grant?.success) {
      storage.setItem(TOKEN_KEY, grant.data.token);
      return grant.data.token;
    }
  }
  return storage.getItem(TOKEN_KEY);
}

type Pending = { resolve: (result: IpcResult) => void };

export interface WebShellConnection {
  readonly transport: BridgeTransport;
  /** Resolves once, when the socket closes for good. */
  readonly closed: Promise<void>;
}

export function connectWebShell(origin: string, token: string): Promise<WebShellConnection> {
  const url = new URL(WEB_SHELL_IPC_PATH, origin.replace(/^http/, 'ws'));
  url.searchParams.set(WEB_SHELL_TOKEN_PARAM, token);
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 0;

  const disconnected = (): IpcResult => ({
    ok: false,
    error: new IpcError('DISCONNECTED', 'Die Verbindung zum Hintergrunddienst ist unterbrochen. Bitte die Anwendung neu starten.').toJSON(),
  });

  const closed = new Promise<void>((resolve) => {
    socket.addEventListener('close', () => {
      for (const call of pending.values()) call.resolve(disconnected());
      pending.clear();
      resolve();
    });
  });

  socket.addEventListener('message', (message) => {
    let frame: ServerFrame;
    try {
      frame = ServerFrame.parse(JSON.parse(String(message.data)));
    } catch {
      return; // The host only sends valid frames; anything else is dropped, not trusted.
    }
    if (frame.kind === 'result') {
      pending.get(frame.id)?.resolve(frame.result);
      pending.delete(frame.id);
    } else if (isEventName(frame.name)) {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
    }
  });

  const transport: BridgeTransport = {
    call: transportCalls(
      (method, payload) =>
        new Promise<IpcResult>((resolve) => {
          if (socket.readyState !== WebSocket.OPEN) return resolve(disconnected());
          const id = nextId++;
          pending.set(id, { resolve });
          const frame: ClientFrame = { kind: 'call', id, method, payload };
          socket.send(JSON.stringify(frame));
        }),
    ),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve({ transport, closed }), { once: true });
    socket.addEventListener(
      'close',
      () => reject(new IpcError('FORBIDDEN_SENDER', 'Der Hintergrunddienst hat die Verbindung abgelehnt. Bitte die Web-Shell über „npm start“ neu öffnen.')),
      { once: true },
    );
  });
}

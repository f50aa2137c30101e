/**
 * The preload runs sandboxed with context isolation: it exposes exactly the contract's methods and event
 * subscriptions on `window.beratungsraum`, never `ipcRenderer` itself (Electron security checklist, item 20:
 * https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content).
 */
import '../src-shared/zod-jitless.js';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, ipcChannel, ipcEventChannel } from '../src-shared/ipc/contract.js';
import { transportCalls, type BridgeTransport } from '../src-shared/ipc/bridge.js';
import type { IpcResult } from '../src-shared/ipc/result.js';

const transport: BridgeTransport = {
  call: transportCalls((method, payload) => ipcRenderer.invoke(ipcChannel(method), payload) as Promise<IpcResult>),
  on(event, listener) {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    // Wrap the listener so the page never receives Electron's event object (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcEventChannel(event), wrapped);
    return () => ipcRenderer.removeListener(ipcEventChannel(event), wrapped);
  },
};

contextBridge.exposeInMainWorld('beratungsraum', transport);

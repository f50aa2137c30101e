/** Electron IPC as a transport for the one router: one `handle` per contract method, events to every window. */
import { BrowserWindow, ipcMain } from 'electron';
import { ipcChannel, ipcEventChannel, methodNames } from '../../src-shared/ipc/contract.js';
import type { BackOffice } from '../back-office.js';

export function attachIpc(backOffice: BackOffice): () => void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) =>
      backOffice.router.dispatch(name, payload, {
        transport: 'electron',
        frameUrl: event.senderFrame?.url ?? '',
        isMainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
      }),
    );
  }
  const detach = backOffice.events.attach((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(ipcEventChannel(name), payload);
  });
  return () => {
    detach();
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel(name));
  };
}

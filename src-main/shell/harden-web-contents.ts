/**
 * Applied to every webContents the app ever creates: no new windows, no navigation away from the app, no
 * <webview>. External https links open in the system browser and mailto links in the mail program; everything
 * else is dropped.
 * (Electron security checklist items 13–15.)
 */
import { shell, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './app-origin.js';

export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

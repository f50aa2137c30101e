/**
 * System notifications of the Electron shell (a guest waiting, services/waiting): shown through Electron's
 * Notification, a click brings the window to the front. The web shell has none; its page plays its own cue.
 */
import { app, Notification, type BrowserWindow } from 'electron';
import type { Notice } from '../services/waiting/arrival-notice.js';
import { APP_USER_MODEL_ID } from './app-origin.js';

export function createNotifier(window: () => BrowserWindow | null): (notice: Notice) => void {
  // Windows shows a desktop app's notifications only under its AppUserModelID.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // Held until closed: a notification Electron has garbage-collected no longer delivers its click.
  const open = new Set<Notification>();
  return (notice) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    open.add(notification);
    notification.on('click', () => {
      const target = window();
      if (!target) return;
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
    });
    notification.on('close', () => open.delete(notification));
    notification.show();
  };
}

/**
 * electron-updater for the back office's update controller (services/updates/update-controller.ts), which
 * configures the feed from the managed settings and routes electron-updater's log into the redacted log.
 * Only a packaged app updates itself; run from source there is no installer to replace.
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdaterPort } from '../services/updates/update-controller.js';

export function electronUpdaterPort(): { updater: UpdaterPort | null; unsupportedReason?: string } {
  if (!app.isPackaged) {
    return { updater: null, unsupportedReason: 'Aus dem Quellcode gestartet: Updates gibt es nur für die installierte Anwendung.' };
  }
  // CommonJS package: its `autoUpdater` getter picks the updater for this platform (NSIS, AppImage, deb).
  const updater: UpdaterPort = electronUpdater.autoUpdater;
  return { updater };
}

/**
 * Window and screen sharing in Electron through the app's own picker: Electron has no picker of its own, and the
 * operating system's (`useSystemPicker`) offers the whole screen first. Ours lists windows first and preselects
 * one, because a whole screen shows mail, other customers' files and notifications (BA data protection).
 * Only the app's own pages may ask; the answer comes from the renderer (src-main/services/session/display-picker.ts).
 */
import { desktopCapturer, type Session } from 'electron';
import type { DisplaySource } from '../../src-shared/ipc/features/session.js';
import type { DisplayPicker } from '../services/session/display-picker.js';
import { isAppUrl } from './app-origin.js';

export function installDisplayMediaPicker(session: Session, picker: DisplayPicker): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      void (async () => {
        if (!request.frame || !isAppUrl(request.frame.url) || !request.videoRequested) return callback({});
        const sources = await desktopCapturer.getSources({ types: ['window', 'screen'], thumbnailSize: { width: 320, height: 180 } });
        const offered: DisplaySource[] = sources.map((source) => ({
          id: source.id,
          name: source.name,
          kind: source.id.startsWith('screen:') ? 'screen' : 'window',
          thumbnail: source.thumbnail.toDataURL(),
        }));
        const chosen = await picker.ask(offered);
        const source = sources.find((candidate) => candidate.id === chosen);
        // No audio: system sound could carry other conversations.
        callback(source ? { video: source } : {});
      })().catch(() => callback({}));
    },
    { useSystemPicker: false },
  );
}

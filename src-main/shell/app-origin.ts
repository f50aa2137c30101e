/**
 * The app's own origin. The renderer is served from a privileged custom scheme rather than file://, as the
 * Electron security checklist advises (item 18), so its origin is stable and distinguishable from anything else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'beratungsraum';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
/**
 * The app's name towards Windows (AppUserModelID), which files its notifications under it. The installer puts
 * electron-builder's `appId` on the shortcut; the same id at run time lets a started checkout notify too
 * (tests/unit/build/fuses.test.ts keeps the two equal).
 */
export const APP_USER_MODEL_ID = 'de.arbeitsagentur.beratungsraum';

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The one trusted IPC sender: the app's own top-level frame (never an iframe, never another origin). */
export const isTrustedFrame = (frameUrl: string, isMainFrame: boolean): boolean => isMainFrame && isAppUrl(frameUrl);

/**
 * Links that may leave the app for the system's handler: https (the browser) and mailto (the mail program, for
 * sending a guest link); no file:, smb:, javascript: or custom schemes.
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/**
 * The renderer's webPreferences. `Required<Pick<…>>` makes every security-relevant setting explicit: adding one
 * to the list forces a decision, and none silently keeps Electron's default.
 */
import type { WebPreferences } from 'electron';

type SecuritySettings = Required<
  Pick<
    WebPreferences,
    | 'contextIsolation'
    | 'sandbox'
    | 'nodeIntegration'
    | 'nodeIntegrationInWorker'
    | 'nodeIntegrationInSubFrames'
    | 'webSecurity'
    | 'allowRunningInsecureContent'
    | 'experimentalFeatures'
    | 'webviewTag'
    | 'navigateOnDragDrop'
    | 'safeDialogs'
    | 'spellcheck'
  >
>;

export const securitySettings: SecuritySettings = {
  // The preload's world is separate from the page's: the page cannot reach Electron or Node through it.
  contextIsolation: true,
  // The renderer runs in Chromium's OS sandbox; the preload gets only a minimal, polyfilled `require`.
  sandbox: true,
  // No Node in the page, its workers or its frames: a script injection must not become code execution.
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  // Same-origin policy stays on.
  webSecurity: true,
  // No http content inside the app's secure origin.
  allowRunningInsecureContent: false,
  // Experimental Blink features widen the attack surface for nothing we need.
  experimentalFeatures: false,
  // <webview> could embed arbitrary content with its own preferences.
  webviewTag: false,
  // Dropping a file or link onto the window must not navigate away from the app.
  navigateOnDragDrop: false,
  // A page that spams dialogs can be stopped by the user.
  safeDialogs: true,
  // German spell-checking in the note editor (Chromium's own dictionaries; languages set on the session).
  spellcheck: true,
};

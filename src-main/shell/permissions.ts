/**
 * Default-deny permission table. Every permission Electron knows has a row (the type is exhaustive), so a new
 * one added by an Electron upgrade fails to compile until someone decides about it.
 */
import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
export type Permission = Parameters<PermissionRequestHandler>[1];

/** `own-origin`: granted to the app's own pages only; `deny`: never. */
type Rule = 'own-origin' | 'deny';

export const permissionTable: Readonly<Record<Permission, Rule>> = {
  media: 'own-origin', // camera and microphone: calls and the device readiness check
  'display-capture': 'own-origin', // screen/window sharing in a consultation (with the app's own picker)
  'screen-wake-lock': 'own-origin', // keep the display awake during a call
  'speaker-selection': 'own-origin', // choose the headset as output in the pre-join screen
  fullscreen: 'own-origin', // enlarge the call view
  'clipboard-sanitized-write': 'own-origin', // copy a guest link to send it to the customer
  ar: 'deny', // no use
  'automatic-fullscreen': 'deny', // fullscreen only on a user gesture
  'background-fetch': 'deny', // no background network activity
  'background-sync': 'deny', // sync runs in the main process, not in service workers
  'captured-surface-control': 'deny', // no scrolling/zooming of other apps' windows
  'clipboard-read': 'deny', // reading the clipboard could leak other customers' data
  'deprecated-sync-clipboard-read': 'deny', // as above
  fileSystem: 'deny', // files go through the contract, never the File System Access API
  geolocation: 'deny', // location of a counsellor in Mobilarbeit is nobody's business
  'geolocation-approximate': 'deny', // as above
  'hand-tracking': 'deny', // no use
  hid: 'deny', // no device access beyond camera and microphone
  'idle-detection': 'deny', // auto-lock uses the main process's own idle time
  keyboardLock: 'deny', // the user must always be able to leave
  'local-fonts': 'deny', // fingerprinting surface, no use
  'local-network': 'deny', // no scanning of the local network
  'local-network-access': 'deny', // as above
  'loopback-network': 'deny', // as above
  mediaKeySystem: 'deny', // no DRM content
  midi: 'deny', // no use
  midiSysex: 'deny', // no use
  nfc: 'deny', // no use
  notifications: 'deny', // the app shows its own in-window notices
  openExternal: 'deny', // external links go through the window-open handler (https only)
  'payment-handler': 'deny', // no use
  'periodic-background-sync': 'deny', // no background activity
  'persistent-storage': 'deny', // data lives in the encrypted store, not in web storage
  pointerLock: 'deny', // no use
  sensors: 'deny', // fingerprinting surface, no use
  serial: 'deny', // no device access beyond camera and microphone
  'smart-card': 'deny', // no use
  'storage-access': 'deny', // no third-party content to grant storage to
  'system-wake-lock': 'deny', // the screen wake lock is enough
  'top-level-storage-access': 'deny', // as storage-access
  usb: 'deny', // no device access beyond camera and microphone
  vr: 'deny', // no use
  'web-app-installation': 'deny', // the app is installed by IT, not by itself
  'web-printing': 'deny', // printing goes through the normal print dialog
  'window-management': 'deny', // the app's own screen picker handles windows
  unknown: 'deny', // anything Electron cannot name
};

export const isPermissionGranted = (permission: Permission, requestingUrl: string): boolean =>
  permissionTable[permission] === 'own-origin' && isAppUrl(requestingUrl);

export function applyPermissionTable(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl ?? webContents.getURL())),
  );
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  // WebHID/WebUSB/Web Serial device access: never (see the rows above).
  session.setDevicePermissionHandler(() => false);
}

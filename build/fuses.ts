/**
 * Electron fuses of the packaged app (https://www.electronjs.org/docs/latest/tutorial/fuses). `Required<…>`
 * makes the table exhaustive: a fuse added by an electron-builder upgrade does not compile until it is decided.
 * electron-builder reads the same values from electron-builder.yml; a unit test keeps the two identical.
 */
import type { FuseOptionsV1 } from 'app-builder-lib/out/configuration.js';

export const fuses: Required<FuseOptionsV1> = {
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general Node interpreter.
  runAsNode: false,
  // Chromium's cookie store encrypted with the OS key, like Chrome's.
  enableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect would let anyone on the machine attach a debugger to the main process and read decrypted notes.
  enableNodeCliInspectArguments: false,
  // The app.asar is checked against the hash in the signed binary (Windows and macOS).
  enableEmbeddedAsarIntegrityValidation: true,
  // Together with the integrity check: only the validated app.asar can be loaded.
  onlyLoadAppFromAsar: true,
  // No separate browser-process snapshot is built.
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, so file:// needs none of its legacy extra privileges.
  grantFileProtocolExtraPrivileges: false,
  // Only for macOS arm64 ad-hoc signatures; the app ships signed for Windows and Linux.
  resetAdHocDarwinSignature: false,
};

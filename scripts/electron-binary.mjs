// Where the Electron binary is, and how to get it. Only `npm start` asks for the download (downloadElectron):
// `require('electron')` would download silently on first use, and tests and tools must never reach for the network.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The executable inside an Electron dist folder, as the `electron` package's install.js names it. */
const executableOf = { linux: 'electron', win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** @returns {{ path: string, version: string } | { missing: string }} */
export function findElectronBinary() {
  const packageDir = electronPackageDir();
  if (!packageDir) return { missing: 'das npm-Paket „electron“ ist nicht installiert (npm ci)' };
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : executableOf[process.platform];
  const path = join(override ?? join(packageDir, 'dist'), executable ?? 'electron');
  if (existsSync(path)) return { path, version };
  return override
    ? { missing: `ELECTRON_OVERRIDE_DIST_PATH zeigt auf ${override}, dort fehlt ${executable}` }
    : { missing: `das Electron-Binary ${version} ist nicht heruntergeladen (${path} fehlt)` };
}

/**
 * Runs the `electron` package's own installer: it takes the zip from Electron's download cache
 * (~/.cache/electron or $electron_config_cache) when it is there, and downloads it otherwise.
 * @returns {boolean} whether it succeeded
 */
export function downloadElectron() {
  const packageDir = electronPackageDir();
  if (!packageDir) return false;
  const run = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit', timeout: 10 * 60_000 });
  return run.status === 0;
}

/** What to do where the binary cannot be had, for the message that falls back to the web shell. */
export const howToGetElectron = [
  'Abhilfe: mit Internetzugang `npm start` erneut aufrufen (lädt das Binary einmalig herunter),',
  'oder ELECTRON_OVERRIDE_DIST_PATH auf einen entpackten Electron-Ordner derselben Version setzen,',
  'oder die Zip-Datei von Electron in den Download-Cache (~/.cache/electron) legen.',
].join('\n  ');

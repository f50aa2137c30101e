// Where the Electron binary is, without triggering the `electron` package's download on first use
// (`require('electron')` would try to download it, which cannot work on a machine without internet).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'das npm-Paket „electron“ ist nicht installiert' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { missing: 'das Electron-Binary wurde nie heruntergeladen (kein Internetzugang)' };
  }
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = join(distDir, executable);
  return existsSync(path) ? { path } : { missing: `${path} fehlt` };
}

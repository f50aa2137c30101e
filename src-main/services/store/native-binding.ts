/**
 * Which compiled SQLite3MultipleCiphers the running runtime loads. Node (the tests, the web shell) and Electron
 * have different native ABIs, so one checkout keeps both builds side by side inside the package: `build/Release`
 * is Node's (made by `npm ci`), `build/electron-v<ABI>/` is Electron's (made by `npm run native:electron`, which
 * `npm start` runs when it is missing). Neither replaces the other, so nobody has to rebuild back and forth.
 * A packaged app has no such folder: electron-builder rebuilt `build/Release` for Electron, the default binding.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

/** The package folder, found the way `import` finds it. */
export const sqlitePackageDir = (): string => dirname(createRequire(import.meta.url).resolve(`${SQLITE_PACKAGE}/package.json`));

/** Where the build for one Electron ABI (`process.versions.modules` inside Electron) lives. */
export const electronBuildFile = (abi: string): string => join(sqlitePackageDir(), 'build', `electron-v${abi}`, 'better_sqlite3.node');

/** The `nativeBinding` option for the database: a path inside Electron when the side-by-side build exists. */
export function sqliteNativeBinding(versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  if (!versions.electron) return undefined;
  const file = electronBuildFile(versions.modules);
  return existsSync(file) ? file : undefined;
}

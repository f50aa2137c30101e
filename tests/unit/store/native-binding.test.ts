import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBuildFile, sqliteNativeBinding, sqlitePackageDir } from '../../../src-main/services/store/native-binding.js';

describe('the SQLite build each runtime loads', () => {
  it('is the package’s own build under Node, where tests and the web shell run', () => {
    expect(sqliteNativeBinding({ ...process.versions })).toBeUndefined();
  });

  it('is the side-by-side build for Electron’s ABI, inside the package next to the Node build', () => {
    expect(electronBuildFile('150')).toBe(join(sqlitePackageDir(), 'build', 'electron-v150', 'better_sqlite3.node'));
  });

  it('falls back to the package’s build in Electron without a side-by-side one (the packaged app: rebuilt for Electron)', () => {
    expect(sqliteNativeBinding({ ...process.versions, electron: '45.4.1', modules: '0-no-such-abi' })).toBeUndefined();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fuses } from '../../../build/fuses.js';
import { APP_USER_MODEL_ID } from '../../../src-main/shell/app-origin.js';

describe('electron-builder configuration', () => {
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  it('flips exactly the fuses of the exhaustive table in build/fuses.ts', () => {
    expect(config.electronFuses).toEqual(fuses);
  });

  it('names the app to Windows at run time as the installer does', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });

  it('keeps the hardening fuses off', () => {
    expect(fuses.runAsNode).toBe(false);
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses.enableNodeCliInspectArguments).toBe(false);
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('installs per machine on Windows and builds AppImage and deb on Linux', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
  });

  it('points at files that exist: the NSIS include and the ADMX templates', () => {
    expect(existsSync((config.nsis as { include: string }).include)).toBe(true);
    for (const resource of config.extraResources as { from: string }[]) expect(existsSync(resource.from), resource.from).toBe(true);
    expect(readFileSync((config.nsis as { include: string }).include, 'utf8')).toContain('/inheritance:r');
  });
});

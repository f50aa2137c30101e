/**
 * The smoke test of the real Electron app, through Playwright's `_electron`. It needs the Electron binary,
 * which the `electron` package downloads on first use; on machines without internet it is absent, and the
 * spec reports itself as skipped with that reason (the same checks run against the web shell in tests/e2e).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary() as { path: string } | { missing: string };

test.skip(!('path' in binary), `Electron binary not available: ${'missing' in binary ? binary.missing : ''}`);

test('the Electron app starts sandboxed, shows the shell and answers over IPC', async () => {
  const userData = await mkdtemp(join(tmpdir(), 'beratungsraum-electron-'));
  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: ['.', `--user-data-dir=${userData}`],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/beratungsraum\//);
    // The page has no Node and no raw ipcRenderer: only the contract.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { beratungsraum: object }).beratungsraum).sort())).toEqual(['call', 'on']);
    await window.getByRole('link', { name: 'Info', exact: true }).click();
    await expect(window.getByTestId('about-shell')).toHaveText('Desktop-Anwendung (Electron)');
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});

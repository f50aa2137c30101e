/** Opens the web shell in the system Chromium as an app window, when a display exists. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.BERATUNGSRAUM_BROWSER) return existsSync(env.BERATUNGSRAUM_BROWSER) ? env.BERATUNGSRAUM_BROWSER : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export const hasDisplay = (env: NodeJS.ProcessEnv = process.env): boolean =>
  process.platform === 'win32' || process.platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

export async function openAppWindow(browser: string, url: string): Promise<ChildProcess> {
  // A profile of its own: the user's everyday browser profile (extensions, sync) stays out of the app.
  const profile = await mkdtemp(join(tmpdir(), 'beratungsraum-browser-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    // No calls home: the BA's data stays on its own premises, and this machine has no internet anyway.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1280,800',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to start as root otherwise.
  return spawn(browser, args, { stdio: 'ignore' });
}

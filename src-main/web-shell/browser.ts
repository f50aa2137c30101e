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

/**
 * What Chromium needs from the environment to show a window, play sound and find its fonts, and nothing else: the
 * web shell's own environment may hold settings and secrets (policy file, proxy credentials) that a child has no
 * business with, and a child's environment is one more place where they could be read.
 */
const BROWSER_ENVIRONMENT = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'TZ',
  'DISPLAY',
  'XAUTHORITY',
  'WAYLAND_DISPLAY',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_DIRS',
  'XDG_SESSION_TYPE',
  'DBUS_SESSION_BUS_ADDRESS',
  'PULSE_SERVER',
  'FONTCONFIG_PATH',
];

export function browserEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(BROWSER_ENVIRONMENT.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

/** The command line of the app window; `url` must carry a one-time launch code only, as every local user can read it. */
export function appWindowArgs(url: string, profile: string, isRoot: boolean): string[] {
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
  if (isRoot) args.push('--no-sandbox'); // Chromium refuses to start as root otherwise.
  return args;
}

export async function openAppWindow(browser: string, url: string): Promise<ChildProcess> {
  // A profile of its own: the user's everyday browser profile (extensions, sync) stays out of the app.
  const profile = await mkdtemp(join(tmpdir(), 'beratungsraum-browser-'));
  return spawn(browser, appWindowArgs(url, profile, process.getuid?.() === 0), { stdio: 'ignore', env: browserEnvironment(process.env) });
}

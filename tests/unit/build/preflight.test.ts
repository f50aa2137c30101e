import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The check `npm test` runs first, run with nothing on PATH: every tool it needs is then missing. */
function preflightWithout(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['tests/preflight.mjs'], { encoding: 'utf8', env: { PATH: '/nonexistent', ...env } });
  return { status: run.status, out: run.stdout };
}

describe('the preflight of npm test', () => {
  it('names each missing tool in German and English, with the package that installs it', () => {
    const { status, out } = preflightWithout({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(status).toBe(1);
    for (const tool of ['/nonexistent/chromium', 'ffmpeg', 'turnserver', 'redis-server', 'gnome-keyring-daemon', 'dbus-daemon', 'ip']) {
      expect(out).toContain(`Fehlt: ${tool} (`);
      expect(out).toContain(`missing: ${tool} (`);
    }
    expect(out).toContain('apt-get install coturn');
    expect(out).not.toMatch(/playwright install/);
  });

  it('names only packages that .ci/run installs', () => {
    const { out } = preflightWithout({ CHROMIUM_PATH: '/nonexistent/chromium' });
    const installed = readFileSync('.ci/apt-packages.txt', 'utf8').split('\n').map((line) => line.trim());
    const named = [...out.matchAll(/apt-get install (\S+)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const pkg of named) expect(installed, pkg).toContain(pkg);
  });
});

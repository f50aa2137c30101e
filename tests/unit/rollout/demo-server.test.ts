/**
 * `npm start`'s demo server (scripts/demo-server.ts), run as start.mjs runs it: with no server configured it
 * starts one and says so in one line with the demo accounts; with a server entered by the user it stays off.
 * The app then offers the demo address in its sign-in form (the settings' default, see rollout.test.ts).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = resolve('scripts/demo-server.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
let dir: string;
const children: ReturnType<typeof spawn>[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the script in a fresh folder; resolves with the lines printed up to `DEMO_SERVER_URL=`. */
async function run(settings?: unknown): Promise<{ lines: string[]; url: string }> {
  dir = await mkdtemp(join(tmpdir(), 'br-demo-server-'));
  const profile = join(dir, 'profile');
  if (settings) {
    await mkdir(profile, { recursive: true });
    await writeFile(join(profile, 'settings.json'), JSON.stringify(settings));
  }
  const child = spawn(process.execPath, ['--import', tsx, script], {
    cwd: dir,
    env: { ...process.env, BERATUNGSRAUM_DATA_DIR: profile, BERATUNGSRAUM_POLICY_FILE: join(dir, 'keine-policy.json'), BERATUNGSRAUM_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('DEMO_SERVER_URL=')) done(line.slice('DEMO_SERVER_URL='.length));
      else lines.push(line);
    });
    child.once('exit', (code) => fail(new Error(`demo-server ended with ${code}: ${lines.join('\n')}`)));
  });
  return { lines, url };
}

describe('the demo server beside `npm start`', () => {
  it('starts when no server is configured, in one line with the demo accounts', async () => {
    const { lines, url } = await run();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Kein Server eingerichtet: Demo-Server läuft auf http:\/\/127\.0\.0\.1:\d+ .*av\.berger \/ demo-av-berger/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  }, 60_000);

  it('stays off when the user has entered a server', async () => {
    const { lines, url } = await run({ serverUrl: 'https://beratung.agentur.example' });
    expect(url).toBe('');
    expect(lines).toEqual(['Server laut Einstellungen: https://beratung.agentur.example (kein Demo-Server).']);
  }, 60_000);
});

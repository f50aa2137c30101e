// The first run's own state: finished once, stays finished; the address it offers comes from the settings.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFirstRun } from '../../../src-main/services/policy/first-run.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-firstrun-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(policy?: unknown) {
  const policyFile = join(dir, 'policy.json');
  if (policy !== undefined) {
    await writeFile(policyFile, JSON.stringify(policy));
    await chmod(policyFile, 0o644);
  }
  const settings = await openSettings({ dataDir: join(dir, 'user'), readPolicy: () => readPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: policyFile } }) });
  return { settings, firstRun: await openFirstRun({ dataDir: join(dir, 'user'), settings }) };
}

describe('first run', () => {
  it('offers the managed address, locked', async () => {
    const { firstRun } = await open({ serverUrl: 'https://beratung.agentur.example' });
    expect(firstRun.get()).toEqual({ completed: false, serverUrl: 'https://beratung.agentur.example', serverUrlLocked: true });
  });

  it('the welcome is finished once and stays finished', async () => {
    const { firstRun } = await open();
    expect(firstRun.get()).toEqual({ completed: false, serverUrl: null, serverUrlLocked: false });
    expect((await firstRun.complete()).completed).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'user', 'first-run.json'), 'utf8'))).toHaveProperty('completedAt');
    const again = await open();
    expect(again.firstRun.get().completed).toBe(true);
  });
});

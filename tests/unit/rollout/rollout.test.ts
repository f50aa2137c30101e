// The rollout services as the composition root opens them: one policy, one log, the contract handlers and events.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/ipc/contract.js';
import { createEventBus } from '../../../src-main/ipc/events.js';
import { openRollout, type Rollout } from '../../../src-main/services/policy/rollout.js';
import { POLICY_FILE_ENV } from '../../../src-main/services/policy/read-policy.js';

let dir: string;
let rollout: Rollout | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-rollout-'));
});
afterEach(async () => {
  await rollout?.close();
  rollout = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(policy: unknown, env: NodeJS.ProcessEnv = {}) {
  const policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify(policy));
  await chmod(policyFile, 0o644);
  const events = createEventBus();
  const seen: Array<[EventName, unknown]> = [];
  events.attach((name, payload) => seen.push([name, payload]));
  rollout = await openRollout({
    dataDir: join(dir, 'data'),
    shell: 'web',
    appVersion: '0.1.0',
    runtime: { electron: null, chrome: null },
    events,
    env: { [POLICY_FILE_ENV]: policyFile, ...env },
  });
  return { rollout, seen };
}

describe('rollout services', () => {
  it('serve the contract: settings with sources, change events, log level from the settings', async () => {
    const { rollout, seen } = await open({ logLevel: 'warn', screenSharingAllowed: false });
    const settings = await rollout.handlers['settings.get']({});
    expect(settings.values.screenSharingAllowed).toEqual({ value: false, source: 'policy', locked: true });
    await rollout.handlers['settings.set']({ retentionDays: 21 });
    expect(seen.filter(([name]) => name === 'settings.changed')).toHaveLength(1);

    rollout.logger.info('not.written.at.warn');
    rollout.logger.warn('written.at.warn');
    await rollout.logger.flush();
    const text = (await Promise.all((await rollout.logger.files()).map((file) => readFile(file, 'utf8')))).join('');
    expect(text).toContain('written.at.warn');
    expect(text).not.toContain('not.written.at.warn');
    expect(await rollout.handlers['updates.status']({})).toMatchObject({ state: 'unsupported' });
  });

  it('offer the demo server `npm start` runs beside the app while nobody set an address, and only then', async () => {
    const demo = { BERATUNGSRAUM_DEMO_SERVER_URL: 'http://127.0.0.1:8470' };
    const { rollout } = await open({}, demo);
    expect((await rollout.handlers['settings.get']({})).values.serverUrl).toEqual({ value: 'http://127.0.0.1:8470', source: 'default', locked: false });
    await rollout.handlers['settings.set']({ serverUrl: 'https://beratung.agentur.example' });
    expect((await rollout.handlers['settings.get']({})).values.serverUrl).toMatchObject({ value: 'https://beratung.agentur.example', source: 'user' });
    await rollout.close();
    const managed = await open({ serverUrl: 'https://verwaltet.agentur.example' }, demo);
    expect((await managed.rollout.handlers['settings.get']({})).values.serverUrl).toMatchObject({ value: 'https://verwaltet.agentur.example', source: 'policy' });
  });
});

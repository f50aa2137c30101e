// The rollout services as the composition root opens them: one policy, one log, the contract handlers and events.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/ipc/contract.js';
import { createEventBus } from '../../../src-main/ipc/events.js';
import type { Handlers } from '../../../src-main/ipc/router.js';
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

async function open(policy: unknown) {
  const policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify(policy));
  await chmod(policyFile, 0o644);
  const events = createEventBus();
  const seen: Array<[EventName, unknown]> = [];
  events.attach((name, payload) => seen.push([name, payload]));
  const signIns: string[] = [];
  rollout = await openRollout({
    dataDir: join(dir, 'data'),
    shell: 'web',
    appVersion: '0.1.0',
    runtime: { electron: null, chrome: null },
    events,
    signIn: async (serverUrl) => void signIns.push(serverUrl),
    env: { [POLICY_FILE_ENV]: policyFile },
  });
  return { rollout, seen, signIns };
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

  it('keeps sync.signIn on the managed server', async () => {
    const { rollout } = await open({ serverUrl: 'https://beratung.agentur.example' });
    const calls: string[] = [];
    const table = rollout.guardManagedServer({
      'sync.signIn': ((request: { serverUrl: string }) => {
        calls.push(request.serverUrl);
        return {};
      }) as unknown as Handlers['sync.signIn'],
    });
    expect(() => table['sync.signIn']({ serverUrl: 'https://anderer.example', username: 'a', password: 'b' })).toThrow(/von Ihrer IT vorgegeben/);
    await table['sync.signIn']({ serverUrl: 'https://beratung.agentur.example/', username: 'a', password: 'b' });
    expect(calls).toEqual(['https://beratung.agentur.example/']);
  });

  it('the first-run sign-in goes to the managed server', async () => {
    const { rollout, signIns } = await open({ serverUrl: 'https://beratung.agentur.example' });
    expect(await rollout.handlers['firstRun.signIn']({ username: 'a', password: 'b' })).toEqual({ outcome: 'signed-in', serverUrl: 'https://beratung.agentur.example' });
    expect(signIns).toEqual(['https://beratung.agentur.example']);
  });
});

describe('screen sharing by policy', () => {
  const picker = { asked: 0, ask(sources: readonly never[]) { this.asked++; return Promise.resolve(sources.length > 0 ? 'screen:1' : null); } };

  it('the display picker refuses while the policy forbids screen sharing', async () => {
    const { rollout } = await open({ screenSharingAllowed: false });
    picker.asked = 0;
    const guarded = rollout.guardScreenSharing(picker);
    expect(await guarded.ask(['screen:1' as never])).toBeNull();
    expect(picker.asked).toBe(0);
  });

  it('and passes through when it is allowed', async () => {
    const { rollout } = await open({ screenSharingAllowed: true });
    picker.asked = 0;
    expect(await rollout.guardScreenSharing(picker).ask(['screen:1' as never])).toBe('screen:1');
    expect(picker.asked).toBe(1);
  });
});

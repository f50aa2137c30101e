// The controller's decisions (feed, channel, on/off by policy, status wording). electron-updater's own download
// and hash check against a served feed are exercised in update-feed.test.ts; here a recording updater stands in
// for `autoUpdater`, which needs a packaged Electron app.
import { EventEmitter } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../src-shared/ipc/features/rollout.js';
import { openLogService, type LogService } from '../../../src-main/services/logging/log-service.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';
import { createUpdateController, type UpdaterPort } from '../../../src-main/services/updates/update-controller.js';

class RecordingUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = false;
  channel: string | null = null;
  logger: UpdaterPort['logger'] = null;
  feeds: Array<{ url: string; channel?: string | null }> = [];
  checks = 0;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }) {
    this.feeds.push({ url: options.url, channel: options.channel });
  }
  async checkForUpdates() {
    this.checks++;
    return null;
  }
}

let dir: string;
let policyFile: string;
let logs: LogService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-upd-'));
  policyFile = join(dir, 'policy.json');
  logs = await openLogService({ dataDir: dir, level: 'info' });
});
afterEach(async () => {
  await logs.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup(policy: unknown, updater: RecordingUpdater | null = new RecordingUpdater()) {
  if (policy !== undefined) {
    await writeFile(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
    await chmod(policyFile, 0o644);
  }
  const settings = await openSettings({ dataDir: join(dir, 'user'), readPolicy: () => readPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: policyFile } }) });
  const seen: UpdateStatus[] = [];
  const controller = createUpdateController({
    settings,
    updater,
    unsupportedReason: 'Die Web-Oberfläche aktualisiert sich nicht selbst.',
    currentVersion: '0.1.0',
    log: logs,
    onStatus: (status) => seen.push(status),
  });
  return { settings, controller, updater, seen };
}

describe('update controller', () => {
  it('policy with a feed: configures electron-updater for the generic feed and checks', async () => {
    const { controller, updater } = await setup({ updatesEnabled: true, updateFeedUrl: 'https://beratung.agentur.example/updates/', updateChannel: 'beta' });
    expect(updater!.feeds).toEqual([{ url: 'https://beratung.agentur.example/updates/', channel: 'beta' }]);
    expect(updater).toMatchObject({ channel: 'beta', allowDowngrade: false, autoDownload: true, allowPrerelease: true });
    expect(updater!.checks).toBe(1);
    expect(updater!.logger).not.toBeNull();
    expect(controller.status()).toMatchObject({ state: 'idle', feedUrl: 'https://beratung.agentur.example/updates/', channel: 'beta' });
    controller.dispose();
  });

  it('switched off by policy: never contacts the feed, and says IT switched it off', async () => {
    const { controller, updater } = await setup({ updatesEnabled: false, updateFeedUrl: 'https://beratung.agentur.example/updates/' });
    expect(updater!.feeds).toEqual([]);
    await controller.check();
    expect(updater!.checks).toBe(0);
    expect(controller.status()).toMatchObject({ state: 'disabled', reason: expect.stringContaining('von Ihrer IT abgeschaltet') });
    controller.dispose();
  });

  it('invalid policy: updates stay off', async () => {
    const { controller, updater } = await setup('{"updatesEnabled": true, "updateFeedUrl": 42}');
    expect(updater!.checks).toBe(0);
    expect(controller.status()).toMatchObject({ state: 'disabled', reason: expect.stringContaining('Richtlinie ist ungültig') });
    controller.dispose();
  });

  it('the user switches updates on with a feed when no policy manages them', async () => {
    const { controller, updater, settings } = await setup(undefined);
    expect(controller.status()).toMatchObject({ state: 'disabled', reason: 'Automatische Updates sind ausgeschaltet.' });
    await settings.set({ updatesEnabled: true });
    expect(controller.status()).toMatchObject({ state: 'disabled', reason: 'Es ist keine Update-Quelle eingetragen.' });
    await settings.set({ updateFeedUrl: 'http://127.0.0.1:8470/updates/' });
    expect(updater!.feeds).toEqual([{ url: 'http://127.0.0.1:8470/updates/', channel: 'latest' }]);
    controller.dispose();
  });

  it('reports electron-updater events, and a checksum failure in German', async () => {
    const { controller, updater, seen } = await setup({ updatesEnabled: true, updateFeedUrl: 'https://beratung.agentur.example/updates/' });
    updater!.emit('update-available', { version: '0.2.0' });
    updater!.emit('download-progress', { percent: 42.5 });
    expect(controller.status()).toMatchObject({ state: 'downloading', availableVersion: '0.2.0', percent: 42.5 });
    updater!.emit('error', Object.assign(new Error('sha512 checksum mismatch, expected a, got b'), { code: 'ERR_CHECKSUM_MISMATCH' }));
    expect(controller.status()).toMatchObject({ state: 'error', reason: expect.stringContaining('Prüfsumme') });
    updater!.emit('update-downloaded', { version: '0.2.0' });
    expect(seen.at(-1)).toMatchObject({ state: 'downloaded', percent: 100 });
    controller.dispose();
  });

  it('without electron-updater (web shell): unsupported, with the reason', async () => {
    const { controller } = await setup({ updatesEnabled: true, updateFeedUrl: 'https://beratung.agentur.example/updates/' }, null);
    expect(controller.status()).toMatchObject({ state: 'unsupported', reason: 'Die Web-Oberfläche aktualisiert sich nicht selbst.' });
    controller.dispose();
  });
});

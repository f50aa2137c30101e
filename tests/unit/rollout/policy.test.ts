import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { DEFAULTS, SAFE_DEFAULTS } from '../../../src-shared/policy/settings.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';

let dir: string;
let policyFile: string;
let dataDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-policy-'));
  policyFile = join(dir, 'policy.json');
  dataDir = join(dir, 'user');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const linuxPolicy = () => readPolicy({ platform: 'linux', env: { [POLICY_FILE_ENV]: policyFile } });
const open = () => openSettings({ dataDir, readPolicy: linuxPolicy });
const writePolicy = async (content: unknown) => {
  await writeFile(policyFile, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(policyFile, 0o644);
};

describe('policy file', () => {
  it('defaults to /etc/beratungsraum/policy.json on Linux', async () => {
    const reading = await readPolicy({ platform: 'linux', env: {} });
    expect(reading.sources[0]?.location).toBe('/etc/beratungsraum/policy.json');
  });

  it('missing file: no policy, defaults apply and nothing is locked', async () => {
    const settings = await open();
    expect(settings.get().policy.state).toBe('absent');
    expect(settings.values()).toEqual(DEFAULTS);
    expect(Object.values(settings.get().values).every((v) => !v.locked && v.source === 'default')).toBe(true);
  });

  it('policy > user setting > default', async () => {
    await writePolicy({ autoLockMinutes: 3, screenSharingAllowed: false });
    const settings = await open();
    await settings.set({ retentionDays: 14 });
    const { values } = settings.get();
    expect(values.autoLockMinutes).toEqual({ value: 3, source: 'policy', locked: true });
    expect(values.screenSharingAllowed).toEqual({ value: false, source: 'policy', locked: true });
    expect(values.retentionDays).toEqual({ value: 14, source: 'user', locked: false });
    expect(values.logLevel).toEqual({ value: 'info', source: 'default', locked: false });
  });

  it('a user choice made before the policy arrived is overridden, and comes back when the policy goes', async () => {
    const settings = await open();
    await settings.set({ autoLockMinutes: 30 });
    await writePolicy({ autoLockMinutes: 5 });
    expect((await settings.reload()).values.autoLockMinutes).toEqual({ value: 5, source: 'policy', locked: true });
    await rm(policyFile);
    expect((await settings.reload()).values.autoLockMinutes).toEqual({ value: 30, source: 'user', locked: false });
  });

  it('refuses to change a managed value, with a German message naming it', async () => {
    await writePolicy({ serverUrl: 'https://beratung.agentur.example' });
    const settings = await open();
    const attempt = settings.set({ serverUrl: 'https://elsewhere.example' });
    await expect(attempt).rejects.toBeInstanceOf(IpcError);
    await expect(attempt).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('„Serveradresse“ wird von Ihrer IT zentral verwaltet') });
    expect(settings.values().serverUrl).toBe('https://beratung.agentur.example');
  });

  it('user settings survive a restart', async () => {
    await (await open()).set({ logLevel: 'debug' });
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ logLevel: 'debug' });
    expect((await open()).values().logLevel).toBe('debug');
  });

  it.each([
    ['broken JSON', '{ "autoLockMinutes": 5,'],
    ['a misspelt key', { autoLockMinuten: 5 }],
    ['a value out of range', { autoLockMinutes: 0 }],
    ['plain http to a remote server', { serverUrl: 'http://beratung.agentur.example' }],
    ['a feed URL with credentials', { updateFeedUrl: 'https://it:geheim@beratung.agentur.example/updates' }],
    ['an unknown channel', { updateChannel: 'nightly' }],
    ['not an object', '[1, 2]'],
  ])('invalid policy (%s): reported, and safe defaults are locked – never "everything allowed"', async (_case, content) => {
    await writePolicy(content);
    const settings = await open();
    // A user who had loosened things before must not keep them under an invalid policy either.
    const effective = settings.get();
    expect(effective.policy.state).toBe('invalid');
    expect(effective.policy.sources[0]?.problems.length).toBeGreaterThan(0);
    const { serverUrl: _serverUrl, ...rest } = settings.values();
    expect(rest).toEqual(SAFE_DEFAULTS);
    expect(rest.screenSharingAllowed).toBe(false);
    expect(rest.updatesEnabled).toBe(false);
    expect(effective.values.screenSharingAllowed).toMatchObject({ source: 'policy-invalid', locked: true });
    await expect(settings.set({ screenSharingAllowed: true })).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('invalid policy: the user may still enter the server address', async () => {
    await writePolicy('{');
    const settings = await open();
    await settings.set({ serverUrl: 'https://beratung.agentur.example' });
    expect(settings.get().values.serverUrl).toEqual({ value: 'https://beratung.agentur.example', source: 'user', locked: false });
  });

  it('problems name the key, not the value', async () => {
    await writePolicy({ updateChannel: 'geheimer-kanal-xyz' });
    const reading = await linuxPolicy();
    expect(reading.sources[0]?.problems.join(' ')).toContain('updateChannel');
    expect(reading.sources[0]?.problems.join(' ')).not.toContain('geheimer-kanal-xyz');
  });

  it('a policy file other users can write is refused', async () => {
    await writePolicy({ autoLockMinutes: 60 });
    await chmod(policyFile, 0o666);
    const reading = await linuxPolicy();
    expect(reading.state).toBe('invalid');
    expect(reading.sources[0]?.problems[0]).toContain('beschreibbar');
  });

  it('a damaged user settings file falls back to defaults', async () => {
    const settings = await open();
    await settings.set({ retentionDays: 7 });
    await writeFile(join(dataDir, 'settings.json'), '{"retentionDays": "sieben"}');
    const warnings: string[] = [];
    const reopened = await openSettings({ dataDir, readPolicy: linuxPolicy, warn: (message) => warnings.push(message) });
    expect(reopened.values().retentionDays).toBe(DEFAULTS.retentionDays);
    expect(warnings).toEqual(['settings.user_file_invalid']);
  });

  it('notifies listeners when a reload changes values', async () => {
    const settings = await open();
    const seen: number[] = [];
    settings.onChange((next) => seen.push(next.values.autoLockMinutes.value));
    await settings.reload();
    await writePolicy({ autoLockMinutes: 2 });
    await settings.reload();
    expect(seen).toEqual([2]);
  });
});

describe('planning figures: video channels and net working time', () => {
  it('start from the defaults, 2 channels and 468 minutes, which the user may change', async () => {
    const settings = await open();
    expect(settings.get().values.videoChannels).toEqual({ value: 2, source: 'default', locked: false });
    expect(settings.get().values.netMinutesPerWorkingDay).toEqual({ value: 468, source: 'default', locked: false });
    await settings.set({ videoChannels: 5, netMinutesPerWorkingDay: 390 });
    expect(settings.get().values.videoChannels).toEqual({ value: 5, source: 'user', locked: false });
    expect(settings.get().values.netMinutesPerWorkingDay).toEqual({ value: 390, source: 'user', locked: false });
    expect((await open()).values()).toMatchObject({ videoChannels: 5, netMinutesPerWorkingDay: 390 });
  });

  it('a valid policy locks the figure it sets and leaves the other to the user', async () => {
    const settings = await open();
    await settings.set({ videoChannels: 5, netMinutesPerWorkingDay: 390 });
    await writePolicy({ videoChannels: 8 });
    const { values } = await settings.reload();
    expect(values.videoChannels).toEqual({ value: 8, source: 'policy', locked: true });
    expect(values.netMinutesPerWorkingDay).toEqual({ value: 390, source: 'user', locked: false });
    await expect(settings.set({ videoChannels: 3 })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('„Videokanäle der Dienststelle“ wird von Ihrer IT zentral verwaltet') });
    await settings.set({ netMinutesPerWorkingDay: 420 });
    expect(settings.values()).toMatchObject({ videoChannels: 8, netMinutesPerWorkingDay: 420 });
  });

  it.each([
    ['no channel at all', { videoChannels: 0 }],
    ['more channels than any office has', { videoChannels: 51 }],
    ['a fraction of a channel', { videoChannels: 2.5 }],
    ['a number written as text', { videoChannels: '4' }],
    ['less than an hour a day', { netMinutesPerWorkingDay: 59 }],
    ['more than twelve hours a day', { netMinutesPerWorkingDay: 721 }],
  ])('invalid policy (%s): both figures are locked to the ordinary defaults, whatever the user chose', async (_case, content) => {
    const settings = await open();
    await settings.set({ videoChannels: 5, netMinutesPerWorkingDay: 390 });
    await writePolicy(content);
    const { values, policy } = await settings.reload();
    expect(policy.state).toBe('invalid');
    // Neither figure opens anything up, so the safe value is the ordinary default (see SAFE_DEFAULTS).
    expect(values.videoChannels).toEqual({ value: 2, source: 'policy-invalid', locked: true });
    expect(values.netMinutesPerWorkingDay).toEqual({ value: 468, source: 'policy-invalid', locked: true });
    await expect(settings.set({ netMinutesPerWorkingDay: 400 })).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('refuses a user figure out of range and keeps the old one', async () => {
    const settings = await open();
    await expect(settings.set({ videoChannels: 0 })).rejects.toThrow();
    await expect(settings.set({ netMinutesPerWorkingDay: 1000 })).rejects.toThrow();
    expect(settings.values()).toMatchObject({ videoChannels: 2, netMinutesPerWorkingDay: 468 });
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { openLogService, type LogService } from '../../../src-main/services/logging/log-service.js';
import { POLICY_FILE_ENV, readPolicy } from '../../../src-main/services/policy/read-policy.js';
import { openSettings } from '../../../src-main/services/policy/settings-service.js';
import { runSupportBundleCli, supportBundleAppFlag } from '../../../src-main/services/support-bundle/cli.js';
import type { BundleManifest } from '../../../src-main/services/support-bundle/create-bundle.js';
import { defaultReadinessReportFile } from '../../../src-main/services/support-bundle/readiness-source.js';
import { createSupportBundleService } from '../../../src-main/services/support-bundle/support-bundle-service.js';
import { logCorpus, PLANTED, rememberKnown, STAFF_HOME, UNKNOWN } from '../../support/redaction-corpus.js';

let dir: string;
let dataDir: string;
let policyFile: string;
let logs: LogService | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-bundle-'));
  dataDir = join(dir, 'data');
  policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ serverUrl: 'https://beratung.agentur.example', screenSharingAllowed: false }));
});
afterEach(async () => {
  await logs?.close();
  logs = null;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ [POLICY_FILE_ENV]: policyFile });
const unzip = async (file: string) => {
  const entries = unzipSync(new Uint8Array(await readFile(file)));
  return Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
};
const leaks = (text: string) => PLANTED.filter((planted) => text.toLocaleLowerCase('de').includes(planted.toLocaleLowerCase('de')));

const sampleReport = (): ReadinessReport => ({
  schemaVersion: 1,
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  createdAt: '2026-11-22T09:00:00.000Z',
  mode: 'cli',
  app: { version: '0.1.0', platform: 'linux-x64' },
  verdict: 'eingeschraenkt',
  checks: [
    {
      id: 'network',
      status: 'warn',
      figures: { rttMs: 140, lossPercent: 0.5, turnUdp: true },
      findings: [{ code: 'network.rtt-high', severity: 'warn', params: { rttMs: 140 } }],
      startedAt: '2026-11-22T09:00:01.000Z',
      durationMs: 5200,
    },
  ],
});

async function openApp() {
  logs = await openLogService({ dataDir, level: 'debug', homeDir: STAFF_HOME });
  const settings = await openSettings({ dataDir, readPolicy: () => readPolicy({ platform: 'linux', env: env() }) });
  return { logs, settings };
}

describe('support bundle', () => {
  it('the app action bundles logs, versions, policy and the readiness state – and none of the planted data', async () => {
    const app = await openApp();
    rememberKnown(app.logs.redactor);
    logCorpus(app.logs);
    const service = createSupportBundleService({
      dataDir,
      appVersion: '0.1.0',
      shell: 'web',
      runtime: { electron: null, chrome: null },
      logs: app.logs,
      settings: app.settings,
    });
    const result = await service.create();
    expect(result).toMatchObject({ readinessReport: 'absent', logFiles: 1 });
    expect(result.path.startsWith(join(dataDir, 'support'))).toBe(true);

    const files = await unzip(result.path);
    expect(Object.keys(files).sort()).toEqual(['logs/beratungsraum.1.log', 'manifest.json', 'policy.json', 'versions.json']);
    expect(leaks(Object.values(files).join('\n'))).toEqual([]);

    const manifest = JSON.parse(files['manifest.json']!) as BundleManifest;
    expect(manifest.readinessReport).toEqual({ state: 'absent', reason: expect.stringContaining('noch keine Geräteprüfung gespeichert') });
    expect(manifest.policy).toEqual({ state: 'valid', sources: ['file:valid'] });
    expect(manifest.logs.lines).toBeGreaterThan(15);
    expect(manifest.files.map((f) => f.path)).toContain('logs/beratungsraum.1.log');
    expect(JSON.parse(files['policy.json']!).values.serverUrl).toEqual({ value: 'https://beratung.agentur.example', source: 'policy', locked: true });
    expect(files['logs/beratungsraum.1.log']).toContain('Termin mit [entfernt] auf morgen verschoben');
  });

  it('takes the readiness service’s latest report in the app', async () => {
    const app = await openApp();
    const service = createSupportBundleService({
      dataDir,
      appVersion: '0.1.0',
      shell: 'web',
      runtime: { electron: null, chrome: null },
      logs: app.logs,
      settings: app.settings,
      lastReadinessReport: async () => sampleReport(),
    });
    const result = await service.create();
    expect(result.readinessReport).toBe('included');
    expect(JSON.parse((await unzip(result.path))['readiness-report.json']!)).toEqual(sampleReport());
  });

  it('lines written without redaction (another tool, an older version) are redacted on export', async () => {
    await mkdir(join(dataDir, 'logs'), { recursive: true });
    const raw = [
      JSON.stringify({ level: 'info', time: '2026-11-22T08:00:00.000Z', msg: `Kunde: ${UNKNOWN.names[0]} angerufen`, customerEmail: UNKNOWN.emails[0] }),
      `plain text crash report for Frau ${UNKNOWN.names[1]} (${UNKNOWN.customerNumbers[0]}) ${UNKNOWN.phone}`,
      JSON.stringify({ level: 'error', msg: 'boom', err: { type: 'Error', message: `bad "${UNKNOWN.names[0]}"`, stack: `Error: ${UNKNOWN.emails[1]}\n    at x (file.js:1:1)` } }),
    ];
    await writeFile(join(dataDir, 'logs', 'beratungsraum.3.log'), `${raw.join('\n')}\n`);
    const out = join(dir, 'x.zip');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runSupportBundleCli(['--out', out, '--data-dir', dataDir], env())).toBe(0);
    const files = await unzip(out);
    const log = files['logs/beratungsraum.3.log']!;
    expect(leaks(log)).toEqual([]);
    expect(log.split('\n').filter(Boolean)).toHaveLength(3);
    expect(JSON.parse(files['manifest.json']!).logs).toEqual({ files: 1, lines: 3, unparsedLines: 1 });
  });

  it('includes the last readiness report when one exists', async () => {
    await mkdir(join(dataDir, 'readiness'), { recursive: true });
    await writeFile(defaultReadinessReportFile(dataDir), JSON.stringify(sampleReport()));
    const out = join(dir, 'with-report.zip');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runSupportBundleCli(['--out', out, '--data-dir', dataDir], env())).toBe(0);
    const files = await unzip(out);
    expect(JSON.parse(files['readiness-report.json']!)).toEqual(sampleReport());
    expect(JSON.parse(files['manifest.json']!).readinessReport).toEqual({ state: 'included', reason: null });
  });

  it('leaves out a report that does not match the schema, and says so', async () => {
    const reportFile = join(dir, 'report.json');
    await writeFile(reportFile, JSON.stringify({ ...sampleReport(), customer: 'Erika Mustermann' }));
    const out = join(dir, 'bad-report.zip');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runSupportBundleCli(['--out', out, '--data-dir', dataDir, '--readiness-report', reportFile], env())).toBe(0);
    const files = await unzip(out);
    expect(files['readiness-report.json']).toBeUndefined();
    expect(JSON.parse(files['manifest.json']!).readinessReport.state).toBe('absent');
    expect(leaks(Object.values(files).join('\n'))).toEqual([]);
  });

  it('the command line refuses missing or unknown arguments with exit code 2', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runSupportBundleCli([], env())).toBe(2);
    expect(await runSupportBundleCli(['--out', 'x.zip', '--verbose'], env())).toBe(2);
    expect(errors.mock.calls.join('\n')).toContain('npm run support-bundle -- --out');
  });
});

describe('the app flag', () => {
  it('turns --support-bundle=<file> into the CLI arguments for this user', () => {
    expect(supportBundleAppFlag(['/opt/Beratungsraum/beratungsraum', '--support-bundle=/tmp/b.zip'], '/home/u/.config/Beratungsraum')).toEqual([
      '--out',
      '/tmp/b.zip',
      '--data-dir',
      '/home/u/.config/Beratungsraum',
    ]);
    expect(supportBundleAppFlag(['/opt/Beratungsraum/beratungsraum'], '/x')).toBeNull();
  });
});

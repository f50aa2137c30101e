/**
 * Command-line support bundle for IT support, without starting the app:
 *
 *   npm run support-bundle -- --out bundle.zip [--data-dir DIR] [--readiness-report FILE]
 *
 * `--data-dir` defaults to the folder the app uses for this user (data-dir.ts). The policy is read from this
 * machine's sources exactly as the app reads it. Exit codes: 0 written, 2 bad arguments, 1 failure.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appVersion } from '../app-version.js';
import { defaultDataDir } from '../data-dir.js';
import { listLogFiles, logDirectory } from '../logging/log-service.js';
import { createRedactor } from '../logging/redact.js';
import { readPolicy } from '../policy/read-policy.js';
import { openSettings } from '../policy/settings-service.js';
import { writeSupportBundle } from './create-bundle.js';
import { defaultReadinessReportFile, readinessFromFile } from './readiness-source.js';

const USAGE = 'Aufruf: npm run support-bundle -- --out <datei.zip> [--data-dir <ordner>] [--readiness-report <datei.json>]';

export async function runSupportBundleCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { out?: string; 'data-dir'?: string; 'readiness-report'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, 'readiness-report': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.out) {
    console.error(`--out fehlt.\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(env);
  const out = resolve(values.out);
  try {
    const settings = await openSettings({ dataDir, readPolicy: () => readPolicy({ platform: process.platform, env }) });
    const { bytes, manifest } = await writeSupportBundle(out, {
      appVersion: appVersion(),
      shell: 'cli',
      runtime: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      settings: settings.get(),
      logFiles: await listLogFiles(logDirectory(dataDir)),
      readiness: await readinessFromFile(values['readiness-report'] ?? defaultReadinessReportFile(dataDir)),
      redactor: createRedactor(),
    });
    console.log(
      `Supportpaket geschrieben: ${out} (${Math.round(bytes / 1024)} KiB, ${manifest.logs.files} Protokolldatei(en), ` +
        `Geräteprüfung: ${manifest.readinessReport.state === 'included' ? 'enthalten' : 'nicht vorhanden'}, Richtlinie: ${manifest.policy.state}).`,
    );
    return 0;
  } catch (error) {
    console.error(`Das Supportpaket konnte nicht geschrieben werden: ${(error as Error).message}`);
    return 1;
  }
}


const APP_FLAG = '--support-bundle=';

/**
 * The packaged app's own flag for IT support, where npm is not installed:
 * `Beratungsraum.exe --support-bundle=C:\Temp\bundle.zip` writes the bundle for this user and exits (no window).
 * Returns the CLI's arguments, or null when the flag is absent.
 */
export function supportBundleAppFlag(argv: readonly string[], dataDir: string): string[] | null {
  const flag = argv.find((arg) => arg.startsWith(APP_FLAG));
  if (flag === undefined) return null;
  return ['--out', flag.slice(APP_FLAG.length), '--data-dir', dataDir];
}

/**
 * The support-bundle action of the running app (`support.createBundle`): flushes the log, gathers the inputs
 * and writes the zip to `<dataDir>/support/`, where the user finds it to hand to IT support.
 */
import { join } from 'node:path';
import type { SupportBundleResult } from '../../../src-shared/ipc/features/rollout.js';
import type { LogService } from '../logging/log-service.js';
import type { SettingsService } from '../policy/settings-service.js';
import { bundleFileName, writeSupportBundle } from './create-bundle.js';
import { readinessFromFile, readinessFromValue, defaultReadinessReportFile } from './readiness-source.js';

export interface SupportBundleServiceOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly shell: 'electron' | 'web';
  readonly runtime: { readonly electron: string | null; readonly chrome: string | null };
  readonly logs: LogService;
  readonly settings: SettingsService;
  /** The readiness service's latest report (null when none); the CLI's report file is the fallback. */
  readonly lastReadinessReport?: () => Promise<unknown>;
  readonly now?: () => Date;
}

export interface SupportBundleService {
  create(): Promise<SupportBundleResult>;
}

export function createSupportBundleService(options: SupportBundleServiceOptions): SupportBundleService {
  const now = options.now ?? (() => new Date());
  return {
    async create() {
      const createdAt = now();
      await options.logs.flush();
      // The app's latest report first; else one the readiness CLI left in the data folder.
      const fromApp = options.lastReadinessReport ? readinessFromValue(await options.lastReadinessReport()) : null;
      const readiness = fromApp?.state === 'present' ? fromApp : await readinessFromFile(defaultReadinessReportFile(options.dataDir));
      const path = join(options.dataDir, 'support', bundleFileName(createdAt));
      const { bytes, manifest } = await writeSupportBundle(path, {
        appVersion: options.appVersion,
        shell: options.shell,
        runtime: options.runtime,
        settings: options.settings.get(),
        logFiles: await options.logs.files(),
        readiness,
        redactor: options.logs.redactor,
        now: () => createdAt,
      });
      options.logs.info('support.bundle_created', { bytes, files: manifest.files.length });
      return {
        path,
        bytes,
        createdAt: createdAt.toISOString(),
        logFiles: manifest.logs.files,
        readinessReport: manifest.readinessReport.state,
      };
    },
  };
}

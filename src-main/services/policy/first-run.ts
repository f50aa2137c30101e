/**
 * The first run of the app on a laptop: whether the welcome was finished, and which server address it offers
 * (the managed one, locked, or the user's). Signing in is the server session's (`serverSession.signIn`).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FirstRunState } from '../../../src-shared/ipc/features/rollout.js';
import type { SettingsService } from './settings-service.js';

const FirstRunFile = z.object({ completedAt: z.iso.datetime({ offset: true }) });

export interface FirstRunService {
  get(): FirstRunState;
  complete(): Promise<FirstRunState>;
}

export async function openFirstRun(options: { dataDir: string; settings: SettingsService; now?: () => Date }): Promise<FirstRunService> {
  const file = join(options.dataDir, 'first-run.json');
  let completed = false;
  try {
    completed = FirstRunFile.safeParse(JSON.parse(await readFile(file, 'utf8'))).success;
  } catch {
    // Missing or unreadable: show the welcome again, which is harmless.
  }

  const state = (): FirstRunState => {
    const { serverUrl } = options.settings.get().values;
    return { completed, serverUrl: serverUrl.value, serverUrlLocked: serverUrl.source === 'policy' };
  };

  return {
    get: state,
    async complete() {
      await mkdir(options.dataDir, { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify({ completedAt: (options.now ?? (() => new Date()))().toISOString() }));
      await rename(`${file}.tmp`, file);
      completed = true;
      return state();
    },
  };
}

/**
 * The user's own preferences (language). Kept in a small JSON file in the user data folder; read and written
 * through the contract's schema so a hand-edited or damaged file falls back to defaults with a warning instead
 * of breaking start-up. Managed policy (IT) takes precedence once it exists.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Preferences } from '../../src-shared/ipc/features/app.js';

const DEFAULTS: Preferences = { language: 'de' };

export interface PreferencesService {
  get(): Preferences;
  set(change: Partial<Preferences>): Promise<Preferences>;
}

export async function openPreferences(
  dataDir: string,
  onChange: (preferences: Preferences) => void,
  warn: (message: string) => void = () => {},
): Promise<PreferencesService> {
  const file = join(dataDir, 'preferences.json');
  let current = DEFAULTS;
  try {
    const parsed = Preferences.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) current = parsed.data;
    else warn(`${file} ist ungültig und wurde durch Standardwerte ersetzt.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${file} konnte nicht gelesen werden: ${(error as Error).message}`);
  }
  return {
    get: () => current,
    async set(change) {
      const next = Preferences.parse({ ...current, ...change });
      await mkdir(dataDir, { recursive: true });
      // Write-then-rename: a crash leaves either the old or the new file, never half of one.
      await writeFile(`${file}.tmp`, JSON.stringify(next, null, 2));
      await rename(`${file}.tmp`, file);
      current = next;
      onChange(next);
      return next;
    },
  };
}

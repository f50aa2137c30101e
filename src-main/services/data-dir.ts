/**
 * Where the user's local data lives when Electron's `app.getPath('userData')` is not available (web shell,
 * command-line tools): the same folder Electron would pick for the product name.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BERATUNGSRAUM_DATA_DIR) return env.BERATUNGSRAUM_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Beratungsraum');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Beratungsraum');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Beratungsraum');
}

/**
 * Reads the Windows Group Policy values under `HKLM\Software\Policies\Beratungsraum` through `reg.exe query`.
 *
 * reg.exe rather than a native registry module: it ships with every Windows, needs no native build for
 * Electron, and its output format has been stable since Windows XP. The parser is tested on captured output
 * (tests/unit/rollout/registry.test.ts); it has not been run against a live registry on this Linux machine.
 *
 * Value names follow the usual ADMX spelling (PascalCase) and map one to one onto the policy document's keys;
 * booleans and numbers are REG_DWORD, text is REG_SZ, as Group Policy writes them.
 */
import { execFile } from 'node:child_process';
import type { SettingKey } from '../../../src-shared/policy/settings.js';

export const REGISTRY_KEY = 'HKLM\\Software\\Policies\\Beratungsraum';

export interface RegistryValue {
  readonly type: string;
  readonly data: string;
}

export type RegistryQuery =
  | { readonly state: 'absent' }
  | { readonly state: 'found'; readonly values: ReadonlyMap<string, RegistryValue> }
  | { readonly state: 'failed'; readonly problem: string };

/** How one policy key is stored in the registry. */
export const VALUE_NAMES: Record<SettingKey, { readonly name: string; readonly kind: 'text' | 'number' | 'boolean' }> = {
  serverUrl: { name: 'ServerUrl', kind: 'text' },
  autoLockMinutes: { name: 'AutoLockMinutes', kind: 'number' },
  retentionDays: { name: 'RetentionDays', kind: 'number' },
  screenSharingAllowed: { name: 'ScreenSharingAllowed', kind: 'boolean' },
  updatesEnabled: { name: 'UpdatesEnabled', kind: 'boolean' },
  updateFeedUrl: { name: 'UpdateFeedUrl', kind: 'text' },
  updateChannel: { name: 'UpdateChannel', kind: 'text' },
  logLevel: { name: 'LogLevel', kind: 'text' },
  videoChannels: { name: 'VideoChannels', kind: 'number' },
  netMinutesPerWorkingDay: { name: 'NetMinutesPerWorkingDay', kind: 'number' },
};

// `    Name    REG_TYPE    data` — four-space separators; data may be empty and may itself contain spaces.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;

/**
 * Parses the output of `reg query <key>` (without /s). Sub-key lines (`HKEY_…\Sub`) and the unnamed default
 * value are ignored; names are case-insensitive in the registry, so they are kept as written and matched later.
 */
export function parseRegQueryOutput(stdout: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  for (const raw of stdout.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(raw);
    if (!match) continue;
    const [, name, type, data = ''] = match;
    if (name === undefined || type === undefined) continue;
    // reg.exe prints the default value as "(Default)" (localised, e.g. "(Standard)").
    if (name.startsWith('(') && name.endsWith(')')) continue;
    values.set(name, { type, data });
  }
  return values;
}

/** REG_DWORD/REG_QWORD are printed in hex (`0x1e`). */
const parseRegNumber = (data: string): number | null => (/^0x[0-9a-f]+$/i.test(data) ? Number.parseInt(data.slice(2), 16) : null);

/**
 * Maps registry values onto a policy document (still to be validated with `PolicyDocument`). Unknown value
 * names and wrong types are problems, reported by name and type only, never with the value.
 */
export function registryToDocument(values: ReadonlyMap<string, RegistryValue>): { document: Record<string, unknown>; problems: string[] } {
  const document: Record<string, unknown> = {};
  const problems: string[] = [];
  const byLowerName = new Map(Object.entries(VALUE_NAMES).map(([key, spec]) => [spec.name.toLowerCase(), { key, ...spec }]));
  for (const [name, value] of values) {
    const spec = byLowerName.get(name.toLowerCase());
    if (!spec) {
      problems.push(`Unbekannter Registrierungswert „${name}“ – bitte Schreibweise prüfen (erlaubt: ${Object.values(VALUE_NAMES).map((v) => v.name).join(', ')}).`);
      continue;
    }
    if (spec.kind === 'text') {
      if (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ') {
        problems.push(`${spec.name}: Typ ${value.type} – erwartet wird REG_SZ.`);
        continue;
      }
      document[spec.key] = value.data;
      continue;
    }
    const number = value.type === 'REG_DWORD' || value.type === 'REG_QWORD' ? parseRegNumber(value.data) : null;
    if (number === null) {
      problems.push(`${spec.name}: Typ ${value.type} – erwartet wird REG_DWORD.`);
      continue;
    }
    if (spec.kind === 'boolean') {
      if (number !== 0 && number !== 1) {
        problems.push(`${spec.name}: nur 0 (aus) oder 1 (ein) ist erlaubt.`);
        continue;
      }
      document[spec.key] = number === 1;
    } else {
      document[spec.key] = number;
    }
  }
  return { document, problems };
}

export type RegQueryRunner = () => Promise<{ exitCode: number; stdout: string }>;

/** Runs `reg.exe query` for the policy key; exit code 1 with no key header means the key does not exist. */
export const runRegExe: RegQueryRunner = () =>
  new Promise((resolve, reject) => {
    execFile('reg.exe', ['query', REGISTRY_KEY], { windowsHide: true, timeout: 10_000 }, (error, stdout) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ exitCode: error ? Number(error.code) : 0, stdout });
    });
  });

export async function queryRegistry(run: RegQueryRunner = runRegExe): Promise<RegistryQuery> {
  let result: { exitCode: number; stdout: string };
  try {
    result = await run();
  } catch (error) {
    return { state: 'failed', problem: `reg.exe konnte nicht ausgeführt werden (${(error as NodeJS.ErrnoException).code ?? 'Fehler'}).` };
  }
  const hasHeader = /^HKEY_/m.test(result.stdout);
  if (result.exitCode === 1 && !hasHeader) return { state: 'absent' };
  if (result.exitCode !== 0) return { state: 'failed', problem: `reg.exe endete mit Code ${result.exitCode}.` };
  return { state: 'found', values: parseRegQueryOutput(result.stdout) };
}

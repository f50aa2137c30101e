/**
 * Precedence of managed settings, as a pure rule: valid policy > user setting > default. An invalid policy locks
 * every value that has a safe default to that safe default, whatever the user chose.
 */
import {
  DEFAULTS,
  SAFE_DEFAULTS,
  SETTING_KEYS,
  type EffectiveSettings,
  type ManagedSettings,
  type PolicyReading,
  type SettingKey,
  type SettingSource,
  type UserSettings,
} from './settings.js';

interface Resolved<K extends SettingKey> {
  value: ManagedSettings[K];
  source: SettingSource;
  locked: boolean;
}

function resolveOne<K extends SettingKey>(key: K, policy: PolicyReading, user: UserSettings, defaults: ManagedSettings): Resolved<K> {
  if (policy.state === 'valid' && policy.document && policy.document[key] !== undefined) {
    return { value: policy.document[key] as ManagedSettings[K], source: 'policy', locked: true };
  }
  if (policy.state === 'invalid' && key !== 'serverUrl') {
    const safe: Partial<ManagedSettings> = SAFE_DEFAULTS;
    return { value: safe[key] as ManagedSettings[K], source: 'policy-invalid', locked: true };
  }
  if (user[key] !== undefined) return { value: user[key] as ManagedSettings[K], source: 'user', locked: false };
  return { value: defaults[key], source: 'default', locked: false };
}

/** `defaults`: DEFAULTS, or with this machine's own suggestion (the demo server `npm start` runs beside the app). */
export function resolveSettings(policy: PolicyReading, user: UserSettings, defaults: ManagedSettings = DEFAULTS): EffectiveSettings {
  const values = Object.fromEntries(SETTING_KEYS.map((key) => [key, resolveOne(key, policy, user, defaults)]));
  return { values: values as EffectiveSettings['values'], policy };
}

/** The keys in `change` that the user may not set under this policy. */
export const lockedKeys = (settings: EffectiveSettings, change: UserSettings): SettingKey[] =>
  SETTING_KEYS.filter((key) => change[key] !== undefined && settings.values[key].locked);

/**
 * The effective managed settings for a view: `settings.get` once, then every `settings.changed`. Einstellungen
 * edits them; the calendar's day load and the reports read their planning figures from here, so a value saved in
 * Einstellungen or set by a policy reload reaches every open view without a second copy kept anywhere else.
 */
import { useEffect, useState } from 'react';
import type { EffectiveSettings } from '../../../src-shared/policy/settings.js';
import { bridge } from '../../bridge/index.js';

export interface EffectiveSettingsState {
  /** Null until the back office has answered. */
  readonly settings: EffectiveSettings | null;
  /** Why the settings could not be read, if they could not. */
  readonly error: string | null;
  /** Takes the reply of `settings.set` at once, before its `settings.changed` event arrives. */
  readonly replace: (next: EffectiveSettings) => void;
}

export function useEffectiveSettings(): EffectiveSettingsState {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    bridge.call['settings.get']({}).then(
      (first) => {
        // An event that arrived while `settings.get` was under way is newer than its reply.
        if (current) setSettings((known) => known ?? first);
      },
      (cause: unknown) => {
        if (current) setError(cause instanceof Error ? cause.message : String(cause));
      },
    );
    const off = bridge.on('settings.changed', setSettings);
    return () => {
      current = false;
      off();
    };
  }, []);
  return { settings, error, replace: setSettings };
}

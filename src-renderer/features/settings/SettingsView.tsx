import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportBundleResult, UpdateStatus } from '../../../src-shared/ipc/features/rollout.js';
import type { EffectiveSettings, SettingKey, UserSettings } from '../../../src-shared/policy/settings.js';
import { LogLevel, ManagedSettings, SettingKey as SettingKeySchema, UpdateChannel } from '../../../src-shared/policy/settings.js';
import { bridge } from '../../bridge/index.js';
import './settings.css';
import { useEffectiveSettings } from './use-effective-settings.js';
import { ServerSessionPanel } from './ServerSessionPanel.js';

const message = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/**
 * Einstellungen: every managed setting with where its value comes from. A value the policy sets is shown
 * read-only with the reason next to it (and linked by aria-describedby, so screen readers say why), and
 * the policy's state is summarised at the top — including the problems of an invalid policy.
 */
export default function SettingsView() {
  const { t } = useTranslation('settings');
  const { settings, error, replace } = useEffectiveSettings();
  // Outside the form: the form is mounted afresh with the saved values, this notice stays.
  const [saved, setSaved] = useState(false);
  // `#/einstellungen?setting=videoChannels` (the calendar's and the reports' links) puts the cursor on that field,
  // once: after saving, the form is mounted afresh and the cursor stays where the user left it.
  const [focusKey, setFocusKey] = useState(() => requestedSetting(window.location.hash));

  return (
    <section className="settings">
      <h1 id="view-title">{t('title')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!settings && !error && <p role="status">{t('app:loading')}</p>}
      {settings && (
        <>
          <PolicySummary settings={settings} />
          {/* Re-mounted when the values change (policy reload, another window), so the form shows them fresh. */}
          <SettingsForm
            key={JSON.stringify(settings.values)}
            settings={settings}
            onSaved={(next) => {
              replace(next);
              setSaved(true);
            }}
            onEdit={() => setSaved(false)}
            focusKey={focusKey}
            onFocused={() => setFocusKey(null)}
          />
          {saved && (
            <p role="status" className="muted" data-testid="settings-saved">
              {t('saved')}
            </p>
          )}
          <ServerSessionPanel />
          <UpdatesPanel />
          <SupportPanel />
        </>
      )}
    </section>
  );
}

function PolicySummary({ settings }: { settings: EffectiveSettings }) {
  const { t } = useTranslation('settings');
  const { policy } = settings;
  const problems = policy.sources.flatMap((source) => source.problems);
  return (
    <div className={`policy policy--${policy.state}`} data-testid="policy-summary" role={policy.state === 'invalid' ? 'alert' : undefined}>
      <p>{t(`policy.${policy.state}`)}</p>
      {problems.length > 0 && (
        <>
          <h2 className="policy__heading">{t('policy.problems')}</h2>
          <ul data-testid="policy-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>{t('policy.sources')}</summary>
        <ul>
          {policy.sources.map((source) => (
            <li key={`${source.kind}:${source.location}`}>
              {t(`policy.kind.${source.kind}`)}: <code>{source.location}</code> – {t(`policy.state.${source.state}`)}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function requestedSetting(hash: string): SettingKey | null {
  const parsed = SettingKeySchema.safeParse(new URLSearchParams(hash.split('?')[1] ?? '').get('setting'));
  return parsed.success ? parsed.data : null;
}

type Draft = { [K in SettingKey]: string | boolean };

type NumberKey = 'autoLockMinutes' | 'retentionDays' | 'videoChannels' | 'netMinutesPerWorkingDay';
const isNumberKey = (key: SettingKey): key is NumberKey =>
  key === 'autoLockMinutes' || key === 'retentionDays' || key === 'videoChannels' || key === 'netMinutesPerWorkingDay';
/** The schema's own bounds, so the form says exactly what the back office would accept. */
const rangeOf = (key: NumberKey): [number, number] => {
  const schema = ManagedSettings.shape[key];
  return [schema.minValue ?? 0, schema.maxValue ?? Number.MAX_SAFE_INTEGER];
};

function toDraft(settings: EffectiveSettings): Draft {
  const v = settings.values;
  return {
    serverUrl: v.serverUrl.value ?? '',
    autoLockMinutes: String(v.autoLockMinutes.value),
    retentionDays: String(v.retentionDays.value),
    screenSharingAllowed: v.screenSharingAllowed.value,
    updatesEnabled: v.updatesEnabled.value,
    updateFeedUrl: v.updateFeedUrl.value ?? '',
    updateChannel: v.updateChannel.value,
    logLevel: v.logLevel.value,
    videoChannels: String(v.videoChannels.value),
    netMinutesPerWorkingDay: String(v.netMinutesPerWorkingDay.value),
  };
}

function SettingsForm({ settings, onSaved, onEdit, focusKey, onFocused }: {
  settings: EffectiveSettings;
  onSaved: (next: EffectiveSettings) => void;
  onEdit: () => void;
  focusKey: SettingKey | null;
  onFocused: () => void;
}) {
  const { t } = useTranslation('settings');
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const initial = toDraft(settings);
  const set = (key: SettingKey) => (value: string | boolean) => {
    onEdit();
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const changes = (): UserSettings | string => {
    const change: Record<string, unknown> = {};
    for (const key of Object.keys(draft) as SettingKey[]) {
      if (settings.values[key].locked || draft[key] === initial[key]) continue;
      const value = draft[key];
      if (isNumberKey(key)) {
        const [min, max] = rangeOf(key);
        const number = Number(value);
        if (!Number.isInteger(number) || number < min || number > max) return t('invalidNumber', { field: t(`fields.${key}`), min, max });
        change[key] = number;
      } else if (key === 'serverUrl' || key === 'updateFeedUrl') {
        change[key] = String(value).trim() === '' ? null : String(value).trim();
      } else {
        change[key] = value;
      }
    }
    return change as UserSettings;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const change = changes();
    if (typeof change === 'string') {
      setFeedback({ kind: 'error', text: change });
      return;
    }
    if (Object.keys(change).length === 0) {
      setFeedback({ kind: 'ok', text: t('noChanges') });
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      onSaved(await bridge.call['settings.set'](change));
    } catch (cause) {
      setFeedback({ kind: 'error', text: message(cause) });
      setBusy(false);
    }
  };

  const managedAt = settings.policy.sources
    .filter((source) => source.state === 'valid')
    .map((source) => source.location)
    .join(', ');
  const row = (key: SettingKey, control: (props: ControlProps) => ReactNode) => (
    <SettingRow key={key} settingKey={key} settings={settings} managedAt={managedAt} control={control} focus={focusKey === key} onFocused={onFocused} />
  );
  const numberRow = (key: NumberKey) => {
    const [min, max] = rangeOf(key);
    return row(key, (p) => <input {...p} type="number" min={min} max={max} value={String(draft[key])} onChange={(e) => set(key)(e.target.value)} />);
  };

  return (
    <form onSubmit={submit} className="settings__form" noValidate>
      {row('serverUrl', (p) => (
        <input {...p} type="url" inputMode="url" placeholder={t('serverUrlPlaceholder')} value={String(draft.serverUrl)} onChange={(e) => set('serverUrl')(e.target.value)} />
      ))}
      {numberRow('autoLockMinutes')}
      {numberRow('retentionDays')}
      {row('screenSharingAllowed', (p) => (
        <input {...p} type="checkbox" checked={Boolean(draft.screenSharingAllowed)} onChange={(e) => set('screenSharingAllowed')(e.target.checked)} />
      ))}
      {row('updatesEnabled', (p) => (
        <input {...p} type="checkbox" checked={Boolean(draft.updatesEnabled)} onChange={(e) => set('updatesEnabled')(e.target.checked)} />
      ))}
      {row('updateFeedUrl', (p) => (
        <input {...p} type="url" inputMode="url" value={String(draft.updateFeedUrl)} onChange={(e) => set('updateFeedUrl')(e.target.value)} />
      ))}
      {row('updateChannel', (p) => (
        <select {...p} value={String(draft.updateChannel)} onChange={(e) => set('updateChannel')(e.target.value)}>
          {UpdateChannel.options.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      ))}
      {row('logLevel', (p) => (
        <select {...p} value={String(draft.logLevel)} onChange={(e) => set('logLevel')(e.target.value)}>
          {LogLevel.options.map((level) => (
            <option key={level} value={level}>
              {t(`logLevel.${level}`)}
            </option>
          ))}
        </select>
      ))}
      <fieldset className="settings__group" aria-describedby="workplace-hint">
        <legend>{t('workplace.title')}</legend>
        <p id="workplace-hint" className="muted">
          {t('workplace.hint')}
        </p>
        {numberRow('videoChannels')}
        {numberRow('netMinutesPerWorkingDay')}
      </fieldset>
      <div className="settings__actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        {feedback && (
          <p role={feedback.kind === 'error' ? 'alert' : 'status'} className={feedback.kind === 'error' ? 'error' : 'muted'} data-testid="settings-feedback">
            {feedback.text}
          </p>
        )}
      </div>
    </form>
  );
}

interface ControlProps {
  id: string;
  disabled: boolean;
  'aria-describedby': string;
  'data-testid': string;
}

function SettingRow(props: {
  settingKey: SettingKey;
  settings: EffectiveSettings;
  managedAt: string;
  control: (props: ControlProps) => ReactNode;
  /** Put the cursor here once, when the row appears (a link named this setting). */
  focus: boolean;
  onFocused: () => void;
}) {
  const { t } = useTranslation('settings');
  const id = useId();
  const { focus, onFocused } = props;
  useEffect(() => {
    if (!focus) return;
    // A locked control cannot take focus; it is still scrolled into view, with its reason beside it.
    const control = document.getElementById(id);
    control?.scrollIntoView({ block: 'center' });
    control?.focus();
    onFocused();
  }, [focus, id, onFocused]);
  const { source, locked } = props.settings.values[props.settingKey];
  const sourceId = `${id}-source`;
  const whyId = `${id}-why`;
  const checkbox = props.settingKey === 'screenSharingAllowed' || props.settingKey === 'updatesEnabled';
  const control = props.control({
    id,
    // Locked values are shown, not editable; the explanation below says why.
    disabled: locked,
    'aria-describedby': locked ? `${sourceId} ${whyId}` : sourceId,
    'data-testid': `setting-${props.settingKey}`,
  });
  return (
    <div className={`field setting${locked ? ' setting--locked' : ''}${checkbox ? ' setting--checkbox' : ''}`} data-source={source}>
      <label htmlFor={id}>{t(`fields.${props.settingKey}`)}</label>
      {control}
      <span id={sourceId} className={`setting-badge${locked ? ' setting-badge--managed' : ''}`} data-testid={`source-${props.settingKey}`}>
        {t(`source.${source}`)}
      </span>
      {locked && (
        <p id={whyId} className="muted setting__why">
          {source === 'policy' ? t('why.policy', { location: props.managedAt }) : t('why.policy-invalid')}
        </p>
      )}
    </div>
  );
}

function UpdatesPanel() {
  const { t } = useTranslation('settings');
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    bridge.call['updates.status']({}).then(setStatus, (cause: unknown) => setError(message(cause)));
    return bridge.on('updates.status', setStatus);
  }, []);

  const active = status && status.state !== 'disabled' && status.state !== 'unsupported';
  return (
    <section aria-labelledby="updates-title" className="settings__panel">
      <h2 id="updates-title">{t('updates.title')}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {status && (
        <>
          <dl className="facts">
            <dt>{t('updates.current')}</dt>
            <dd>{status.currentVersion}</dd>
            {status.availableVersion && (
              <>
                <dt>{t('updates.available')}</dt>
                <dd>{status.availableVersion}</dd>
              </>
            )}
          </dl>
          <p role="status" data-testid="update-state">
            {t(`updates.state.${status.state}`, { percent: Math.round(status.percent ?? 0) })}
            {status.reason && ` – ${status.reason}`}
          </p>
          {active && (
            <button type="button" className="button" onClick={() => void bridge.call['updates.check']({}).then(setStatus, (cause: unknown) => setError(message(cause)))}>
              {t('updates.check')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function SupportPanel() {
  const { t } = useTranslation('settings');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SupportBundleResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await bridge.call['support.createBundle']({}));
    } catch (cause) {
      setError(message(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="support-title" className="settings__panel">
      <h2 id="support-title">{t('support.title')}</h2>
      <p className="muted">{t('support.explanation')}</p>
      <button type="button" className="button" onClick={() => void create()} disabled={busy}>
        {busy ? t('support.creating') : t('support.create')}
      </button>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <p role="status" data-testid="support-result">
          {t('support.created', {
            path: result.path,
            size: Math.max(1, Math.round(result.bytes / 1024)),
            logs: result.logFiles,
            readiness: t(`support.readiness.${result.readinessReport}`),
          })}
        </p>
      )}
    </section>
  );
}

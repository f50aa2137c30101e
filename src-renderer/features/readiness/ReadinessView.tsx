import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assembleReport } from '../../../src-shared/readiness/assemble.js';
import { renderReportHtml } from '../../../src-shared/readiness/html.js';
import { CHECK_TITLES, describeFinding, formatFigure, formatTimestamp, VERDICT_LABELS, type ReportLanguage } from '../../../src-shared/readiness/messages.js';
import type { CheckId, CheckResult, ReadinessReport } from '../../../src-shared/readiness/report.js';
import { reportTimestamp } from '../../../src-shared/readiness/timestamp.js';
import { overallVerdict } from '../../../src-shared/readiness/verdict.js';
import { bridge } from '../../bridge/index.js';
import { BlurPreview } from './BlurPreview.js';
import { CHECK_ORDER, preloadVisionModels, runAudioChecks, runCameraChecks, runCheck } from './checks.js';
import { AudioSteps, audioPrompt } from './AudioSteps.js';
import { suitePlan, type CheckGroup } from './suite-plan.js';
import { useReadiness } from './readiness-store.js';
import './readiness.css';

function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function useDevices(): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const load = () => void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => setDevices([]));
    load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, []);
  return devices;
}

function CheckRow({ id, result, running, busy, onRun }: { id: CheckId; result?: CheckResult; running: boolean; busy: boolean; onRun: () => void }) {
  const { t, i18n } = useTranslation('readiness');
  const language = (i18n.language === 'en' ? 'en' : 'de') as ReportLanguage;
  const title = CHECK_TITLES[id][language];
  return (
    <li className="readiness-check" data-testid={`check-${id}`} data-status={running ? 'running' : (result?.status ?? 'idle')} data-duration-ms={result?.durationMs} aria-busy={running}>
      <div className="readiness-check__head">
        <h3>{title}</h3>
        <span className={`readiness-badge readiness-badge--${result?.status ?? 'idle'}`}>{running ? t('running') : result ? t(`status.${result.status}`) : t('notRun')}</span>
        <button type="button" onClick={onRun} disabled={busy} aria-label={t('rerun', { check: title })}>
          {t('rerunShort')}
        </button>
      </div>
      {result && (
        <>
          <ul className="readiness-findings">
            {result.findings.map((finding, i) => {
              const { text, hint } = describeFinding(finding, language);
              return (
                <li key={`${finding.code}-${i}`} className={`readiness-finding readiness-finding--${finding.severity}`} data-code={finding.code}>
                  {text}
                  {hint && (
                    <span className="readiness-hint">
                      {' '}
                      <strong>{t('whatToDo')}:</strong> {hint}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {Object.keys(result.figures).length > 0 && (
            <details>
              <summary>{t('figures')}</summary>
              <dl className="facts">
                {Object.entries(result.figures).map(([key, value]) => (
                  <div key={key} className="readiness-figure">
                    <dt>{key}</dt>
                    <dd data-value={JSON.stringify(value)}>{formatFigure(value, language)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </>
      )}
    </li>
  );
}

/** Geräteprüfung: every check with progress, alone or all at once, and the report for IT support. */
export default function ReadinessView() {
  const { t, i18n } = useTranslation('readiness');
  const language = (i18n.language === 'en' ? 'en' : 'de') as ReportLanguage;
  const state = useReadiness();
  const devices = useDevices();
  const busy = state.running.size > 0;
  const done = CHECK_ORDER.filter((id) => state.results[id]).length;
  const results = CHECK_ORDER.flatMap((id) => (state.results[id] ? [state.results[id]] : []));
  const verdict = results.length ? overallVerdict(results) : null;

  const refreshHistory = useCallback(() => {
    bridge.call['readiness.history']({}).then(
      (reply) => useReadiness.getState().setHistory(reply.reports),
      () => undefined,
    );
  }, []);
  useEffect(refreshHistory, [refreshHistory]);

  const run = useCallback(async (ids: readonly CheckId[]) => {
    useReadiness.getState().setError(null);
    const runGroup = async (group: CheckGroup): Promise<void> => {
      group.forEach((id) => useReadiness.getState().setRunning(id, true));
      try {
        const choice = useReadiness.getState().choice;
        const first = group[0] as CheckId;
        const results =
          first === 'camera' || first === 'background'
            ? await runCameraChecks(choice, group as ('camera' | 'background')[])
            : first === 'microphone' || first === 'headset'
              ? await runAudioChecks(choice, group as ('microphone' | 'headset')[], audioPrompt)
              : [await runCheck(first, choice, audioPrompt)];
        results.forEach((result) => useReadiness.getState().setResult(result));
      } catch (cause) {
        useReadiness.getState().setError(cause instanceof Error ? cause.message : String(cause));
      } finally {
        group.forEach((id) => useReadiness.getState().setRunning(id, false));
      }
    };
    const phases = suitePlan(ids);
    for (const [index, phase] of phases.entries()) {
      // The models load while the phase before the camera runs (the hardware inventory mostly waits).
      if (phases[index + 1]?.some((group) => group.includes('camera') || group.includes('background'))) preloadVisionModels();
      await Promise.all(phase.map(runGroup));
    }
  }, []);

  const buildReport = async (): Promise<ReadinessReport> => {
    const info = await bridge.call['app.info']({});
    return assembleReport({ id: crypto.randomUUID(), createdAt: reportTimestamp(), mode: 'app', app: { version: info.version, platform: info.platform }, checks: results });
  };

  const save = async () => {
    try {
      const { storedIn } = await bridge.call['readiness.saveReport']({ report: await buildReport() });
      state.setSaved(storedIn);
      refreshHistory();
    } catch (cause) {
      state.setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const deviceOptions = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => (
        <option key={d.deviceId} value={d.deviceId}>
          {d.label || `${kind} ${i + 1}`}
        </option>
      ));

  return (
    <section className="readiness" aria-labelledby="view-title">
      <h1 id="view-title">{t('title')}</h1>
      <p>{t('intro')}</p>

      <fieldset className="readiness-devices">
        <legend>{t('devices')}</legend>
        <label className="field">
          {t('camera')}
          <select value={state.choice.cameraId ?? ''} onChange={(e) => state.setChoice({ cameraId: e.target.value || undefined })}>
            <option value="">{t('defaultDevice')}</option>
            {deviceOptions('videoinput')}
          </select>
        </label>
        <label className="field">
          {t('microphone')}
          <select value={state.choice.microphoneId ?? ''} onChange={(e) => state.setChoice({ microphoneId: e.target.value || undefined })}>
            <option value="">{t('defaultDevice')}</option>
            {deviceOptions('audioinput')}
          </select>
        </label>
        <label className="field">
          {t('output')}
          <select value={state.choice.outputId ?? ''} onChange={(e) => state.setChoice({ outputId: e.target.value || undefined })}>
            <option value="">{t('defaultDevice')}</option>
            {deviceOptions('audiooutput')}
          </select>
        </label>
        <label className="readiness-toggle">
          <input type="checkbox" checked={state.choice.blurEnabled} onChange={(e) => state.setChoice({ blurEnabled: e.target.checked })} />
          {t('blur')}
        </label>
        <BlurPreview cameraId={state.choice.cameraId} />
      </fieldset>

      <p className="muted">
        {t('headsetHint')} {t('microphoneHint')}
      </p>

      <div className="readiness-actions">
        <button type="button" onClick={() => void run(CHECK_ORDER)} disabled={busy}>
          {t('runAll')}
        </button>
        <progress max={CHECK_ORDER.length} value={done} aria-label={t('progress', { done, total: CHECK_ORDER.length })} />
        <span role="status" aria-live="polite" data-testid="readiness-progress">
          {busy ? t('running') : ''} {t('progress', { done, total: CHECK_ORDER.length })}
        </span>
      </div>

      <AudioSteps />

      {state.error && (
        <p role="alert" className="error">
          {t('failed', { message: state.error })}
        </p>
      )}

      <ol className="readiness-checks">
        {CHECK_ORDER.map((id) => (
          <CheckRow key={id} id={id} result={state.results[id]} running={state.running.has(id)} busy={busy} onRun={() => void run([id])} />
        ))}
      </ol>

      <div className="readiness-verdict" role="status" data-testid="readiness-verdict" data-verdict={verdict ?? 'none'}>
        <h2>{t('verdict')}</h2>
        <p className={verdict ? `readiness-verdict--${verdict}` : ''}>{verdict ? VERDICT_LABELS[verdict][language] : t('verdictPending')}</p>
      </div>

      <div className="readiness-actions">
        <button type="button" onClick={() => void save()} disabled={busy || results.length === 0}>
          {t('save')}
        </button>
        <button type="button" disabled={busy || results.length === 0} onClick={() => void buildReport().then((r) => download(`geraetepruefung-${r.createdAt.slice(0, 10)}.json`, 'application/json', JSON.stringify(r, null, 2)))}>
          {t('exportJson')}
        </button>
        <button type="button" disabled={busy || results.length === 0} onClick={() => void buildReport().then((r) => download(`geraetepruefung-${r.createdAt.slice(0, 10)}.html`, 'text/html', renderReportHtml(r, language)))}>
          {t('exportHtml')}
        </button>
      </div>
      {state.saved && <p role="status">{state.saved === 'store' ? t('savedStore') : t('savedMemory')}</p>}

      <h2>{t('history')}</h2>
      {state.history.length === 0 ? (
        <p className="muted">{t('historyEmpty')}</p>
      ) : (
        <ul data-testid="readiness-history">
          {state.history.map((r) => (
            <li key={r.id}>
              {formatTimestamp(r.createdAt, language)} — {VERDICT_LABELS[r.verdict][language]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

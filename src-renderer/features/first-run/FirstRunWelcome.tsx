import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirstRunState, SignInReply } from '../../../src-shared/ipc/features/rollout.js';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { bridge } from '../../bridge/index.js';
import '../settings/settings.css';

type Step = { kind: 'sign-in'; reply: SignInReply | null } | { kind: 'readiness'; serverUrl: string | null };

/**
 * The first run: sign-in to the server (address from the policy, or typed), then a short offer of the device
 * readiness check. Not modal: the app behind it is usable, and an unreachable server never blocks it — the
 * message says so and the user goes on offline. Shown until finished or skipped, once per user.
 */
export function FirstRunWelcome() {
  const { t } = useTranslation('first-run');
  const [state, setState] = useState<FirstRunState | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'sign-in', reply: null });
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const ids = useId();
  // Already signed in (e.g. by a policy-driven roll-out or an earlier session): nothing to welcome to.
  const signedIn = useBackOfficeState((backOffice) => backOffice.sync?.connected ?? false);

  useEffect(() => {
    // A back office without the first run (older host) simply shows no welcome.
    bridge.call['firstRun.get']({}).then(
      (first) => {
        setState(first);
        setServer(first.serverUrl ?? '');
      },
      () => setState(null),
    );
  }, []);

  if (!state || state.completed || (signedIn && step.kind === 'sign-in' && !busy)) return null;

  const finish = async (openReadiness: boolean) => {
    setState(await bridge.call['firstRun.complete']({}));
    if (openReadiness) window.location.hash = '#/geraetepruefung';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const reply = await bridge.call['firstRun.signIn']({
        ...(state.serverUrlLocked || server.trim() === '' ? {} : { serverUrl: server.trim() }),
        username,
        password,
      });
      if (reply.outcome === 'signed-in') setStep({ kind: 'readiness', serverUrl: reply.serverUrl });
      else setStep({ kind: 'sign-in', reply });
    } catch (cause) {
      setStep({ kind: 'sign-in', reply: { outcome: 'rejected', message: cause instanceof Error ? cause.message : String(cause) } });
    } finally {
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <aside className="first-run" aria-labelledby={`${ids}-title`} data-testid="first-run">
      <h2 id={`${ids}-title`}>{t('title')}</h2>
      {step.kind === 'sign-in' ? (
        <>
          <p>{t('intro')}</p>
          <form onSubmit={submit} noValidate>
            {state.serverUrlLocked ? (
              <p data-testid="first-run-managed-server">{t('serverManaged', { url: state.serverUrl })}</p>
            ) : (
              <div className="field">
                <label htmlFor={`${ids}-server`}>{t('server')}</label>
                <input id={`${ids}-server`} type="url" inputMode="url" autoComplete="url" value={server} onChange={(e) => setServer(e.target.value)} />
              </div>
            )}
            <div className="field">
              <label htmlFor={`${ids}-user`}>{t('username')}</label>
              <input id={`${ids}-user`} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-password`}>{t('password')}</label>
              <input id={`${ids}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            </div>
            {step.reply && step.reply.outcome !== 'signed-in' && (
              <p role="alert" className="error" data-testid="first-run-message">
                {step.reply.message}
              </p>
            )}
            <div className="first-run__actions">
              <button type="submit" disabled={busy || username === '' || password === ''}>
                {busy ? t('signingIn') : t('signIn')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setStep({ kind: 'readiness', serverUrl: null })}>
                {step.reply?.outcome === 'unreachable' ? t('offline') : t('skip')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <p role="status">{step.serverUrl ? t('signedIn', { url: step.serverUrl }) : t('notSignedIn')}</p>
          <h3>{t('readinessTitle')}</h3>
          <p>{t('readinessText')}</p>
          <div className="first-run__actions">
            <button type="button" className="button" onClick={() => void finish(true)}>
              {t('startReadiness')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => void finish(false)}>
              {t('later')}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}

import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirstRunState } from '../../../src-shared/ipc/features/rollout.js';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { SignInForm } from '../../app/SignInForm.js';
import { PassphraseSetup } from '../../app/StoreGate.js';
import { bridge } from '../../bridge/index.js';
import '../settings/settings.css';

type Step = 'sign-in' | 'protect' | 'readiness';

/**
 * The first run, one step at a time and in place of the view (never on top of it): sign in to the server, then
 * protect the local data with a passphrase where no OS keychain does it, then the offer of the device check.
 * Each step can be left for later; an unreachable server never blocks — the app goes on offline. Shown until
 * finished or skipped, once per user; the children (the current view) after that.
 */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<FirstRunState | 'unknown'>('unknown');
  useEffect(() => {
    // A back office without the first run (older host) simply shows no welcome.
    bridge.call['firstRun.get']({}).then(setState, () => setState({ completed: true, serverUrl: null, serverUrlLocked: false }));
  }, []);
  if (state === 'unknown') return null;
  if (state.completed) return <>{children}</>;
  return <FirstRunWelcome onFinished={setState} />;
}

function FirstRunWelcome({ onFinished }: { onFinished: (state: FirstRunState) => void }) {
  const { t } = useTranslation('first-run');
  const ids = useId();
  const { session, store } = useBackOfficeState();
  const [chosen, setStep] = useState<Step>('sign-in');
  const needsProtection = store?.state === 'needs_setup';
  // A step already done elsewhere is passed over: signed in meanwhile (a restart, the status bar), or the
  // passphrase set in another window.
  let step = chosen;
  if (step === 'sign-in' && session?.status === 'signed-in') step = needsProtection ? 'protect' : 'readiness';
  if (step === 'protect' && !needsProtection) step = 'readiness';

  const afterSignIn = () => setStep(needsProtection ? 'protect' : 'readiness');
  const finish = async (openReadiness: boolean) => {
    const next = await bridge.call['firstRun.complete']({});
    if (openReadiness) window.location.hash = '#/geraetepruefung';
    onFinished(next);
  };
  const later = (action: () => void) => (
    <button type="button" className="button button--secondary" onClick={action}>
      {t('later')}
    </button>
  );

  return (
    <section className="first-run" aria-labelledby="view-title" data-testid="first-run">
      <h1 id="view-title">{t('title')}</h1>
      {step === 'sign-in' && (
        <>
          <h2 id={`${ids}-sign-in`}>{t('signInTitle')}</h2>
          <p>{t('intro')}</p>
          <SignInForm headingId={`${ids}-sign-in`} onSignedIn={afterSignIn} secondary={later(afterSignIn)} />
        </>
      )}
      {step === 'protect' && (
        <div className="first-run__protect">
          <PassphraseSetup nested />
          <div className="first-run__actions">{later(() => setStep('readiness'))}</div>
        </div>
      )}
      {step === 'readiness' && (
        <>
          <p role="status">{session?.status === 'signed-in' && session.serverUrl ? t('signedIn', { url: session.serverUrl }) : t('notSignedIn')}</p>
          <h2>{t('readinessTitle')}</h2>
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
    </section>
  );
}

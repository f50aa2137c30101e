import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../src-shared/ipc/features/local-data.js';
import type { StoreStatus } from '../../src-shared/store/status.js';
import { bridge } from '../bridge/index.js';
import { useBackOfficeState } from './back-office-state.js';

/**
 * Areas with customer data open only once the encrypted store is unlocked. Without an OS keychain the
 * counsellor chooses a passphrase here — there is no plaintext fallback (Element Desktop's explicit storage
 * modes are the model). The device check, settings and info stay reachable while locked, so IT support never
 * needs to unlock customer data to do its work.
 */
export function StoreGate({ children }: { children: ReactNode }) {
  const store = useBackOfficeState((state) => state.store);
  const { t } = useTranslation();
  // `opening`: the OS keychain may be showing its own unlock prompt; say so rather than show an empty area.
  if (!store || store.state === 'opening') return <p role="status">{t('storeGate.opening')}</p>;
  if (store.state === 'unlocked') return <>{children}</>;
  return (
    <section className="gate" aria-labelledby="view-title">
      {store.state === 'needs_setup' && <PassphraseSetup />}
      {store.state === 'locked' && <Unlock store={store} />}
      {store.state === 'failed' && <Failed store={store} />}
    </section>
  );
}

function useSubmit(action: () => Promise<unknown>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** `nested`: inside another page (the first run), whose heading is the view's title. */
export function PassphraseSetup({ nested = false }: { nested?: boolean }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [invalid, setInvalid] = useState<'tooShort' | 'mismatch' | null>(null);
  const ids = { passphrase: useId(), repeat: useId(), hint: useId() };
  const { error, busy, submit } = useSubmit(async () => {
    const problem = passphrase.length < MIN_PASSPHRASE_LENGTH ? 'tooShort' : passphrase !== repeat ? 'mismatch' : null;
    setInvalid(problem);
    if (!problem) await bridge.call['store.setupPassphrase']({ passphrase });
  });
  return (
    <form onSubmit={submit} noValidate>
      {nested ? <h2>{t('storeGate.setupTitle')}</h2> : <h1 id="view-title">{t('storeGate.setupTitle')}</h1>}
      <p>{t('storeGate.setupExplanation')}</p>
      <p id={ids.hint}>{t('storeGate.setupHint', { count: MIN_PASSPHRASE_LENGTH })}</p>
      <div className="field">
        <label htmlFor={ids.passphrase}>{t('storeGate.passphrase')}</label>
        <input
          id={ids.passphrase}
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSPHRASE_LENGTH}
          required
          aria-describedby={ids.hint}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.repeat}>{t('storeGate.repeat')}</label>
        <input id={ids.repeat} type="password" autoComplete="new-password" required value={repeat} onChange={(event) => setRepeat(event.target.value)} />
      </div>
      {(invalid || error) && (
        <p role="alert" className="error">
          {invalid ? t(`storeGate.${invalid}`, { count: MIN_PASSPHRASE_LENGTH }) : error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('storeGate.working') : t('storeGate.setupAction')}
      </button>
    </form>
  );
}

function Unlock({ store }: { store: StoreStatus }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const id = useId();
  const withPassphrase = store.storageMode === 'passphrase';
  const { error, busy, submit } = useSubmit(() => bridge.call['store.unlock'](withPassphrase ? { passphrase } : {}));
  return (
    <form onSubmit={submit}>
      <h1 id="view-title">{t('storeGate.lockedTitle')}</h1>
      <p>{withPassphrase ? t('storeGate.lockedPassphrase') : t('storeGate.lockedKeychain')}</p>
      {withPassphrase && (
        <div className="field">
          <label htmlFor={id}>{t('storeGate.passphrase')}</label>
          <input id={id} type="password" autoComplete="current-password" required value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('storeGate.working') : t('storeGate.unlockAction')}
      </button>
    </form>
  );
}

function Failed({ store }: { store: StoreStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <h1 id="view-title">{t('storeGate.failedTitle')}</h1>
      <p role="alert" className="error">{store.problem?.message}</p>
      <p>{t('storeGate.failedAdvice')}</p>
      {store.problem && <p className="muted">{t('storeGate.failedCode', { code: store.problem.code })}</p>}
    </>
  );
}

/** The topbar's lock button: drops the key from memory at once (leaving the desk, sharing the screen). */
export function LockButton() {
  const { t } = useTranslation();
  const unlocked = useBackOfficeState((state) => state.store?.state === 'unlocked');
  if (!unlocked) return null;
  return (
    <button type="button" className="topbar__button" onClick={() => void bridge.call['store.lock']({})}>
      {t('storeGate.lockAction')}
    </button>
  );
}

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSignInReply } from '../../src-shared/ipc/features/server-session.js';
import { parseServerAddress } from '../../src-shared/policy/server-address.js';
import { bridge } from '../bridge/index.js';
import { messageOf } from './ipc-message.js';
import { useEffectiveSettings } from '../features/settings/use-effective-settings.js';

type Field = 'serverUrl' | 'username' | 'password';

/**
 * The one sign-in form (first run, status bar, Einstellungen): the server address unless IT manages it
 * (`host:port` is fine; a wrong one is named with what to type), user name and password. The submit button
 * says why it cannot be pressed yet; a refusal points at its field. Signing in never blocks the app: when the
 * server does not answer, the message says the work goes on offline.
 */
export function SignInForm({ onSignedIn, secondary, headingId }: { onSignedIn?: (serverUrl: string) => void; secondary?: ReactNode; headingId?: string }) {
  const { t } = useTranslation();
  const { settings } = useEffectiveSettings();
  const managed = settings?.values.serverUrl;
  const locked = managed?.source === 'policy';
  const [server, setServer] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<Exclude<ServerSignInReply, { outcome: 'signed-in' }> | null>(null);
  const [addressChecked, setAddressChecked] = useState(false);
  const id = useId();
  const ids = { server: `${id}-server`, serverHint: `${id}-server-hint`, user: `${id}-user`, password: `${id}-password`, why: `${id}-why`, message: `${id}-message` };

  const typed = server ?? managed?.value ?? '';
  const address = locked ? null : parseServerAddress(typed);
  const addressProblem = !locked && addressChecked && address && !address.ok ? address.message : null;
  const missing = [!locked && typed.trim() === '' ? t('signIn.server') : null, username.trim() === '' ? t('signIn.username') : null, password === '' ? t('signIn.password') : null].filter(
    (label): label is string => label !== null,
  );
  const why = busy ? null : missing.length > 0 ? t('signIn.missing', { fields: missing.join(', ') }) : null;
  const fieldOfReply: Field | null = reply?.outcome === 'rejected' ? reply.field : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAddressChecked(true);
    if (busy || why || (address && !address.ok)) return;
    setBusy(true);
    setReply(null);
    try {
      const answer = await bridge.call['serverSession.signIn']({ ...(locked || typed.trim() === '' ? {} : { serverUrl: typed.trim() }), username: username.trim(), password });
      if (answer.outcome === 'signed-in') onSignedIn?.(answer.serverUrl);
      else setReply(answer);
    } catch (cause) {
      const labels = { serverUrl: t('signIn.server'), username: t('signIn.username'), password: t('signIn.password') };
      setReply({ outcome: 'rejected', field: null, message: messageOf(cause, labels, (fields) => t('signIn.checkFields', { fields }), t('signIn.failed')) });
    } finally {
      setPassword('');
      setBusy(false);
    }
  };

  const invalid = (field: Field) => (fieldOfReply === field || (field === 'serverUrl' && addressProblem !== null) ? true : undefined);

  return (
    <form onSubmit={submit} noValidate className="sign-in" aria-labelledby={headingId} data-testid="sign-in-form">
      {locked ? (
        <p data-testid="sign-in-managed-server">{t('signIn.serverManaged', { url: managed?.value })}</p>
      ) : (
        <div className="field">
          <label htmlFor={ids.server}>{t('signIn.server')}</label>
          <input
            id={ids.server}
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder={t('signIn.serverPlaceholder')}
            aria-invalid={invalid('serverUrl')}
            aria-describedby={ids.serverHint}
            value={typed}
            onChange={(event) => setServer(event.target.value)}
            onBlur={() => setAddressChecked(typed.trim() !== '')}
          />
          <p id={ids.serverHint} className={addressProblem ? 'error' : 'muted'} role={addressProblem ? 'alert' : undefined}>
            {addressProblem ?? t('signIn.serverHint')}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.user}>{t('signIn.username')}</label>
        <input id={ids.user} autoComplete="username" aria-invalid={invalid('username')} value={username} onChange={(event) => setUsername(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('signIn.password')}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="current-password"
          aria-invalid={invalid('password')}
          aria-describedby={reply ? ids.message : undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
      </div>
      {reply && (
        <p id={ids.message} role="alert" className="error" data-testid="sign-in-message">
          {reply.message}
        </p>
      )}
      <div className="sign-in__actions">
        {/* aria-disabled rather than disabled: the button stays focusable, so keyboard and screen-reader users hear why. */}
        <button type="submit" aria-disabled={why !== null || busy ? true : undefined} aria-describedby={why ? ids.why : undefined}>
          {busy ? t('signIn.working') : t('signIn.action')}
        </button>
        {secondary}
      </div>
      {why && (
        <p id={ids.why} className="muted" data-testid="sign-in-why">
          {why}
        </p>
      )}
    </form>
  );
}

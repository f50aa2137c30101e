import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackOfficeState } from './back-office-state.js';
import { SignInForm } from './SignInForm.js';
import { SignOutButton } from './SignOutButton.js';

/**
 * The status bar's sign-in: who is signed in and "Abmelden", or "Anmelden" at any time, or — when the server
 * ended the sign-in — a clear prompt to sign in again. The form opens in a modal dialog over the current view,
 * so nothing typed elsewhere is lost.
 */
export function ServerSessionControl() {
  const { t } = useTranslation();
  const session = useBackOfficeState((state) => state.session);
  const [open, setOpen] = useState(false);
  if (!session) return null;

  if (session.status === 'signed-in') {
    return (
      <div className="topbar__session" data-testid="server-session">
        <span>{t('serverSession.signedInAs', { name: session.user?.displayName ?? '' })}</span>
        <SignOutButton className="topbar__button" label={t('serverSession.signOut')} />
      </div>
    );
  }
  return (
    <div className="topbar__session" data-testid="server-session">
      {session.status === 'expired' && (
        <span role="alert" className="topbar__alert">
          {t('serverSession.expired')}
        </span>
      )}
      <button type="button" className="topbar__button" onClick={() => setOpen(true)}>
        {session.status === 'expired' ? t('serverSession.signInAgain') : t('serverSession.signIn')}
      </button>
      {open && <SignInDialog message={session.message} onClose={() => setOpen(false)} />}
    </div>
  );
}

function SignInDialog({ message, onClose }: { message: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="sign-in-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="sign-in-dialog">
      <h2 id={titleId}>{t('serverSession.dialogTitle')}</h2>
      {message && <p>{message}</p>}
      <SignInForm
        headingId={titleId}
        onSignedIn={onClose}
        secondary={
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('serverSession.cancel')}
          </button>
        }
      />
    </dialog>
  );
}

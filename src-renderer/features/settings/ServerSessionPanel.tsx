import { useTranslation } from 'react-i18next';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { SignInForm } from '../../app/SignInForm.js';
import { SignOutButton } from '../../app/SignOutButton.js';

/** Einstellungen › Anmeldung am Server: who is signed in where, sign out; or the sign-in form. */
export function ServerSessionPanel() {
  const { t } = useTranslation('settings');
  const session = useBackOfficeState((state) => state.session);
  if (!session) return null;
  return (
    <section aria-labelledby="server-session-title" className="settings__panel" data-testid="settings-server-session">
      <h2 id="server-session-title">{t('serverSession.title')}</h2>
      {session.status === 'signed-in' ? (
        <>
          <p role="status">{t('serverSession.signedIn', { name: session.user?.displayName ?? '', url: session.serverUrl ?? '' })}</p>
          <p className="muted">{t('serverSession.stays')}</p>
          <SignOutButton label={t('serverSession.signOut')} />
        </>
      ) : (
        <>
          <p role={session.status === 'expired' ? 'alert' : undefined}>{session.status === 'expired' ? session.message : t('serverSession.signedOut')}</p>
          <SignInForm headingId="server-session-title" />
        </>
      )}
    </section>
  );
}

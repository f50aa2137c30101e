import { useTranslation } from 'react-i18next';
import { AGENCY_TIME_ZONE } from '../../src-shared/rules/berlin-time.js';
import type { SyncState } from '../../src-shared/store/status.js';
import { useBackOfficeState } from './back-office-state.js';
import { intlLocale } from './intl-locale.js';

type Status = 'backOfficeGone' | 'offline' | 'notSignedIn' | 'serverUnreachable' | 'syncing' | 'online';

export function syncStatus(backOffice: boolean, network: boolean, sync: SyncState | null): Status {
  if (!backOffice) return 'backOfficeGone';
  if (!network) return 'offline';
  if (!sync?.connected) return 'notSignedIn';
  const failedLast = sync.lastError && (!sync.lastSuccessAt || sync.lastError.at > sync.lastSuccessAt);
  if (failedLast) return 'serverUnreachable';
  return sync.running ? 'syncing' : 'online';
}

/**
 * Times are agency time (Europe/Berlin), like the calendar's, whatever zone the laptop is set to.
 * Online/offline and sync at a glance, in words as well as colour (WCAG 1.4.1), announced politely on change:
 * the counsellor sees whether a note has reached the server or still waits on this laptop.
 */
export function StatusIndicator() {
  const { t, i18n } = useTranslation();
  const { backOffice, network, sync } = useBackOfficeState();
  const status = syncStatus(backOffice, network, sync);
  const pending = sync?.pendingCount ?? 0;
  const lastSuccess = sync?.lastSuccessAt ? new Date(sync.lastSuccessAt).toLocaleTimeString(intlLocale(i18n.language), { hour: '2-digit', minute: '2-digit', timeZone: AGENCY_TIME_ZONE }) : null;
  return (
    <p className={`status status--${status}`} role="status" aria-live="polite" data-testid="connectivity">
      <span className="status__dot" aria-hidden="true" />
      <span>{t(`status.${status}`)}</span>
      {pending > 0 && <span className="status__detail">{t('status.pending', { count: pending })}</span>}
      {status === 'online' && lastSuccess && <span className="status__detail">{t('status.lastSync', { time: lastSuccess })}</span>}
    </p>
  );
}

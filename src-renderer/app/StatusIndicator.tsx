import { useTranslation } from 'react-i18next';
import { useConnectivity } from './connectivity-store.js';

/** Online/offline at a glance, in words as well as colour (WCAG 1.4.1), announced politely on change. */
export function StatusIndicator() {
  const { t } = useTranslation();
  const { network, server, backOffice } = useConnectivity();
  const state = !backOffice ? 'backOfficeGone' : !network ? 'offline' : server === 'reachable' ? 'online' : server === 'unreachable' ? 'serverUnreachable' : 'localOnly';
  return (
    <p className={`status status--${state}`} role="status" aria-live="polite" data-testid="connectivity">
      <span className="status__dot" aria-hidden="true" />
      {t(`status.${state}`)}
    </p>
  );
}

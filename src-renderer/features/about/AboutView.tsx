import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-shared/ipc/features/app.js';
import { bridge } from '../../bridge/index.js';
import { intlLocale } from '../../app/intl-locale.js';

/** Version and runtime, straight from the back office: what IT support asks for first. */
export default function AboutView() {
  const { t, i18n } = useTranslation('about');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    bridge.call['app.info']({}).then(setInfo, (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)));
  }, []);

  return (
    <section>
      <h1 id="view-title">{t('title')}</h1>
      {error && <p role="alert">{error}</p>}
      {!info && !error && <p role="status">{t('app:loading')}</p>}
      {info && (
        <dl className="facts" data-testid="about-facts">
          <dt>{t('version')}</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>{t('shell')}</dt>
          <dd data-testid="about-shell">{t(`shellName.${info.shell}`)}</dd>
          <dt>{t('platform')}</dt>
          <dd>{info.platform}</dd>
          <dt>{t('runtime')}</dt>
          <dd>
            Node {info.runtime.node}
            {info.runtime.electron && `, Electron ${info.runtime.electron}`}
            {info.runtime.chrome && `, Chromium ${info.runtime.chrome}`}
          </dd>
          <dt>{t('startedAt')}</dt>
          <dd>{new Date(info.startedAt).toLocaleString(intlLocale(i18n.language))}</dd>
        </dl>
      )}
    </section>
  );
}

import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { StatusIndicator } from './StatusIndicator.js';
import { LockButton, StoreGate } from './StoreGate.js';
import { useView } from './feature-views.js';
import { useNavigation } from './navigation-store.js';
import { routes } from './routes.js';
import { FirstRunWelcome } from '../features/first-run/FirstRunWelcome.js';

export function App() {
  const { t } = useTranslation();
  const route = useNavigation((state) => state.route);
  const mainRef = useRef<HTMLElement>(null);
  const view = useView(route);
  const needsStore = routes.find((item) => item.id === route)?.needsStore ?? true;

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} – ${t('product')}`;
  }, [route, t]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="topbar__product">{t('product')}</span>
        <StatusIndicator />
        <LockButton />
        <LanguageSwitch />
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {routes.map((item) => (
            <li key={item.id}>
              <a
                href={`#/${item.id}`}
                aria-current={item.id === route ? 'page' : undefined}
                onClick={() => requestAnimationFrame(() => mainRef.current?.focus())}
              >
                {t(`nav.${item.id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="content" aria-labelledby="view-title">
        <FirstRunWelcome />
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          {view.kind === 'loading' && <p role="status">{t('loading')}</p>}
          {view.kind === 'ready' &&
            (needsStore ? (
              <StoreGate>
                <view.View />
              </StoreGate>
            ) : (
              <view.View />
            ))}
          {(view.kind === 'missing' || view.kind === 'failed') && (
            <section>
              <h1 id="view-title">{t(`nav.${route}`)}</h1>
              <p role={view.kind === 'failed' ? 'alert' : undefined}>
                {view.kind === 'failed' ? t('viewFailed', { message: view.message }) : t('notYetAvailable')}
              </p>
            </section>
          )}
        </Suspense>
      </main>
    </div>
  );
}

import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { StatusIndicator } from './StatusIndicator.js';
import { LockButton, StoreGate } from './StoreGate.js';
import { useBackOfficeState } from './back-office-state.js';
import { useView } from './feature-views.js';
import { useNavigation } from './navigation-store.js';
import { homeRoute, routeAllowed, routes, routesFor } from './routes.js';
import { FirstRunGate } from '../features/first-run/FirstRunWelcome.js';
import { ServerSessionControl } from './ServerSessionControl.js';

export function App() {
  const { t } = useTranslation();
  const route = useNavigation((state) => state.route);
  const navigate = useNavigation((state) => state.navigate);
  const role = useBackOfficeState((state) => state.sync?.user?.role ?? null);
  const mainRef = useRef<HTMLElement>(null);
  const allowed = routeAllowed(route, role);
  const view = useView(route);
  const needsStore = routes.find((item) => item.id === route)?.needsStore ?? true;
  // An address that names no area leads to the role's first one; one that names an area the role cannot use
  // stays, and the view says why (a bookmark or a link from a colleague).
  const named = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] === route;

  useEffect(() => {
    if (!allowed && !named) navigate(homeRoute(role));
  }, [allowed, named, navigate, role]);

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
        <ServerSessionControl />
        <LockButton />
        <LanguageSwitch />
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {routesFor(role).map((item) => (
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
        <FirstRunGate>
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            {!allowed && (
              <section data-testid="route-not-for-role">
                <h1 id="view-title">{t(`nav.${route}`)}</h1>
                <p>{t('notForRole', { view: t(`nav.${route}`), role: t(`role.${role ?? 'counsellor'}`) })}</p>
                <p>
                  <a href={`#/${homeRoute(role)}`}>{t('goHome', { view: t(`nav.${homeRoute(role)}`) })}</a>
                </p>
              </section>
            )}
            {allowed && view.kind === 'loading' && <p role="status">{t('loading')}</p>}
            {allowed && view.kind === 'ready' &&
              (needsStore ? (
                <StoreGate>
                  <view.View />
                </StoreGate>
              ) : (
                <view.View />
              ))}
            {allowed && (view.kind === 'missing' || view.kind === 'failed') && (
              <section>
                <h1 id="view-title">{t(`nav.${route}`)}</h1>
                <p role={view.kind === 'failed' ? 'alert' : undefined}>
                  {view.kind === 'failed' ? t('viewFailed', { message: view.message }) : t('notYetAvailable')}
                </p>
              </section>
            )}
          </Suspense>
        </FirstRunGate>
      </main>
    </div>
  );
}

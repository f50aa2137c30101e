import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadView } from './app/feature-views.js';
import { useNavigation } from './app/navigation-store.js';
import { StartupError } from './app/StartupError.js';
import { markBackOfficeGone, watchBackOffice } from './app/back-office-state.js';
import { changeLanguage, initI18n } from './app/i18n.js';
import { watchUserActivity } from './app/user-activity.js';
import { bridge, initBridge } from './bridge/index.js';
import './app/app.css';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  // The first view's code loads while the back office connects, instead of after it.
  void loadView(useNavigation.getState().route);
  try {
    await initBridge(markBackOfficeGone);
  } catch (error) {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
    return;
  }
  const preferences = await bridge.call['preferences.get']({});
  await initI18n(preferences.language);
  bridge.on('preferences.changed', (next) => void changeLanguage(next.language));
  watchBackOffice();
  watchUserActivity();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GuestApp } from './GuestApp.js';
import { GuestErrorBoundary, PageFailure } from './GuestErrorBoundary.js';
import { reportProblem } from './guest-api.js';
import { initGuestI18n } from './i18n.js';
import { takeLinkFromLocation } from './link-token.js';
import '../call/call.css';
import './guest.css';

const root = createRoot(document.getElementById('root')!);
try {
  const link = takeLinkFromLocation();
  if (link.kind === 'malformed') reportProblem({ kind: link.problem, length: link.length });
  await initGuestI18n();
  root.render(
    <StrictMode>
      <GuestErrorBoundary>
        <GuestApp link={link} />
      </GuestErrorBoundary>
    </StrictMode>,
  );
} catch {
  // Session storage refused (a locked-down browser), translations not loaded …: still a page that says what to do.
  reportProblem({ kind: 'page_error', length: 0 });
  root.render(<PageFailure />);
}

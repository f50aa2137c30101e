/**
 * The guest page never goes blank: whatever breaks while it renders (or before, while it starts) leaves a page
 * that says what to do, with the telephone alternative. Its texts come straight from the locale files, not from
 * i18next, because a failed start may be the very reason it shows.
 */
import { Component, type ReactNode } from 'react';
import de from './locales/de.json';
import en from './locales/en.json';
import { reportProblem } from './guest-api.js';

export function PageFailure() {
  const texts = document.documentElement.lang === 'en' ? en : de;
  return (
    <>
      <header className="guest-header">
        <h1>{texts.title}</h1>
      </header>
      <main className="guest-main">
        <section aria-labelledby="page-failed-heading">
          <h2 id="page-failed-heading">{texts.pageFailed.heading}</h2>
          <p role="alert">{texts.pageFailed.text}</p>
          <p>
            <button type="button" className="guest-primary" onClick={() => location.reload()}>
              {texts.pageFailed.reload}
            </button>
          </p>
          <h3>{texts.alternative.heading}</h3>
          <p>{texts.alternative.text}</p>
          <p>
            <a href="tel:+498004555500">{texts.alternative.phone}</a>
            <br />
            {texts.alternative.hours}
          </p>
        </section>
      </main>
    </>
  );
}

export class GuestErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(): void {
    // Only that it happened: an error's text may quote the link or the guest's input.
    reportProblem({ kind: 'page_error', length: 0 });
  }

  override render() {
    return this.state.failed ? <PageFailure /> : this.props.children;
  }
}

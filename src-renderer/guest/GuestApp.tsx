/**
 * The customer's guest page: open link → consent (voluntary, with the telephone/in-person alternative always in
 * view) → camera and microphone preview → waiting room → the call (GuestCall, the shared call components).
 * Works in any current Chromium without install; all texts German by default, English switchable.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestLinkCheckReply } from '../../src-shared/signalling/guest-api.js';
import type { HelloAuth, ServerMessageOf } from '../../src-shared/signalling/messages.js';
import { BrowserSignalling, SignallingError } from '../call/browser-signalling.js';
import type { CallEnd } from '../call/call-mesh.js';
import { CallRoom } from '../call/CallRoom.js';
import type { LocalMedia } from '../call/local-media.js';
import { PreJoin, type PreJoinSettings } from '../call/PreJoin.js';
import { checkLink, giveConsent, GuestApiError } from './guest-api.js';
import { setGuestLanguage, type GuestLanguage } from './i18n.js';
import type { LinkRead } from './link-token.js';
import { forgetResume, loadResume, saveResume } from './resume-session.js';

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; code: string }
  | { kind: 'consent'; link: GuestLinkCheckReply }
  | { kind: 'devices'; link: GuestLinkCheckReply; consentId: string }
  | { kind: 'waiting'; link: GuestLinkCheckReply; signalling: BrowserSignalling; welcome: ServerMessageOf<'welcome'> }
  | { kind: 'call'; link: GuestLinkCheckReply; signalling: BrowserSignalling; welcome: ServerMessageOf<'welcome'>; admitted: ServerMessageOf<'admitted'> }
  | { kind: 'refused'; reason: ServerMessageOf<'refused'>['reason'] }
  | { kind: 'ended'; reason: 'waiting' | CallEnd };

const PROGRESS = ['consent', 'devices', 'waiting', 'call'] as const;
const KNOWN_CODES = new Set(['LINK_MALFORMED', 'LINK_TOO_LONG', 'LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED', 'LINK_REVOKED', 'LINK_CANCELLED', 'LINK_MOVED', 'LINK_ENDED', 'ROOM_CLOSED', 'WAITING_ROOM_FULL', 'RESUME_FAILED', 'CLOSED', 'BUSY']);

function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const next: GuestLanguage = i18n.language === 'en' ? 'de' : 'en';
  return (
    <button type="button" className="guest-language" lang={next} aria-label={t('language.switchToLabel')} onClick={() => void setGuestLanguage(next)}>
      {t('language.switchTo')}
    </button>
  );
}

function Alternative({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="guest-alternative" open={open}>
      <summary>{t('alternative.show')}</summary>
      <h3>{t('alternative.heading')}</h3>
      <p>{t('alternative.text')}</p>
      <p>
        <a href="tel:+498004555500">{t('alternative.phone')}</a>
        <br />
        {t('alternative.hours')}
      </p>
    </details>
  );
}

function Progress({ step }: { step: Step['kind'] }) {
  const { t } = useTranslation();
  const index = PROGRESS.indexOf(step as (typeof PROGRESS)[number]);
  if (index < 0) return null;
  return (
    <nav aria-label={t('steps.label')}>
      <ol className="guest-progress">
        {PROGRESS.map((name, i) => (
          <li key={name} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : i === index ? 'current' : ''}>
            {t(`steps.${name}`)}
          </li>
        ))}
      </ol>
      <p className="visually-hidden">{t('stepOf', { current: index + 1, total: PROGRESS.length })}</p>
    </nav>
  );
}

/** Moves keyboard and screen-reader focus to the new step's heading. */
function useFocusHeading(key: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [key]);
  return ref;
}

function ConsentStep({ link, linkToken, onConsent }: { link: GuestLinkCheckReply; linkToken: string; onConsent: (consentId: string, name: string) => void }) {
  const { t, i18n } = useTranslation();
  const heading = useFocusHeading('consent');
  // Reloaded after entering the waiting room: the place kept for this tab, if any (read once, at the start).
  const [kept] = useState(() => (linkToken ? loadResume(linkToken) : null));
  const [name, setName] = useState(kept?.displayName ?? '');
  const [agreed, setAgreed] = useState(false);
  const [problem, setProblem] = useState<'name' | 'checkbox' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const until = new Date(link.expiresAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('name');
    if (!agreed) return setProblem('checkbox');
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      const reply = await giveConsent(linkToken);
      onConsent(reply.consentId, name.trim());
    } catch (cause) {
      const code = cause instanceof GuestApiError ? cause.code : 'NETWORK';
      setError(failureText(t, code));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading" ref={heading} tabIndex={-1}>
        {t('consent.heading')}
      </h2>
      <p>{t('invited', { role: t(`roles.${link.role}`), until })}</p>
      <p className="guest-lead">{t('consent.intro')}</p>
      <ul>
        <li>{t('consent.points.p2p')}</li>
        <li>{t('consent.points.participants')}</li>
        <li>{t('consent.points.withdraw')}</li>
      </ul>
      <p className="guest-small">{t('consent.version', { version: link.consentTextVersion })}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="guest-field">
          <label htmlFor="guest-name">{t('consent.name')}</label>
          <input
            id="guest-name"
            name="name"
            autoComplete="name"
            maxLength={80}
            value={name}
            aria-describedby="guest-name-hint"
            aria-invalid={problem === 'name'}
            aria-errormessage={problem === 'name' ? 'guest-name-error' : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          <p id="guest-name-hint" className="guest-small">
            {t('consent.nameHint')}
          </p>
          {problem === 'name' && (
            <p id="guest-name-error" className="guest-error" role="alert">
              {t('consent.nameMissing')}
            </p>
          )}
        </div>
        <div className="guest-check">
          <input id="guest-consent" type="checkbox" checked={agreed} aria-invalid={problem === 'checkbox'} aria-errormessage={problem === 'checkbox' ? 'guest-consent-error' : undefined} onChange={(event) => setAgreed(event.target.checked)} />
          <label htmlFor="guest-consent">{t('consent.checkbox')}</label>
        </div>
        {problem === 'checkbox' && (
          <p id="guest-consent-error" className="guest-error" role="alert">
            {t('consent.checkboxMissing')}
          </p>
        )}
        {error && (
          <p className="guest-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="guest-primary" disabled={busy}>
          {busy ? t('consent.sending') : t('consent.submit')}
        </button>
      </form>
      <Alternative open={false} />
    </section>
  );
}

/** The text of a failure: the server's and the page's codes have their own; anything else gets the general one. */
function failureText(t: (key: string) => string, code: string): string {
  if (code === 'NO_LINK') return t('error.noLink');
  if (code === 'NETWORK') return t('error.network');
  return KNOWN_CODES.has(code) ? t(`error.codes.${code}`) : t('error.unexpected');
}

export function GuestApp({ link }: { link: LinkRead }) {
  const { t } = useTranslation();
  const linkToken = link.kind === 'link' ? link.token : null;
  const [step, setStep] = useState<Step>(() =>
    linkToken ? { kind: 'loading' } : { kind: 'failed', code: link.kind === 'malformed' ? (link.problem === 'link_too_long' ? 'LINK_TOO_LONG' : 'LINK_MALFORMED') : 'NO_LINK' },
  );
  // Reloaded after entering the waiting room: the place kept for this tab, if any (read once, at the start).
  const [kept] = useState(() => (linkToken ? loadResume(linkToken) : null));
  const [name, setName] = useState(kept?.displayName ?? '');
  const [settings, setSettings] = useState<PreJoinSettings>({ audioMuted: false, videoOff: false, speakerId: null });
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [joining, setJoining] = useState(false);
  const [resuming, setResuming] = useState(false);
  const heading = useFocusHeading(step.kind);

  /** Connect (a new guest, or a place kept across a reload) and follow the participation's steps. */
  const join = useCallback(async (link: GuestLinkCheckReply, linkToken: string, auth: HelloAuth, displayName: string) => {
    const signalling = new BrowserSignalling({ serverUrl: location.origin, auth, displayName });
    let closed = false;
    signalling.onState((state) => setResuming(state === 'resuming'));
    let shownAs = displayName;
    signalling.onMessage((message) => {
      // Every welcome (first, and after each resume) and every heartbeat's `resume.token` carries a fresh token,
      // each good once: a reload resumes with the latest.
      if (message.type === 'welcome') {
        shownAs = message.self.displayName;
        saveResume(linkToken, { resumeToken: message.resumeToken, displayName: shownAs, details: link });
      } else if (message.type === 'resume.token') saveResume(linkToken, { resumeToken: message.resumeToken, displayName: shownAs, details: link });
      else if (message.type === 'admitted') setStep((current) => (current.kind === 'waiting' ? { kind: 'call', link, signalling, welcome: current.welcome, admitted: message } : current));
      else if (message.type === 'refused') {
        forgetResume();
        setStep({ kind: 'refused', reason: message.reason });
      } else if (message.type === 'room.closed') {
        // Ended while waiting, or while this page was reconnecting (also after a reload): the closing page. In the
        // call the call itself ends on the same message and reports it.
        closed = true;
        forgetResume();
        setStep((current) => (current.kind === 'call' ? current : { kind: 'ended', reason: message.reason }));
      }
    });
    try {
      const welcome = await signalling.connect();
      // A resumed participant may already be admitted.
      if (welcome.state === 'admitted') setStep({ kind: 'call', link, signalling, welcome, admitted: { type: 'admitted', participants: welcome.participants, iceServers: welcome.iceServers, iceExpiresAt: welcome.iceExpiresAt } });
      else setStep({ kind: 'waiting', link, signalling, welcome });
    } catch (cause) {
      // The server said why it closed: that page stays.
      if (closed) return;
      const code = cause instanceof SignallingError ? cause.code : 'CLOSED';
      // The server refused for good (grace period over, link used …): the stored place is worthless now. After a
      // mere network failure it is kept, so a reload within the grace period still gets back in.
      if (code !== 'CLOSED' && code !== 'BUSY') forgetResume();
      setStep({ kind: 'failed', code });
    }
  }, []);

  useEffect(() => {
    if (!linkToken) return;
    // A single-use link is used up once in the waiting room (its check fails with LINK_USED), so a kept place is
    // taken up instead; the server decides whether the grace period still holds it.
    let cancelled = false;
    if (kept) {
      // After this render, and only once (StrictMode mounts twice in development; two resumes would replace each other).
      void Promise.resolve().then(async () => {
        if (!cancelled) await join(kept.details, linkToken, { kind: 'resume', resumeToken: kept.resumeToken }, kept.displayName);
      });
      return () => {
        cancelled = true;
      };
    }
    checkLink(linkToken).then(
      (link) => !cancelled && setStep({ kind: 'consent', link }),
      (cause: unknown) => !cancelled && setStep({ kind: 'failed', code: cause instanceof GuestApiError ? cause.code : 'NETWORK' }),
    );
    return () => {
      cancelled = true;
    };
  }, [linkToken, join, kept]);

  const enterWaitingRoom = useCallback(async () => {
    if (step.kind !== 'devices' || !linkToken) return;
    setJoining(true);
    try {
      await join(step.link, linkToken, { kind: 'guest', link: linkToken, consentId: step.consentId }, name);
    } finally {
      setJoining(false);
    }
  }, [step, linkToken, name, join]);

  const leaveWaitingRoom = useCallback(async () => {
    if (step.kind !== 'waiting') return;
    forgetResume();
    await step.signalling.leave(false);
    media?.stop();
    setStep({ kind: 'ended', reason: 'waiting' });
  }, [step, media]);

  let body;
  switch (step.kind) {
    case 'loading':
      body = (
        <p role="status" className="guest-status">
          {t('loading')}
        </p>
      );
      break;
    case 'failed': {
      const text = failureText(t, step.code);
      body = (
        <section aria-labelledby="failed-heading">
          <h2 id="failed-heading" ref={heading} tabIndex={-1}>
            {t('error.heading')}
          </h2>
          <p role="alert">{text}</p>
          <Alternative open />
        </section>
      );
      break;
    }
    case 'consent':
      body = <ConsentStep link={step.link} linkToken={linkToken ?? ''} onConsent={(consentId, given) => (setName(given), setStep({ kind: 'devices', link: step.link, consentId }))} />;
      break;
    case 'devices':
    case 'waiting':
      body = (
        <section aria-labelledby="devices-heading">
          <h2 id="devices-heading" ref={heading} tabIndex={-1}>
            {step.kind === 'devices' ? t('devices.heading') : t('waiting.heading')}
          </h2>
          <PreJoin role={step.link.role} name={name} settings={settings} onSettings={setSettings} onMedia={setMedia}>
            {step.kind === 'devices' ? (
              <>
                <p>{t('devices.intro')}</p>
                {!media && <p className="guest-small">{t('devices.needMedia')}</p>}
                <button type="button" className="guest-primary" disabled={!media || joining} onClick={() => void enterWaitingRoom()}>
                  {joining ? t('devices.joining') : t('devices.join')}
                </button>
              </>
            ) : (
              <>
                <p role="status" className="guest-status">
                  {resuming ? t('waiting.resuming') : t('waiting.text')}
                </p>
                <button type="button" onClick={() => void leaveWaitingRoom()}>
                  {t('waiting.leave')}
                </button>
              </>
            )}
          </PreJoin>
          <Alternative open={false} />
        </section>
      );
      break;
    case 'call':
      body = media ? (
        <section aria-label={t('steps.call')}>
          <CallRoom
            signalling={step.signalling}
            self={step.welcome.self}
            participants={step.admitted.participants}
            iceServers={step.admitted.iceServers}
            iceExpiresAt={step.admitted.iceExpiresAt}
            media={media}
            audioMuted={settings.audioMuted}
            videoOff={settings.videoOff}
            speakerId={settings.speakerId}
            onEnded={(reason) => (forgetResume(), setStep({ kind: 'ended', reason }))}
          />
        </section>
      ) : (
        // Resumed straight into the call after a reload: camera and microphone have to be opened again first.
        <PreJoin role={step.link.role} name={name} settings={settings} onSettings={setSettings} onMedia={setMedia}>
          <p role="alert">{t('devices.needMedia')}</p>
        </PreJoin>
      );
      break;
    case 'refused':
      body = (
        <section aria-labelledby="refused-heading">
          <h2 id="refused-heading" ref={heading} tabIndex={-1}>
            {t('refused.heading')}
          </h2>
          <p role="alert">{t(`refused.${step.reason}`)}</p>
          <Alternative open />
        </section>
      );
      break;
    case 'ended':
      body = (
        <section aria-labelledby="ended-heading">
          <h2 id="ended-heading" ref={heading} tabIndex={-1}>
            {t('ended.heading')}
          </h2>
          <p>{step.reason === 'waiting' ? t('ended.left') : t(`call:ended.${step.reason}`)}</p>
          <p>{t('ended.thanks')}</p>
        </section>
      );
      break;
  }

  return (
    <>
      <header className="guest-header">
        <h1>{t('title')}</h1>
        <LanguageToggle />
      </header>
      <main className="guest-main">
        <Progress step={step.kind} />
        {body}
      </main>
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, Channel, ConsentRecord } from '../../../src-shared/domain/appointment.js';
import {
  allowedChannels,
  appointmentFindings,
  consentStatus,
  isHealthData,
  tvzOf,
  videoStartFindings,
  type Finding,
  type NoteState,
} from '../../../src-shared/rules/index.js';
import { appointmentHref } from '../../app/routes.js';
import { useReadOnly } from '../../app/back-office-state.js';
import { Invitations } from '../invitations/Invitations.js';
import { useCalendar } from './calendar-store.js';
import { formatDate, formatDateTime, formatTime } from './dates.js';

type Reason = 'customer_request' | 'technical' | 'rule';

function findingText(t: (key: string, options?: Record<string, unknown>) => string, finding: Finding, appointment: Appointment): string {
  if (finding.code === 'TVZ_UEBERSCHRITTEN') return t(`finding.${finding.code}`, { days: tvzOf(appointment)?.workingDays ?? '?' });
  return t(`finding.${finding.code}`);
}

/** Details, rule notices and actions of one appointment; every action is an offline write through the outbox. */
export function AppointmentPanel({ appointment, noteState, onClose }: { appointment: Appointment; noteState: NoteState; onClose(): void }) {
  const { t, i18n } = useTranslation('calendar');
  const { setStatus, setChannel, recordConsent, withdrawConsent } = useCalendar.getState();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const channels = allowedChannels(appointment.type).filter((channel) => channel !== appointment.channel);
  const [chosenChannel, setNewChannel] = useState<Channel | ''>(channels[0] ?? '');
  // After a change the current channel leaves the options; fall back to the first remaining one.
  const channel = chosenChannel && channels.includes(chosenChannel) ? chosenChannel : (channels[0] ?? '');
  const [reason, setReason] = useState<Reason>('customer_request');
  const [via, setVia] = useState<ConsentRecord['via']>('telefon');
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The panel is keyed per appointment: the time it opened decides whether the appointment has begun.
  const [openedAt] = useState(() => Date.now());
  const readOnly = useReadOnly();

  // The parent keys this panel by appointment, so state starts fresh for each one; focus follows the selection.
  useEffect(() => {
    headingRef.current?.focus();
  }, [appointment.id]);

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      setMessage({ kind: 'ok', text: t('panel.saved') });
    } catch (error) {
      setMessage({ kind: 'error', text: t('panel.failed', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const findings = appointmentFindings(appointment, noteState);
  const consent = consentStatus(appointment);
  const tvz = tvzOf(appointment);
  const canStartVideo = appointment.channel === 'video' && appointment.status === 'planned' && videoStartFindings(appointment).length === 0;
  const settled = appointment.status !== 'planned';
  const started = Date.parse(appointment.start) <= openedAt;
  const noteHref = appointmentHref('vermerke', appointment.id);

  return (
    <aside className="appointment-panel" aria-labelledby="appointment-panel-title" data-testid="appointment-panel"
      onKeyDown={(event) => { if (event.key === 'Escape') onClose(); }}>
      <div className="appointment-panel__head">
        <h2 id="appointment-panel-title" tabIndex={-1} ref={headingRef}>
          {t('panel.title')}: {t(`type.${appointment.type}`)}
        </h2>
        <button type="button" onClick={onClose}>{t('panel.close')}</button>
      </div>
      <dl className="facts">
        <dt>{t('panel.time')}</dt>
        <dd>
          {formatDate(appointment.start.slice(0, 10), i18n.language)}, {formatTime(appointment.start, i18n.language)}–{formatTime(appointment.end, i18n.language)}
        </dd>
        <dt>{t('panel.customer')}</dt>
        <dd data-testid="panel-customer">{appointment.customer.displayName}</dd>
        <dt>{t('panel.channel')}</dt>
        <dd data-testid="panel-channel">{t(`channel.${appointment.channel}`)}</dd>
        <dt>{t('panel.fachdienst')}</dt>
        <dd>
          {appointment.fachdienst}
          {isHealthData(appointment) && <span className="badge badge--warn">{t('healthData')}</span>}
        </dd>
        <dt>{t('panel.status')}</dt>
        <dd data-testid="panel-status">{t(`status.${appointment.status}`)}</dd>
        <dt>{t('panel.consent')}</dt>
        <dd data-testid="panel-consent">
          {t(`consent.${consent}`)}
          {/* When, how and on which text the customer consented (202209001 §2.1): the record, not just its result. */}
          {appointment.consent && (
            <span className="panel-detail" data-testid="panel-consent-details">
              {t('panel.consentDetails', {
                at: formatDateTime(appointment.consent.givenAt, i18n.language),
                via: t(`panel.via.${appointment.consent.via}`),
                version: appointment.consent.textVersion,
              })}
              {appointment.consent.withdrawnAt && ` ${t('panel.consentWithdrawnAt', { at: formatDateTime(appointment.consent.withdrawnAt, i18n.language) })}`}
            </span>
          )}
        </dd>
        {tvz && (
          <>
            <dt>{t('panel.tvz')}</dt>
            <dd>{t('panel.tvzValue', { days: tvz.workingDays, date: formatDate(tvz.registeredOn, i18n.language) })}</dd>
          </>
        )}
        <dt>{t('panel.note')}</dt>
        <dd data-testid="panel-note">{t(`note.${noteState}`)}</dd>
      </dl>

      {findings.length > 0 && (
        <section aria-labelledby="appointment-hints">
          <h3 id="appointment-hints">{t('panel.hints')}</h3>
          <ul className="findings">
            {findings.map((finding) => (
              <li key={finding.code} className={`notice notice--${finding.severity === 'refusal' ? 'bad' : 'warn'}`} data-code={finding.code}>
                {findingText(t, finding, appointment)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {readOnly && <p className="hint" data-testid="panel-read-only">{t('panel.readOnly')}</p>}
      {!readOnly && (
      <section aria-labelledby="appointment-actions">
        <h3 id="appointment-actions">{t('panel.actions')}</h3>
        <div className="actions">
          {canStartVideo && <a className="button button--primary" href={appointmentHref('sitzung', appointment.id)}>{t('panel.startCall')}</a>}
          {noteState !== 'not_required' && (
            <a className="button button--secondary" href={noteHref} data-testid="open-note">{noteState === 'written' ? t('panel.openNote') : t('panel.writeNote')}</a>
          )}
          {/* Held and no-show only from the start of the appointment on (statusChangeRefusal). */}
          <button type="button" disabled={!started || appointment.status === 'held'} onClick={() => void run(() => setStatus(appointment.id, 'held'))}>{t('panel.markHeld')}</button>
          <button type="button" disabled={!started || appointment.status === 'no_show'} onClick={() => void run(() => setStatus(appointment.id, 'no_show'))}>{t('panel.markNoShow')}</button>
          <button type="button" disabled={appointment.status === 'cancelled'} onClick={() => void run(() => setStatus(appointment.id, 'cancelled'))}>{t('panel.markCancelled')}</button>
        </div>

        {!settled && channels.length === 0 && (
          <p className="hint" data-testid="panel-channel-fixed">{t(`panel.channelFixed.${appointment.type === 'erstgespraech_alo' ? 'erstgespraech_alo' : 'other'}`)}</p>
        )}
        {!settled && channels.length > 0 && (
          <form className="inline-form" onSubmit={(event) => { event.preventDefault(); if (channel) void run(() => setChannel(appointment.id, channel, reason)); }}>
            <fieldset>
              <legend>{t('panel.changeChannel')}</legend>
              <label>
                {t('panel.newChannel')}
                <select value={channel} onChange={(event) => setNewChannel(event.target.value as Channel)}>
                  {channels.map((option) => <option key={option} value={option}>{t(`channel.${option}`)}</option>)}
                </select>
              </label>
              <label>
                {t('panel.reason')}
                <select value={reason} onChange={(event) => setReason(event.target.value as Reason)}>
                  {(['customer_request', 'technical', 'rule'] as const).map((option) => <option key={option} value={option}>{t(`panel.reasons.${option}`)}</option>)}
                </select>
              </label>
              <button type="submit">{t('panel.applyChannel')}</button>
            </fieldset>
          </form>
        )}

        {!settled && appointment.channel === 'video' && consent === 'missing' && (
          <form className="inline-form" onSubmit={(event) => { event.preventDefault(); void run(() => recordConsent(appointment.id, via)); }}>
            <fieldset>
              <legend>{t('panel.recordConsent')}</legend>
              <label>
                {t('panel.consentVia')}
                <select value={via} onChange={(event) => setVia(event.target.value as ConsentRecord['via'])}>
                  {(['telefon', 'praesenz', 'schriftlich', 'guest_page'] as const).map((option) => <option key={option} value={option}>{t(`panel.via.${option}`)}</option>)}
                </select>
              </label>
              <button type="submit">{t('panel.saveConsent')}</button>
            </fieldset>
          </form>
        )}
        {!settled && consent === 'given' && (
          <p>
            <button type="button" onClick={() => void run(() => withdrawConsent(appointment.id))}>{t('panel.withdrawConsent')}</button>
            <span className="hint"> {t('panel.withdrawHint')}</span>
          </p>
        )}
      </section>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={`notice notice--${message.kind === 'error' ? 'bad' : 'ok'}`}>{message.text}</p>}
      {!readOnly && appointment.channel === 'video' && !settled && <Invitations appointment={appointment} />}
    </aside>
  );
}


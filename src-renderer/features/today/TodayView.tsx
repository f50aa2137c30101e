/**
 * The counsellor's start page ("Heute"): who waits in which waiting room (with a visible and an audible cue),
 * the day's appointments with the next one first and one click into the next video consultation, this device's
 * last readiness verdict and the Beratungsvermerke still overdue. Appointments come from the encrypted cache, so
 * they show offline; read again after every sync and note change. The waiting rooms come from the back office's
 * watch (services/waiting), pushed as `waiting.changed`.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { WaitingSnapshot } from '../../../src-shared/ipc/features/waiting.js';
import { addCalendarDays, berlinDate } from '../../../src-shared/rules/index.js';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { appointmentHref } from '../../app/routes.js';
import { bridge } from '../../bridge/index.js';
import { formatDate, formatTime, today } from '../calendar/dates.js';
import '../calendar/workday.css';
import { WINDOW_DAYS } from '../notes/notes-store.js';
import { ReadinessVerdict } from '../session/ReadinessVerdict.js';
import { startSession } from '../session/start-session.js';
import { dayPlan } from './day-plan.js';
import './today.css';
import { playWaitingTone } from './waiting-tone.js';

/** How often "now" moves on, so an appointment that ended leaves the top without a reload. */
const CLOCK_MS = 30_000;

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface DayData {
  readonly date: string;
  readonly appointments: readonly Appointment[];
  readonly overdue: readonly Appointment[];
}

/** The day's appointments and the overdue notes of the notes view's window, again after every sync or note change. */
function useDayData(date: string): { data: DayData | null; error: string | null } {
  const lastSync = useBackOfficeState((state) => state.sync?.lastSuccessAt ?? null);
  const [data, setData] = useState<DayData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notesChanged, setNotesChanged] = useState(0);
  useEffect(() => bridge.on('notes.changed', () => setNotesChanged((count) => count + 1)), []);
  useEffect(() => {
    let current = true;
    const span = { from: addCalendarDays(date, -(WINDOW_DAYS - 1)), to: date };
    Promise.all([bridge.call['appointments.range'](span), bridge.call['notes.states'](span)]).then(
      ([{ items }, { items: states }]) => {
        if (!current) return;
        const overdueIds = new Set(states.filter((state) => state.state === 'overdue').map((state) => state.appointmentId));
        setData({
          date,
          appointments: items.filter((appointment) => berlinDate(appointment.start) === date),
          // Oldest first: the longest overdue is the most pressing.
          overdue: items.filter((appointment) => overdueIds.has(appointment.id)).sort((a, b) => a.start.localeCompare(b.start)),
        });
        setError(null);
      },
      (cause: unknown) => current && setError(cause instanceof Error ? cause.message : String(cause)),
    );
    return () => {
      current = false;
    };
  }, [date, lastSync, notesChanged]);
  return { data, error };
}

/** Guests already announced with the tone in this window: coming back to "Heute" does not beep again. */
const announced = new Set<string>();

/** The back office's latest word on the waiting rooms, and the tone for every guest not announced before. */
function useWaiting(): WaitingSnapshot | null {
  const [snapshot, setSnapshot] = useState<WaitingSnapshot | null>(null);
  useEffect(() => {
    let current = true;
    let pushed = false;
    const off = bridge.on('waiting.changed', (next) => {
      pushed = true;
      setSnapshot(next);
    });
    bridge.call['waiting.list']({}).then(
      (first) => current && !pushed && setSnapshot(first),
      () => {},
    );
    return () => {
      current = false;
      off();
    };
  }, []);
  useEffect(() => {
    const arrived = (snapshot?.guests ?? []).filter((guest) => !announced.has(guest.participantId));
    if (!arrived.length) return;
    for (const guest of arrived) announced.add(guest.participantId);
    playWaitingTone();
  }, [snapshot]);
  return snapshot;
}

function WaitingRooms({ snapshot, appointments, now }: { snapshot: WaitingSnapshot | null; appointments: readonly Appointment[]; now: Date }) {
  const { t, i18n } = useTranslation('today');
  const guests = snapshot?.guests ?? [];
  const summary =
    guests.length > 0
      ? t('waiting.count', { count: guests.length })
      : snapshot?.state === 'signed_out'
        ? t('waiting.signedOut')
        : snapshot?.state === 'unreachable'
          ? t('waiting.unreachable')
          : t('waiting.none');
  return (
    <section aria-labelledby="today-waiting" className={guests.length ? 'today-waiting today-waiting--active' : 'today-waiting'} data-testid="today-waiting">
      <h2 id="today-waiting">{t('waiting.title')}</h2>
      <p role="status" className={guests.length ? 'today-waiting__summary' : 'hint'}>
        {summary}
      </p>
      {guests.length > 0 && (
        <ul className="today-list">
          {guests.map((guest) => {
            const appointment = appointments.find((candidate) => candidate.id === guest.appointmentId);
            const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(guest.since)) / 60_000));
            const room = appointment
              ? t('waiting.room', { time: formatTime(appointment.start, i18n.language), customer: appointment.customer.displayName })
              : t('waiting.roomUnknown');
            return (
              <li key={guest.participantId} className="today-entry today-entry--waiting" data-testid="today-waiting-guest" data-appointment-id={guest.appointmentId}>
                <span className="today-entry__time">{formatTime(guest.since, i18n.language)}</span>
                <span className="today-entry__who">
                  <strong>{guest.displayName}</strong> ({t(`waiting.roles.${guest.role}`)}) {t('waiting.since', { count: minutes })}
                </span>
                <span className="hint">{room}</span>
                <span className="actions">
                  <button type="button" className="button--primary" aria-label={t('waiting.letInOf', { name: guest.displayName, room })} onClick={() => startSession(guest.appointmentId)}>
                    {t('waiting.letIn')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function AppointmentEntry({ appointment, next, onStart }: { appointment: Appointment; next: boolean; onStart: (() => void) | null }) {
  const { t, i18n } = useTranslation('today');
  const time = `${formatTime(appointment.start, i18n.language)}–${formatTime(appointment.end, i18n.language)}`;
  return (
    <li className={next ? 'today-entry today-entry--next' : 'today-entry'} data-testid="today-appointment" data-appointment-id={appointment.id}>
      <span className="today-entry__time">{time}</span>
      <span className="today-entry__who">
        {next && <strong className="today-entry__next">{t('next')}: </strong>}
        {appointment.customer.displayName}
      </span>
      <span className="hint">
        {t(`calendar:type.${appointment.type}`)} · {t(`calendar:channel.${appointment.channel}`)}
        {appointment.status !== 'planned' && ` · ${t(`calendar:status.${appointment.status}`)}`}
      </span>
      <span className="actions">
        {onStart && (
          <button type="button" className="button--primary" onClick={onStart}>
            {t('startVideo')}
          </button>
        )}
        <a href={`#/kalender?appointment=${encodeURIComponent(appointment.id)}`} aria-label={t('openInCalendarOf', { customer: appointment.customer.displayName, time })}>
          {t('openInCalendar')}
        </a>
      </span>
    </li>
  );
}

export default function TodayView() {
  const { t, i18n } = useTranslation('today');
  const now = useNow();
  const date = today();
  const { data, error } = useDayData(date);
  const plan = data ? dayPlan(data.appointments, now) : null;
  const waiting = useWaiting();

  return (
    <section className="today" aria-labelledby="view-title">
      <h1 id="view-title">
        {t('title')} <span className="today__date">{formatDate(date, i18n.language, { dateStyle: 'full' })}</span>
      </h1>
      {error && (
        <p className="notice notice--bad" role="alert">
          {t('loadFailed', { message: error })}
        </p>
      )}
      <WaitingRooms snapshot={waiting} appointments={data?.appointments ?? []} now={now} />
      {!data && !error && <p role="status">{t('loading')}</p>}
      {plan && data && (
        <>
          <section aria-labelledby="today-ahead">
            <h2 id="today-ahead">{t('ahead')}</h2>
            {plan.ahead.length ? (
              <ol className="today-list" data-testid="today-ahead">
                {plan.ahead.map((appointment, index) => (
                  <AppointmentEntry
                    key={appointment.id}
                    appointment={appointment}
                    next={index === 0}
                    onStart={appointment.id === plan.nextVideo?.id ? () => startSession(appointment.id) : null}
                  />
                ))}
              </ol>
            ) : (
              <p className="hint">{data.appointments.length ? t('nothingAhead') : t('noAppointments')}</p>
            )}
          </section>
          {plan.over.length > 0 && (
            <section aria-labelledby="today-over">
              <h2 id="today-over">{t('over')}</h2>
              <ol className="today-list" data-testid="today-over">
                {plan.over.map((appointment) => (
                  <AppointmentEntry key={appointment.id} appointment={appointment} next={false} onStart={null} />
                ))}
              </ol>
            </section>
          )}
          <section aria-labelledby="today-notes">
            <h2 id="today-notes">{t('overdue.title', { count: data.overdue.length })}</h2>
            {data.overdue.length ? (
              <ul className="today-list" data-testid="today-overdue">
                {data.overdue.map((appointment) => (
                  <li key={appointment.id}>
                    <a href={appointmentHref('vermerke', appointment.id)}>
                      {t('overdue.entry', {
                        date: formatDate(berlinDate(appointment.start), i18n.language),
                        time: formatTime(appointment.start, i18n.language),
                        customer: appointment.customer.displayName,
                        type: t(`calendar:type.${appointment.type}`),
                      })}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('overdue.none', { days: WINDOW_DAYS })}</p>
            )}
          </section>
        </>
      )}
      <section aria-labelledby="today-device">
        <h2 id="today-device">{t('device')}</h2>
        <ReadinessVerdict />
      </section>
    </section>
  );
}

import { CALENDARS, clusterEvent, toEvent } from './schedule.js';
import { createViewDay, createViewWeek } from '@schedule-x/calendar';
import { createCalendarControlsPlugin } from '@schedule-x/calendar-controls';
import { ScheduleXCalendar, useCalendarApp } from '@schedule-x/react';
import { deDE, enGB } from '@schedule-x/translations';
import '@schedule-x/theme-default/dist/index.css';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar, watchSync } from './calendar-store.js';
import { AppointmentPanel } from './AppointmentPanel.js';
import { ClusterPanel } from './ClusterPanel.js';
import { gridItems, isClusterId, type GridItem } from './grid-items.js';
import { DayLoad } from './DayLoad.js';
import { openLinkedAppointment } from './deep-link.js';
import { formatDate, formatDateTime, visibleRange, WEEK_DAYS } from './dates.js';
import { AGENCY_TIME_ZONE } from '../../../src-shared/rules/berlin-time.js';
import './workday.css';
import './calendar.css';

/**
 * The counsellor's day and week from the encrypted local cache, usable offline: each appointment shows time,
 * customer (the server sends only the pseudonym to roles that may not see the person), type, channel,
 * Fachdienst, status and a missing note; the "Stand" says when the cache last matched the server.
 */
export default function CalendarView() {
  const { t, i18n } = useTranslation('calendar');
  const state = useCalendar();
  const { view, date, noteStates, sync, loadState, error, selectedId } = state;
  const appointments = useVisibleAppointments();
  const items = useMemo(() => gridItems(appointments), [appointments]);

  useEffect(() => {
    // Watch first: it forgets windows remembered from the calendar's last visit before the load looks for them.
    const stop = watchSync();
    void useCalendar.getState().load();
    void openLinkedAppointment(window.location.hash);
    const onHash = () => void openLinkedAppointment(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      stop();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const range = visibleRange(view, date);
  const selected = appointments.find((appointment) => appointment.id === selectedId) ?? null;
  const selectedCluster =
    selectedId && isClusterId(selectedId)
      ? (items.find((item): item is Extract<GridItem, { kind: 'cluster' }> => item.kind === 'cluster' && item.cluster.id === selectedId)?.cluster ?? null)
      : null;
  const overdue = appointments.filter((appointment) => noteStates[appointment.id] === 'overdue').length;
  const loadDate = view === 'day' ? date : selected ? selected.start.slice(0, 10) : selectedCluster ? selectedCluster.date : date < range.from || date > range.to ? range.from : date;

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey) return;
    if (event.key === 'ArrowLeft') state.page(-1);
    else if (event.key === 'ArrowRight') state.page(1);
    else if (event.key === 'Home') state.goToday();
    else return;
    event.preventDefault();
  };

  return (
    <section className="calendar-view" aria-labelledby="view-title" onKeyDown={onKeyDown}>
      <h1 id="view-title">{t('title')}</h1>
      <div className="calendar-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <button type="button" onClick={() => state.page(-1)} data-testid="calendar-previous">
          {view === 'week' ? t('toolbar.previousWeek') : t('toolbar.previousDay')}
        </button>
        <button type="button" onClick={() => state.goToday()} data-testid="calendar-today">{t('toolbar.today')}</button>
        <button type="button" onClick={() => state.page(1)} data-testid="calendar-next">
          {view === 'week' ? t('toolbar.nextWeek') : t('toolbar.nextDay')}
        </button>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('toolbar.view')}</legend>
          {(['day', 'week'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="calendar-view" value={option} checked={view === option} onChange={() => state.setView(option)} />
              {t(`toolbar.${option}`)}
            </label>
          ))}
        </fieldset>
        <label className="calendar-search">
          {t('toolbar.search')}
          <input type="search" value={state.query} onChange={(event) => state.setQuery(event.target.value)} data-testid="calendar-search" />
        </label>
        <p className="calendar-range" aria-live="polite" data-testid="calendar-range">
          {view === 'day'
            ? formatDate(date, i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
            : t('range', { from: formatDate(range.from, i18n.language), to: formatDate(range.to, i18n.language) })}
        </p>
      </div>
      <p className="hint">{t('toolbar.shortcuts')}</p>

      <div className="calendar-status" data-testid="calendar-stand">
        <span>{sync?.lastSuccessAt ? t('stand', { time: formatDateTime(sync.lastSuccessAt, i18n.language) }) : t('standNever')}</span>
        {sync && !sync.connected && <span className="badge badge--warn">{t('offline')}</span>}
        {sync && sync.pendingCount > 0 && <span className="badge">{t('pending', { count: sync.pendingCount })}</span>}
      </div>

      {loadState === 'locked' && <p className="notice notice--warn" role="status">{t('locked')}</p>}
      {loadState === 'failed' && <p className="notice notice--bad" role="alert">{t('loadFailed', { message: error })}</p>}
      {loadState === 'ready' && (
        <p className="visually-hidden" role="status" data-testid="calendar-summary">
          {appointments.length === 0 ? t('empty') : t('summary', { count: appointments.length, overdue })}
        </p>
      )}

      <div className="calendar-body">
        <div className="calendar-grid" aria-label={t('grid')} role="region" data-loaded-range={state.loadedRange ?? undefined}>
          <ScheduleGrid key={i18n.language} items={items} />
        </div>
        {selectedCluster && (
          <ClusterPanel key={selectedCluster.id} cluster={selectedCluster} noteStates={noteStates} onOpen={(id) => state.select(id)} onClose={() => state.select(null)} />
        )}
        {selected && (
          <AppointmentPanel key={selected.id} appointment={selected} noteState={noteStates[selected.id] ?? 'not_required'} onClose={() => state.select(null)} />
        )}
      </div>
      <DayLoad appointments={appointments} date={loadDate} />
    </section>
  );
}

/** The window's appointments that match the search (customer as shown, occasion, channel, status, Fachdienst). */
function useVisibleAppointments() {
  const { t } = useTranslation('calendar');
  const { appointments, query } = useCalendar();
  return useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    if (!needle) return appointments;
    return appointments.filter((appointment) =>
      [appointment.customer.displayName, t(`type.${appointment.type}`), t(`channel.${appointment.channel}`), t(`status.${appointment.status}`), appointment.fachdienst]
        .join(' ')
        .toLocaleLowerCase()
        .includes(needle),
    );
  }, [appointments, query, t]);
}

/** The Schedule-X grid; recreated when the language changes (its locale is fixed at creation). */
function ScheduleGrid({ items }: { items: readonly GridItem[] }) {
  const { t, i18n } = useTranslation('calendar');
  const { view, date, noteStates } = useCalendar();
  const [controls] = useState(() => createCalendarControlsPlugin());
  const app = useCalendarApp(
    {
      views: [createViewWeek(), createViewDay()],
      defaultView: view,
      selectedDate: Temporal.PlainDate.from(date),
      locale: i18n.language === 'de' ? 'de-DE' : 'en-GB',
      translations: { deDE, enGB },
      timezone: AGENCY_TIME_ZONE,
      firstDayOfWeek: 1,
      isResponsive: false,
      skipValidation: true,
      dayBoundaries: { start: '07:00', end: '19:00' },
      weekOptions: { nDays: WEEK_DAYS, gridHeight: 960, eventOverlap: false },
      calendars: CALENDARS,
      callbacks: {
        onEventClick: (event) => useCalendar.getState().select(String(event.id)),
      },
    },
    [controls],
  );

  const events = useMemo(
    () =>
      items.map((item) =>
        item.kind === 'appointment'
          ? toEvent(item.appointment, noteStates[item.appointment.id] ?? 'not_required', t, i18n.language)
          : clusterEvent(item.cluster, item.cluster.appointments.filter((appointment) => noteStates[appointment.id] === 'overdue').length, t),
      ),
    [items, noteStates, t, i18n.language],
  );

  useEffect(() => {
    if (app) app.events.set(events);
  }, [app, events]);

  useEffect(() => {
    if (!app) return;
    controls.setView(view);
    controls.setDate(Temporal.PlainDate.from(date));
  }, [app, controls, view, date]);

  return <ScheduleXCalendar calendarApp={app} />;
}

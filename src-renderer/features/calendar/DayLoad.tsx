import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { berlinClock, dayLoad, type DayLoad as Load } from '../../../src-shared/rules/index.js';
import { SettingFigure } from '../settings/SettingFigure.js';
import { useEffectiveSettings } from '../settings/use-effective-settings.js';
import { formatDate } from './dates.js';

/**
 * The selected day's video load per hour against the office's video channels (BA-Weisung 202209006 §3). The
 * channel count is a managed setting, edited in Einstellungen only (and locked there when IT sets it).
 */
export function DayLoad({ appointments, date }: { appointments: readonly Appointment[]; date: string }) {
  const { t, i18n } = useTranslation('calendar');
  const { settings, error } = useEffectiveSettings();
  const channels = settings?.values.videoChannels.value ?? null;
  // Only the day's appointments go into the rule (found through the remembered Berlin day), and only when they or the
  // channels change: the calendar re-renders on every sync tick, and a region's week has 600 appointments.
  const load = useMemo(() => {
    if (channels === null) return null;
    const ofDay = appointments.filter((appointment) => berlinClock(appointment.start).date === date || berlinClock(appointment.end).date === date);
    return dayLoad(ofDay, date, { videoChannels: channels });
  }, [appointments, date, channels]);
  return (
    <section className="day-load" aria-labelledby="day-load-title">
      <h2 id="day-load-title">{t('load.title', { date: formatDate(date, i18n.language, { weekday: 'long', day: 'numeric', month: 'long' }) })}</h2>
      {error && <p className="notice notice--bad" role="alert">{t('load.settingsFailed', { message: error })}</p>}
      {settings && <SettingFigure settingKey="videoChannels" settings={settings} />}
      {load && <LoadTable load={load} date={date} />}
    </section>
  );
}

function LoadTable({ load, date }: { load: Load; date: string }) {
  const { t } = useTranslation('calendar');
  const hours = load.hours.filter((hour) => hour.hour >= 7 && hour.hour <= 18);
  return (
    <>
      {load.peakHours.length > 0 && (
        <p className="notice notice--warn" role="status" data-testid="load-warning">
          {t('load.warning', { hours: load.peakHours.map((hour) => `${String(hour).padStart(2, '0')}:00`).join(', ') })}
        </p>
      )}
      <table className="day-load__table">
        <caption className="visually-hidden">{t('load.title', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('load.hour')}</th>
            <th scope="col">{t('load.video')}</th>
            <th scope="col">{t('load.peak')}</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((hour) => (
            <tr key={hour.hour} className={hour.overCapacity ? 'day-load__row--over' : undefined}>
              <th scope="row">{String(hour.hour).padStart(2, '0')}:00</th>
              <td>{hour.video}</td>
              <td>
                {hour.peakConcurrentVideo} / {hour.capacity} {hour.overCapacity ? `– ${t('load.over')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatTime } from './dates.js';
import type { AppointmentEventData } from './schedule.js';
import type { Appointment } from '../../../src-shared/domain/appointment.js';

/** Schedule-X leaves a custom event uncoloured: the colour follows the channel, grey once settled. */
const settledOrChannel = (appointment: Appointment): string =>
  appointment.status === 'cancelled' || appointment.status === 'no_show' ? 'settled' : appointment.channel;

/**
 * The content of one appointment in the time grid. Schedule-X renders the focusable wrapper (role="button",
 * Enter opens the appointment), so this is text only: a nested button would be a nested interactive control.
 */
export function AppointmentEvent({ calendarEvent }: { calendarEvent: { data: AppointmentEventData } }) {
  const { t, i18n } = useTranslation('calendar');
  const { appointment, noteState } = calendarEvent.data;
  const customer = appointment.customer.displayName;
  return (
    <div className={`appointment-event appointment-event--${appointment.status} appointment-event--${settledOrChannel(appointment)}`} data-testid="calendar-event" data-appointment-id={appointment.id}>
      <span className="appointment-event__time">
        {formatTime(appointment.start, i18n.language)}–{formatTime(appointment.end, i18n.language)}
      </span>
      <span className="appointment-event__customer">{customer}</span>
      <span className="appointment-event__meta">
        {t(`type.${appointment.type}`)} · {t(`channel.${appointment.channel}`)} · {appointment.fachdienst}
      </span>
      <span className="appointment-event__status">{t(`status.${appointment.status}`)}</span>
      {noteState === 'overdue' && (
        <span className="badge badge--bad" data-testid="note-overdue">
          {t('note.overdue')}
        </span>
      )}
    </div>
  );
}

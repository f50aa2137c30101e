import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteState } from '../../../src-shared/rules/index.js';
import { formatDate, formatTime } from './dates.js';
import type { AppointmentCluster } from './grid-items.js';

/**
 * The appointments of one dense hour as a list of buttons; choosing one opens its appointment panel. Focus moves
 * to the heading when the list opens, like the appointment panel, so a screen reader announces where it is.
 */
export function ClusterPanel({ cluster, noteStates, onOpen, onClose }: {
  cluster: AppointmentCluster;
  noteStates: Readonly<Record<string, NoteState>>;
  onOpen(id: string): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation('calendar');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [cluster.id]);
  const hour = (value: number) => `${String(value).padStart(2, '0')}:00`;
  return (
    <aside className="appointment-panel cluster-panel" aria-labelledby="cluster-panel-title" data-testid="cluster-panel">
      <div className="appointment-panel__head">
        <h2 id="cluster-panel-title" tabIndex={-1} ref={headingRef}>
          {t('cluster.title', {
            date: formatDate(cluster.date, i18n.language, { weekday: 'long', day: 'numeric', month: 'long' }),
            from: hour(cluster.hour),
            to: hour(cluster.hour + 1),
            count: cluster.appointments.length,
          })}
        </h2>
        <button type="button" onClick={onClose}>{t('panel.close')}</button>
      </div>
      <ul className="cluster-panel__list">
        {cluster.appointments.map((appointment) => (
          <li key={appointment.id}>
            <button type="button" onClick={() => onOpen(appointment.id)} data-testid="cluster-appointment" data-appointment-id={appointment.id}>
              <span className="appointment-event__time">
                {formatTime(appointment.start, i18n.language)}–{formatTime(appointment.end, i18n.language)}
              </span>{' '}
              <span className="appointment-event__customer">{appointment.customer.displayName}</span>{' '}
              <span>
                {t(`type.${appointment.type}`)} · {t(`channel.${appointment.channel}`)} · {t(`status.${appointment.status}`)}
              </span>
              {noteStates[appointment.id] === 'overdue' && <span className="badge badge--bad">{t('note.overdue')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

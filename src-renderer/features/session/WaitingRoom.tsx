/**
 * The counsellor's waiting room: who waits, with which role, admit or refuse with one click. A customer can
 * only reach the waiting room after consenting on the guest page (the server refuses `hello` without the
 * consent id), so a waiting customer carries a given consent; until one is there, the call with the customer
 * cannot start and the counsellor may change the appointment's channel instead.
 */
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../src-shared/signalling/messages.js';
import { bridge } from '../../bridge/index.js';
import type { CallMesh } from '../../call/call-mesh.js';

export interface WaitingRoomProps {
  readonly appointmentId: string;
  readonly mesh: CallMesh;
  readonly waiting: readonly Participant[];
}

export function WaitingRoom({ appointmentId, mesh, waiting }: WaitingRoomProps) {
  const { t } = useTranslation('session');
  const call = useSyncExternalStore(mesh.subscribe, mesh.getSnapshot);
  const [error, setError] = useState<string | null>(null);
  const customerPresent = waiting.some((p) => p.role === 'customer') || call.remotes.some((r) => r.participant.role === 'customer');

  const act = (action: Promise<unknown>) =>
    action.then(
      () => setError(null),
      (cause: unknown) => setError((cause as Error).message),
    );

  return (
    <section className="session-waiting" aria-labelledby="session-waiting-title">
      <h2 id="session-waiting-title">{t('waiting.title')}</h2>
      {error && <p role="alert">{error}</p>}
      {waiting.length === 0 ? (
        <p>{t('waiting.empty')}</p>
      ) : (
        <ul>
          {waiting.map((guest) => {
            const label = t('waiting.entry', { role: t(`call:roles.${guest.role}`), name: guest.displayName });
            return (
              <li key={guest.id} data-participant-id={guest.id} data-role={guest.role}>
                <span>{label}</span>
                {guest.role === 'customer' && <span className="session-waiting__consent"> · {t('consent.given')}</span>}
                <button type="button" aria-label={`${t('waiting.admit')}: ${label}`} onClick={() => void act(bridge.call['session.admit']({ participantId: guest.id }))}>
                  {t('waiting.admit')}
                </button>
                <button
                  type="button"
                  aria-label={`${t('waiting.refuse')}: ${label}`}
                  onClick={() => void act(bridge.call['session.refuse']({ participantId: guest.id, reason: 'other' }))}
                >
                  {t('waiting.refuse')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!customerPresent && (
        <p className="session-waiting__no-consent">
          {t('consent.missing')} <a href={`#/kalender?appointment=${encodeURIComponent(appointmentId)}&action=channel`}>{t('consent.changeChannel')}</a>
        </p>
      )}
    </section>
  );
}

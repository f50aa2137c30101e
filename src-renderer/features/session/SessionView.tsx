/**
 * The session window of the counsellor: pre-join (devices, blur, consent rule) → open the appointment's room →
 * admit or refuse waiting guests with one click → the call (shared call components) → on the end, mark the
 * appointment held and go on to its Beratungsvermerk. During the call the note is written in a side panel.
 */
import i18next from 'i18next';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { SessionSnapshot } from '../../../src-shared/ipc/features/session.js';
import type { Participant } from '../../../src-shared/signalling/messages.js';
import { useBackOfficeState } from '../../app/back-office-state.js';
import { appointmentHref, appointmentInHash } from '../../app/routes.js';
import { reportWhile } from '../../app/user-activity.js';
import { bridge } from '../../bridge/index.js';
import { CallMesh } from '../../call/call-mesh.js';
import { registerCallLocales } from '../../call/call-locales.js';
import { CallStage } from '../../call/CallStage.js';
import type { LocalMedia } from '../../call/local-media.js';
import { PreJoin, type PreJoinSettings } from '../../call/PreJoin.js';
import '../../call/call.css';
import { NotePanel } from '../notes/NotePanel.js';
import { InvitationsOf } from '../invitations/Invitations.js';
import { bridgeSignalling } from './bridge-signalling.js';
import { DisplayPicker } from './DisplayPicker.js';
import { ReadinessVerdict } from './ReadinessVerdict.js';
import { markHeld } from './mark-held.js';
import { WaitingRoom } from './WaitingRoom.js';
import './session.css';
import { intlLocale } from '../../app/intl-locale.js';

registerCallLocales(i18next);

const finished = new WeakSet<CallMesh>();

type Phase = { kind: 'prejoin' } | { kind: 'opening' } | { kind: 'call'; snapshot: SessionSnapshot; mesh: CallMesh; media: LocalMedia } | { kind: 'ended'; problem: string | null };

function useHash(): string {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('hashchange', notify);
      return () => window.removeEventListener('hashchange', notify);
    },
    () => window.location.hash,
  );
}

export default function SessionView() {
  const { t } = useTranslation('session');
  const hash = useHash();
  const appointmentId = appointmentInHash('sitzung', hash);
  const [phase, setPhase] = useState<Phase>({ kind: 'prejoin' });
  const [settings, setSettings] = useState<PreJoinSettings>({ audioMuted: false, videoOff: false, speakerId: null });
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<Participant[]>([]);
  const [noteOpen, setNoteOpen] = useState(true);
  const phaseRef = useRef(phase);
  useEffect(() => {
    phaseRef.current = phase;
  }, [phase]);

  useEffect(
    () =>
      bridge.on('session.message', (message) => {
        if (message.type === 'waiting.joined') setWaiting((list) => [...list.filter((p) => p.id !== message.participant.id), message.participant]);
        else if (message.type === 'waiting.left') setWaiting((list) => list.filter((p) => p.id !== message.participantId));
        else if (message.type === 'participant.joined') setWaiting((list) => list.filter((p) => p.id !== message.participant.id));
      }),
    [],
  );

  // A consultation is attended use: the store must not lock under the counsellor's note-taking afterwards.
  const inCall = phase.kind === 'call';
  useEffect(() => (inCall ? reportWhile() : undefined), [inCall]);

  // Leaving the view (or the app) during a call leaves the room; the devices are released.
  useEffect(
    () => () => {
      const current = phaseRef.current;
      if (current.kind !== 'call') return;
      void current.mesh.hangUp(false);
      current.media.stop();
    },
    [],
  );

  const finish = useCallback(
    async (id: string, call: { mesh: CallMesh; media: LocalMedia }, endForAll: boolean | null) => {
      // Hanging up also ends the mesh, whose subscriber below would finish a second time.
      if (finished.has(call.mesh)) return;
      finished.add(call.mesh);
      if (endForAll !== null) await call.mesh.hangUp(endForAll).catch(() => {});
      call.mesh.dispose();
      call.media.stop();
      setWaiting([]);
      const problem = await markHeld(id);
      setPhase({ kind: 'ended', problem: problem && t('ended.markFailed', { message: problem }) });
    },
    [t],
  );

  // On to the note once the call (and its side panel) is gone: the panel's editor saved what was pending as it
  // closed, in this same commit, and the notes view waits for that save before it reads the versions.
  useEffect(() => {
    if (phase.kind === 'ended' && !phase.problem && appointmentId) window.location.hash = appointmentHref('vermerke', appointmentId);
  }, [phase, appointmentId]);

  const open = useCallback(async () => {
    if (!appointmentId || !media) return;
    setError(null);
    setPhase({ kind: 'opening' });
    try {
      const snapshot = await bridge.call['session.open']({ appointmentId });
      setWaiting(snapshot.waiting);
      const mesh = new CallMesh({
        self: snapshot.self,
        participants: snapshot.participants,
        iceServers: snapshot.iceServers,
        iceExpiresAt: snapshot.iceExpiresAt,
        localStream: media.handOver().stream(),
        signalling: bridgeSignalling(),
      });
      mesh.setAudioMuted(settings.audioMuted);
      mesh.setVideoOff(settings.videoOff);
      const call = { kind: 'call' as const, snapshot, mesh, media };
      // The server closed the room (ended elsewhere, expired): finish as after a hang-up.
      const stop = mesh.subscribe(() => {
        if (mesh.getSnapshot().ended && phaseRef.current === call) {
          stop();
          void finish(appointmentId, call, null);
        }
      });
      setPhase(call);
    } catch (cause) {
      setError(t('openFailed', { message: (cause as Error).message }));
      setPhase({ kind: 'prejoin' });
    }
  }, [appointmentId, media, settings, finish, t]);

  if (!appointmentId) {
    return (
      <section>
        <h1 id="view-title">{t('title')}</h1>
        <p>{t('noAppointment')}</p>
        <a href="#/kalender">{t('toCalendar')}</a>
      </section>
    );
  }

  return (
    <section className="session">
      <h1 id="view-title">
        {t('title')} <span className="session__appointment">{t('appointment', { id: appointmentId })}</span>
      </h1>
      {error && <p role="alert">{error}</p>}
      {(phase.kind === 'prejoin' || phase.kind === 'opening') && (
        <PreJoin role="counsellor" name="" settings={settings} onSettings={setSettings} onMedia={setMedia}>
          <ReadinessVerdict />
          <ConsentRule appointmentId={appointmentId} />
          <button type="button" className="session__open" disabled={!media || phase.kind === 'opening'} onClick={() => void open()}>
            {phase.kind === 'opening' ? t('opening') : t('open')}
          </button>
          <InvitationsOf appointmentId={appointmentId} />
        </PreJoin>
      )}
      {phase.kind === 'call' && <DisplayPicker />}
      {phase.kind === 'call' && (
        <div className={noteOpen ? 'session__call session__call--note' : 'session__call'}>
          <CallStage
            mesh={phase.mesh}
            media={phase.media}
            speakerId={settings.speakerId}
            canEndForAll
            onHangUp={(endForAll) => void finish(appointmentId, phase, endForAll)}
            aside={<WaitingRoom appointmentId={appointmentId} mesh={phase.mesh} waiting={waiting} />}
          />
          <section className="session__note" aria-labelledby="session-note-title">
            <div className="session__note-head">
              <h2 id="session-note-title">{t('note.title')}</h2>
              <button type="button" aria-expanded={noteOpen} aria-controls="session-note-body" onClick={() => setNoteOpen(!noteOpen)}>
                {noteOpen ? t('note.hide') : t('note.show')}
              </button>
            </div>
            <div id="session-note-body" hidden={!noteOpen}>
              {noteOpen && <NotePanel appointmentId={appointmentId} />}
            </div>
          </section>
        </div>
      )}
      {phase.kind === 'ended' && (
        <div role="status">
          <h2>{t('ended.title')}</h2>
          {phase.problem && <p role="alert">{phase.problem}</p>}
          <a href={appointmentHref('vermerke', appointmentId)}>{t('ended.toNote')}</a>
        </div>
      )}
    </section>
  );
}

/**
 * The customer's recorded consent, from the encrypted cache: when, how and to which text version. Without a
 * valid consent the call does not start with the customer (the server admits no customer without one) and the
 * counsellor is offered the channel change instead (202209001 §2.1: voluntary, withdrawal without disadvantage).
 */
function ConsentRule({ appointmentId }: { readonly appointmentId: string }) {
  const { t, i18n } = useTranslation('session');
  const [consent, setConsent] = useState<Appointment['consent'] | 'unknown'>('unknown');
  // Read again after each successful sync: a consent given on the guest page arrives through the feed.
  const lastSync = useBackOfficeState((state) => state.sync?.lastSuccessAt ?? null);
  useEffect(() => {
    let current = true;
    bridge.call['appointments.get']({ appointmentId }).then(
      (appointment) => current && setConsent(appointment.consent),
      () => current && setConsent('unknown'),
    );
    return () => {
      current = false;
    };
  }, [appointmentId, lastSync]);
  const valid = consent !== 'unknown' && consent !== null && consent.withdrawnAt === null;
  return (
    <div className="session__consent" data-testid="session-consent">
      <h2>{t('consent.title')}</h2>
      {consent === 'unknown' && <p>{t('consent.rule')}</p>}
      {consent === null && <p>{t('consent.none')}</p>}
      {consent !== 'unknown' && consent !== null && (
        <p>
          {t(consent.withdrawnAt ? 'consent.withdrawn' : 'consent.recorded', {
            at: new Date(consent.withdrawnAt ?? consent.givenAt).toLocaleString(intlLocale(i18n.language)),
            via: t(`consent.via.${consent.via}`),
            version: consent.textVersion,
          })}
        </p>
      )}
      {!valid && <a href={`#/kalender?appointment=${encodeURIComponent(appointmentId)}&action=channel`}>{t('consent.changeChannel')}</a>}
    </div>
  );
}

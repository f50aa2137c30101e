/**
 * The running call: a tile per person with role and state, the controls (microphone, camera, blur, sharing,
 * leave/end), the connection quality and the chat. Used by the counsellor's session window and the guest page;
 * `aside` takes side-specific content (the counsellor's waiting room).
 */
import { useCallback, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_LENGTH } from '../../src-shared/call/data-channel.js';
import { isVisible, type CallMesh, type RemoteView } from './call-mesh.js';
import type { LocalMedia } from './local-media.js';
import { VideoTile } from './VideoTile.js';
import { useScreenWakeLock } from './wake-lock.js';

export interface CallStageProps {
  readonly mesh: CallMesh;
  readonly media: LocalMedia;
  readonly speakerId: string | null;
  /** The counsellor may end the call for everyone; guests only leave. */
  readonly canEndForAll: boolean;
  readonly onHangUp: (endForAll: boolean) => void;
  readonly aside?: ReactNode;
}

export function CallStage({ mesh, media, speakerId, canEndForAll, onHangUp, aside }: CallStageProps) {
  const { t } = useTranslation('call');
  const call = useSyncExternalStore(mesh.subscribe, mesh.getSnapshot);
  const [ownVideo, setOwnVideo] = useState<MediaStream>(() => media.stream());
  const [notice, setNotice] = useState<string | null>(null);
  const [blurBusy, setBlurBusy] = useState(false);
  useScreenWakeLock(call.ended === null);

  const toggleBlur = useCallback(async () => {
    setBlurBusy(true);
    setNotice(null);
    try {
      const track = await media.setBlur(!media.blurOn);
      if (track) mesh.replaceCameraTrack(track);
      setOwnVideo(media.stream());
    } catch (cause) {
      setNotice(t('controls.blurFailed', { message: (cause as Error).message }));
    } finally {
      setBlurBusy(false);
    }
  }, [media, mesh, t]);

  const toggleSharing = useCallback(async () => {
    setNotice(null);
    if (call.sharing) return mesh.stopSharing();
    try {
      // Electron answers through the app's own window picker (src-main/shell/display-media.ts).
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (track) mesh.startSharing(track);
    } catch (cause) {
      if ((cause as DOMException).name !== 'NotAllowedError') setNotice(t('controls.shareFailed', { message: (cause as Error).message }));
    }
  }, [call.sharing, mesh, t]);

  const visible = call.remotes.filter(isVisible);
  const away = call.remotes.filter((remote) => !isVisible(remote));
  return (
    <div className="call-stage">
      <div className="call-stage__main">
        <div className="call-status" role="status" aria-live="polite">
          {call.signalling === 'resuming' && <p>{t('status.resuming')}</p>}
          {away.map((remote) => (
            <p key={remote.participant.id}>{t('status.away', { name: remote.participant.displayName, role: t(`roles.${remote.participant.role}`) })}</p>
          ))}
          {visible.length === 0 && <p>{t('status.alone')}</p>}
        </div>
        {call.signalling === 'closed' && call.ended === null && <p role="alert">{t('status.lost')}</p>}
        {call.problem === 'ice_failed' && <p role="alert">{t('status.iceFailed')}</p>}
        {call.problem === 'turn_refused' && <p role="alert">{t('status.turnRefused')}</p>}
        {notice && <p role="alert">{notice}</p>}
        <div className={`call-grid call-grid--${Math.min(visible.length + 1, 4)}`} aria-label={t('grid')} role="group">
          <VideoTile participantId={call.self.id} role={call.self.role} name={call.self.displayName} stream={ownVideo} own audioMuted={call.audioMuted} videoOff={call.videoOff} sharing={call.sharing} />
          {visible.map((remote: RemoteView) => (
            <VideoTile
              key={remote.participant.id}
              participantId={remote.participant.id}
              role={remote.participant.role}
              name={remote.participant.displayName}
              stream={remote.stream}
              audioMuted={remote.audioMuted}
              videoOff={remote.videoOff}
              sharing={remote.sharing}
              status={remote.media}
              quality={remote.quality}
              sinkId={speakerId}
            />
          ))}
        </div>
        <div className="call-controls" role="toolbar" aria-label={t('controls.label')}>
          <button type="button" aria-pressed={call.audioMuted} onClick={() => mesh.setAudioMuted(!call.audioMuted)}>
            {call.audioMuted ? t('controls.unmute') : t('controls.mute')}
          </button>
          <button type="button" aria-pressed={call.videoOff} disabled={!media.camera} onClick={() => mesh.setVideoOff(!call.videoOff)}>
            {call.videoOff ? t('controls.cameraOn') : t('controls.cameraOff')}
          </button>
          <button type="button" aria-pressed={media.blurOn} disabled={!media.camera || blurBusy || call.sharing} onClick={() => void toggleBlur()}>
            {t('controls.blur')}
          </button>
          {'getDisplayMedia' in navigator.mediaDevices && (
            <button type="button" aria-pressed={call.sharing} disabled={!media.camera} onClick={() => void toggleSharing()}>
              {call.sharing ? t('controls.stopShare') : t('controls.share')}
            </button>
          )}
          <button type="button" className="call-controls__leave" onClick={() => onHangUp(false)}>
            {t('controls.leave')}
          </button>
          {canEndForAll && (
            <button type="button" className="call-controls__end" onClick={() => onHangUp(true)}>
              {t('controls.end')}
            </button>
          )}
        </div>
      </div>
      <div className="call-stage__side">
        {aside}
        <CallChat mesh={mesh} />
      </div>
    </div>
  );
}

function CallChat({ mesh }: { readonly mesh: CallMesh }) {
  const { t } = useTranslation('call');
  const call = useSyncExternalStore(mesh.subscribe, mesh.getSnapshot);
  const [draft, setDraft] = useState('');
  const names = new Map(call.remotes.map((remote) => [remote.participant.id, `${remote.participant.displayName} (${t(`roles.${remote.participant.role}`)})`]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    mesh.sendChat(draft);
    setDraft('');
  };
  return (
    <section className="call-chat" aria-labelledby="call-chat-title">
      <h2 id="call-chat-title">{t('chat.title')}</h2>
      <p className="call-chat__note">{t('chat.note')}</p>
      <ol className="call-chat__lines" aria-live="polite">
        {call.chat.length === 0 && <li className="call-chat__empty">{t('chat.empty')}</li>}
        {call.chat.map((line) => (
          <li key={line.id} className={line.own ? 'call-chat__own' : undefined}>
            <span className="call-chat__from">{line.own ? t('you') : (names.get(line.from) ?? '?')}:</span> {line.text}
          </li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <label>
          {t('chat.input')}
          <input value={draft} maxLength={MAX_CHAT_LENGTH} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit">{t('chat.send')}</button>
      </form>
    </section>
  );
}

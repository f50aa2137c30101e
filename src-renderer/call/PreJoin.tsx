/**
 * Before joining: the own picture, the choice of camera, microphone and speaker, microphone and camera state,
 * and background blur. Opens the devices itself and hands the ready LocalMedia to the parent through `onMedia`.
 * The parent renders what belongs to its side (consent, readiness verdict, the join button) as children.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalMedia, MediaAccessError, listDevices, type DeviceChoice, type DeviceLists } from './local-media.js';
import { VideoTile } from './VideoTile.js';
import type { ParticipantRole } from '../../src-shared/signalling/messages.js';

export interface PreJoinSettings {
  readonly audioMuted: boolean;
  readonly videoOff: boolean;
  readonly speakerId: string | null;
}

export interface PreJoinProps {
  readonly role: ParticipantRole;
  readonly name: string;
  readonly settings: PreJoinSettings;
  readonly onSettings: (settings: PreJoinSettings) => void;
  /** The opened devices (null while (re)opening or after a failure). */
  readonly onMedia: (media: LocalMedia | null) => void;
  readonly children?: ReactNode;
}

const NO_DEVICES: DeviceLists = { cameras: [], microphones: [], speakers: [] };

export function PreJoin({ role, name, settings, onSettings, onMedia, children }: PreJoinProps) {
  const { t } = useTranslation('call');
  const [choice, setChoice] = useState<DeviceChoice>({ cameraId: null, microphoneId: null });
  const [devices, setDevices] = useState<DeviceLists>(NO_DEVICES);
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [preview, setPreview] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [blurError, setBlurError] = useState<string | null>(null);
  const [blurBusy, setBlurBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let opened: LocalMedia | null = null;
    setError(null);
    onMedia(null);
    LocalMedia.open(choice).then(
      async (local) => {
        if (cancelled) return local.stop();
        opened = local;
        setMedia(local);
        setPreview(local.stream());
        onMedia(local);
        // Labels are only readable once access was granted.
        setDevices(await listDevices());
      },
      (cause: unknown) => {
        if (cancelled) return;
        const reason = cause instanceof MediaAccessError ? cause.reason : 'other';
        setError(t(`media.error.${reason}`, { message: (cause as Error).message }));
      },
    );
    return () => {
      cancelled = true;
      // The parent takes over the devices when it joins (CallRoom/SessionView call handOver() in their own
      // effects, which run after this cleanup); whatever nobody took over by then is closed.
      const previous = opened;
      if (previous) setTimeout(() => previous.handedOver || previous.stop(), 0);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reopen only when the device choice changes
  }, [choice]);

  const toggleBlur = useCallback(async () => {
    if (!media) return;
    setBlurBusy(true);
    setBlurError(null);
    try {
      await media.setBlur(!media.blurOn);
      setPreview(media.stream());
    } catch (cause) {
      setBlurError(t('controls.blurFailed', { message: (cause as Error).message }));
    } finally {
      setBlurBusy(false);
    }
  }, [media, t]);

  const select = (label: string, value: string | null, options: readonly MediaDeviceInfo[], onChange: (id: string | null) => void) => (
    <label className="call-prejoin__device">
      {label}
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{t('prejoin.systemDefault')}</option>
        {options.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="call-prejoin" aria-labelledby="call-prejoin-title">
      <h2 id="call-prejoin-title">{t('prejoin.title')}</h2>
      {error && <p role="alert">{error}</p>}
      <div className="call-prejoin__preview" aria-label={t('prejoin.preview')}>
        <VideoTile participantId="self" role={role} name={name} stream={preview} own audioMuted={settings.audioMuted} videoOff={settings.videoOff || (media !== null && !media.camera)} />
        {media && !media.camera && <p>{t('prejoin.noCamera')}</p>}
      </div>
      <div className="call-prejoin__devices">
        {select(t('prejoin.camera'), choice.cameraId, devices.cameras, (cameraId) => setChoice({ ...choice, cameraId }))}
        {select(t('prejoin.microphone'), choice.microphoneId, devices.microphones, (microphoneId) => setChoice({ ...choice, microphoneId }))}
        {devices.speakers.length > 0 && select(t('prejoin.speaker'), settings.speakerId, devices.speakers, (speakerId) => onSettings({ ...settings, speakerId }))}
      </div>
      <div className="call-prejoin__toggles">
        <button type="button" aria-pressed={settings.audioMuted} onClick={() => onSettings({ ...settings, audioMuted: !settings.audioMuted })}>
          {settings.audioMuted ? t('controls.unmute') : t('controls.mute')}
        </button>
        <button type="button" aria-pressed={settings.videoOff} disabled={!media?.camera} onClick={() => onSettings({ ...settings, videoOff: !settings.videoOff })}>
          {settings.videoOff ? t('controls.cameraOn') : t('controls.cameraOff')}
        </button>
        <button type="button" aria-pressed={media?.blurOn ?? false} disabled={!media?.camera || blurBusy} onClick={() => void toggleBlur()}>
          {t('controls.blur')}
        </button>
      </div>
      {blurError && <p role="alert">{blurError}</p>}
      {children}
    </section>
  );
}

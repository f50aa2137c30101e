/** One person's picture with role, name and state; the own tile is mirrored and silent. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantRole } from '../../src-shared/signalling/messages.js';
import type { QualitySample } from './connection-quality.js';
import { QualityBadge } from './QualityBadge.js';

export interface VideoTileProps {
  readonly participantId: string;
  readonly role: ParticipantRole;
  readonly name: string;
  readonly stream: MediaStream | null;
  readonly own?: boolean;
  readonly audioMuted: boolean;
  readonly videoOff: boolean;
  readonly sharing?: boolean;
  readonly status?: 'connecting' | 'connected' | 'reconnecting';
  readonly quality?: QualitySample | null;
  /** Output device for the sound (setSinkId); null = system default. */
  readonly sinkId?: string | null;
}

type SinkVideo = HTMLVideoElement & { setSinkId?(id: string): Promise<void> };

export function VideoTile(props: VideoTileProps) {
  const { t } = useTranslation('call');
  const video = useRef<SinkVideo>(null);

  useEffect(() => {
    const element = video.current;
    if (!element || element.srcObject === props.stream) return;
    element.srcObject = props.stream;
    if (props.stream) void element.play().catch(() => {});
  }, [props.stream]);

  useEffect(() => {
    if (props.own || !video.current?.setSinkId) return;
    void video.current.setSinkId(props.sinkId ?? '').catch(() => {});
  }, [props.sinkId, props.own]);

  const label = `${t(`roles.${props.role}`)}: ${props.own ? t('you') : props.name}`;
  return (
    <figure
      className={`call-tile${props.own ? ' call-tile--own' : ''}${props.sharing ? ' call-tile--sharing' : ''}`}
      aria-label={label}
      data-participant-id={props.participantId}
      data-role={props.role}
      data-audio-muted={props.audioMuted}
      data-video-off={props.videoOff}
      data-status={props.status ?? 'connected'}
    >
      <video ref={video} autoPlay playsInline muted={props.own === true} aria-hidden="true" />
      {props.videoOff && <div className="call-tile__off">{t('tile.cameraOff')}</div>}
      <figcaption>
        <span className="call-tile__role">{t(`roles.${props.role}`)}</span> <span className="call-tile__name">{props.own ? t('you') : props.name}</span>
        {props.audioMuted && <span className="call-tile__flag">{t('tile.muted')}</span>}
        {props.sharing && <span className="call-tile__flag">{t('tile.sharing')}</span>}
        {props.status === 'connecting' && <span className="call-tile__flag">{t('tile.connecting')}</span>}
        {props.status === 'reconnecting' && <span className="call-tile__flag">{t('tile.reconnecting')}</span>}
        {props.quality && <QualityBadge sample={props.quality} />}
      </figcaption>
    </figure>
  );
}

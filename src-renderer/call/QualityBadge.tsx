/** The connection quality of one peer: a level word, the figures behind it, and what to do about it. */
import { useTranslation } from 'react-i18next';
import type { QualitySample } from './connection-quality.js';

const show = (value: number | null): string => (value === null ? '–' : String(value));

export function QualityBadge({ sample }: { readonly sample: QualitySample }) {
  const { t } = useTranslation('call');
  return (
    <span
      className={`call-quality call-quality--${sample.level}`}
      data-level={sample.level}
      data-bitrate={sample.bitrateKbps ?? ''}
      data-fps={sample.framesPerSecond ?? ''}
      data-relayed={sample.relayed}
      title={`${t('quality.figures', { rtt: show(sample.rttMs), loss: show(sample.lossPercent), kbps: show(sample.bitrateKbps), fps: show(sample.framesPerSecond) })} – ${t(`quality.hint.${sample.hint}`)}`}
    >
      <span className="call-sr">{t('quality.label')}: </span>
      {t(`quality.${sample.level}`)}
      {sample.relayed && <span className="call-quality__relay"> · {t('quality.relayed')}</span>}
      <span className="call-sr"> – {t(`quality.hint.${sample.hint}`)}</span>
    </span>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBlurredTrack, type BlurredTrack } from '../../media/blurred-track.js';

/** The camera with the background blurred, as the customer would see it with blur on. */
export function BlurPreview({ cameraId }: { cameraId?: string }) {
  const { t } = useTranslation('readiness');
  const video = useRef<HTMLVideoElement>(null);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let camera: MediaStream | null = null;
    let blurred: BlurredTrack | null = null;
    void (async () => {
      try {
        camera = await navigator.mediaDevices.getUserMedia({ video: cameraId ? { deviceId: { exact: cameraId } } : true });
        if (stopped) return;
        blurred = createBlurredTrack(camera.getVideoTracks()[0] as MediaStreamTrack);
        await blurred.ready;
        if (!stopped && video.current) video.current.srcObject = new MediaStream([blurred.track]);
      } catch (cause) {
        setError(t('previewFailed', { reason: cause instanceof Error ? cause.message : String(cause) }));
        setActive(false);
      }
    })();
    return () => {
      stopped = true;
      blurred?.stop();
      camera?.getTracks().forEach((track) => track.stop());
    };
  }, [active, cameraId, t]);

  return (
    <div className="readiness-preview">
      <button
        type="button"
        onClick={() => {
          setError(null);
          setActive((a) => !a);
        }}
      >
        {active ? t('previewStop') : t('preview')}
      </button>
      {error && <p role="alert" className="error">{error}</p>}
      {active && <video ref={video} autoPlay muted playsInline aria-label={t('previewLabel')} data-testid="blur-preview" />}
    </div>
  );
}

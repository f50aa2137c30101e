/**
 * Reads what a camera track really delivers for a short while: how many frames per second, at which size, and a
 * few frames scaled down for the analyses. Uses MediaStreamTrackProcessor (Chromium: frames as they arrive, no
 * <video> element) and falls back on a hidden <video> with requestVideoFrameCallback elsewhere.
 */
import type { RgbaImage } from '../../src-shared/readiness/image.js';

export interface GrabbedFrames {
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  readonly samples: readonly ImageData[];
}

export interface GrabOptions {
  readonly durationMs: number;
  readonly samples: number;
  /** Width of the analysed copies; the height keeps the aspect ratio. */
  readonly analysisWidth: number;
}

export const DEFAULT_GRAB: GrabOptions = { durationMs: 1_500, samples: 6, analysisWidth: 320 };

/** Chromium's insertable streams for video; not in lib.dom yet. */
interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
declare const MediaStreamTrackProcessor: (new (init: { track: MediaStreamTrack }) => TrackProcessor) | undefined;

export const hasTrackProcessor = (): boolean => typeof MediaStreamTrackProcessor === 'function';

function scaledCopy(source: CanvasImageSource, width: number, height: number, analysisWidth: number): ImageData {
  const w = Math.min(analysisWidth, width);
  const h = Math.max(1, Math.round((w * height) / width));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D-Zeichenfläche nicht verfügbar');
  ctx.drawImage(source, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

export class NoFramesError extends Error {
  override readonly name = 'NoFramesError';
  constructor() {
    super('Die Kamera hat in der Prüfzeit kein Bild geliefert. Schließen Sie andere Programme, die die Kamera nutzen, und wiederholen Sie die Prüfung.');
  }
}

async function grabWithProcessor(track: MediaStreamTrack, options: GrabOptions): Promise<GrabbedFrames> {
  const processor = new (MediaStreamTrackProcessor as NonNullable<typeof MediaStreamTrackProcessor>)({ track: track.clone() });
  const reader = processor.readable.getReader();
  const samples: ImageData[] = [];
  const every = options.durationMs / options.samples;
  let count = 0;
  let first = -1;
  let last = 0;
  let width = 0;
  let height = 0;
  const deadline = performance.now() + options.durationMs + 2_000;
  const timer = setTimeout(() => void reader.cancel(), options.durationMs + 2_000);
  try {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || !frame) break;
      try {
        const t = frame.timestamp / 1_000;
        if (first < 0) first = t;
        last = t;
        count++;
        width = frame.displayWidth;
        height = frame.displayHeight;
        if (t - first >= samples.length * every && samples.length < options.samples) samples.push(scaledCopy(frame, width, height, options.analysisWidth));
      } finally {
        frame.close();
      }
      if (last - first >= options.durationMs || performance.now() > deadline) break;
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  if (count === 0) throw new NoFramesError();
  const seconds = (last - first) / 1_000;
  return { width, height, frameRate: seconds > 0 ? (count - 1) / seconds : 0, samples };
}

async function grabWithVideo(track: MediaStreamTrack, options: GrabOptions): Promise<GrabbedFrames> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  const samples: ImageData[] = [];
  let count = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const onFrame = (): void => {
      count++;
      const elapsed = performance.now() - started;
      if (elapsed >= (samples.length * options.durationMs) / options.samples && samples.length < options.samples) {
        samples.push(scaledCopy(video, video.videoWidth, video.videoHeight, options.analysisWidth));
      }
      if (elapsed >= options.durationMs) resolve();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
  const result = { width: video.videoWidth, height: video.videoHeight, frameRate: (count * 1_000) / (performance.now() - started), samples };
  video.srcObject = null;
  if (count === 0) throw new NoFramesError();
  return result;
}

export const grabFrames = (track: MediaStreamTrack, options: GrabOptions = DEFAULT_GRAB): Promise<GrabbedFrames> =>
  hasTrackProcessor() ? grabWithProcessor(track, options) : grabWithVideo(track, options);

export const asRgba = (image: ImageData): RgbaImage => ({ width: image.width, height: image.height, data: image.data });

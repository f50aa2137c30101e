/**
 * `createBlurredTrack(track, options)`: a camera track in, a MediaStreamTrack with the background blurred out,
 * for calls (the session window sends this track instead of the camera's) and for the readiness preview.
 *
 * Chromium (Electron, the web shell): insertable streams move the frames into a worker, where segmentation and
 * compositing run on OffscreenCanvas. Browsers without MediaStreamTrackProcessor (Firefox, Safari on the guest
 * page) get the same compositor on the page's thread, driven by requestVideoFrameCallback into canvas.captureStream.
 */
import { pageMediaAssetUrls, type MediaAssetUrls } from './assets.js';
import { BlurCompositor, DEFAULT_BLUR, type BlurOptions } from './blur-compositor.js';
import type { BlurWorkerReply, BlurWorkerRequest } from './blur-protocol.js';
import { createSegmenter } from './vision.js';

export interface BlurredTrack {
  /** The processed video; stop() ends it. */
  readonly track: MediaStreamTrack;
  /** Resolves when the model is loaded and frames flow; rejects with the reason (e.g. ModelLoadError's message). */
  readonly ready: Promise<void>;
  /** Where the work runs: 'worker' (insertable streams) or 'main-thread' (fallback). */
  readonly runsIn: 'worker' | 'main-thread';
  /** Change the radius on the fly; 0 passes frames through, so the call keeps the same track. */
  setOptions(options: Partial<BlurOptions>): void;
  /** Per-frame processing times of the last frames (ms), for diagnostics and the benchmark. */
  frameTimes(): Promise<number[]>;
  stop(): void;
}

export interface CreateBlurredTrackOptions extends Partial<BlurOptions> {
  readonly urls?: MediaAssetUrls;
  /** Force the main-thread path (tests of the fallback). */
  readonly forceMainThread?: boolean;
}

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackGenerator = MediaStreamTrack & { readonly writable: WritableStream<VideoFrame> };
declare const MediaStreamTrackProcessor: (new (init: { track: MediaStreamTrack }) => TrackProcessor) | undefined;
declare const MediaStreamTrackGenerator: (new (init: { kind: 'video' }) => TrackGenerator) | undefined;

export function createBlurredTrack(track: MediaStreamTrack, options: CreateBlurredTrackOptions = {}): BlurredTrack {
  const urls = options.urls ?? pageMediaAssetUrls();
  const blur: BlurOptions = { ...DEFAULT_BLUR, ...options };
  const insertable = typeof MediaStreamTrackProcessor === 'function' && typeof MediaStreamTrackGenerator === 'function';
  return insertable && !options.forceMainThread ? inWorker(track, urls, blur) : onMainThread(track, urls, blur);
}

function inWorker(track: MediaStreamTrack, urls: MediaAssetUrls, options: BlurOptions): BlurredTrack {
  const processor = new (MediaStreamTrackProcessor as NonNullable<typeof MediaStreamTrackProcessor>)({ track });
  const generator = new (MediaStreamTrackGenerator as NonNullable<typeof MediaStreamTrackGenerator>)({ kind: 'video' });
  const worker = new Worker(new URL('./blur.worker.ts', import.meta.url), { type: 'module', name: 'hintergrund-unschaerfe' });
  const send = (message: BlurWorkerRequest, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);
  const pendingStats: ((times: number[]) => void)[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<BlurWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'ready') resolve();
      else if (reply.type === 'error') reject(new Error(reply.message));
      else if (reply.type === 'stats') pendingStats.shift()?.(reply.frameTimesMs);
    });
    worker.addEventListener('error', (event) => reject(new Error(`Unschärfe-Worker: ${event.message}`)));
  });
  send({ type: 'start', readable: processor.readable, writable: generator.writable, urls, options }, [
    processor.readable as unknown as Transferable,
    generator.writable as unknown as Transferable,
  ]);
  return {
    track: generator,
    ready,
    runsIn: 'worker',
    setOptions: (next) => send({ type: 'options', options: next }),
    frameTimes: () =>
      new Promise((resolve) => {
        pendingStats.push(resolve);
        send({ type: 'stats' });
      }),
    stop: () => {
      generator.stop();
      worker.terminate();
    },
  };
}

function onMainThread(track: MediaStreamTrack, urls: MediaAssetUrls, options: BlurOptions): BlurredTrack {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  const canvas = document.createElement('canvas');
  const output = canvas.captureStream();
  const outTrack = output.getVideoTracks()[0] as MediaStreamTrack;
  const timings: number[] = [];
  let stopped = false;
  let compositor: BlurCompositor | null = null;
  const ready = (async () => {
    compositor = new BlurCompositor(await createSegmenter(urls, 'VIDEO'), options);
    await video.play();
    const active = compositor;
    const draw = (now: number): void => {
      if (stopped) return;
      const began = performance.now();
      if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
      }
      const frame = active.process(video, video.videoWidth, video.videoHeight, now);
      canvas.getContext('2d')?.drawImage(frame, 0, 0);
      timings.push(performance.now() - began);
      if (timings.length > 1_000) timings.shift();
      video.requestVideoFrameCallback(draw);
    };
    video.requestVideoFrameCallback(draw);
  })();
  return {
    track: outTrack,
    ready,
    runsIn: 'main-thread',
    setOptions: (next) => compositor?.setOptions(next),
    frameTimes: () => Promise.resolve([...timings]),
    stop: () => {
      stopped = true;
      outTrack.stop();
      video.srcObject = null;
    },
  };
}

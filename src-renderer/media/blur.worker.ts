/// <reference lib="webworker" />
/**
 * The blur pipeline off the main thread: frames arrive as a ReadableStream from MediaStreamTrackProcessor, leave
 * through the WritableStream of a MediaStreamTrackGenerator, and never touch the page's thread on the way.
 */
import type { MediaAssetUrls } from './assets.js';
import { BlurCompositor, type BlurOptions } from './blur-compositor.js';
import type { BlurWorkerReply, BlurWorkerRequest } from './blur-protocol.js';
import { createSegmenter } from './vision.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: BlurWorkerReply): void => self.postMessage(reply);
let compositor: BlurCompositor | null = null;
const timings: number[] = [];

async function start(readable: ReadableStream<VideoFrame>, writable: WritableStream<VideoFrame>, urls: MediaAssetUrls, options: BlurOptions): Promise<void> {
  compositor = new BlurCompositor(await createSegmenter(urls, 'VIDEO'), options);
  post({ type: 'ready' });
  const active = compositor;
  await readable
    .pipeThrough(
      new TransformStream<VideoFrame, VideoFrame>({
        transform(frame, controller) {
          const began = performance.now();
          try {
            const canvas = active.process(frame, frame.displayWidth, frame.displayHeight, frame.timestamp / 1_000);
            controller.enqueue(new VideoFrame(canvas, { timestamp: frame.timestamp, alpha: 'discard' }));
          } finally {
            frame.close();
          }
          timings.push(performance.now() - began);
          if (timings.length > 1_000) timings.shift();
        },
      }),
    )
    .pipeTo(writable);
}

self.onmessage = (event: MessageEvent<BlurWorkerRequest>) => {
  const message = event.data;
  if (message.type === 'start') {
    start(message.readable, message.writable, message.urls, message.options).catch((error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'options') {
    compositor?.setOptions(message.options);
  } else if (message.type === 'stats') {
    post({ type: 'stats', frameTimesMs: [...timings] });
  }
};

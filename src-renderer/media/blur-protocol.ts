/** Messages between the page and the blur worker. */
import type { MediaAssetUrls } from './assets.js';
import type { BlurOptions } from './blur-compositor.js';

export type BlurWorkerRequest =
  | { type: 'start'; readable: ReadableStream<VideoFrame>; writable: WritableStream<VideoFrame>; urls: MediaAssetUrls; options: BlurOptions }
  | { type: 'options'; options: Partial<BlurOptions> }
  | { type: 'stats' };

export type BlurWorkerReply = { type: 'ready' } | { type: 'error'; message: string } | { type: 'stats'; frameTimesMs: number[] };

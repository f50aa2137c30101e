/**
 * A bare page with the renderer's media modules on `window.media`, built by Vite exactly like the app (workers,
 * wasm, models under media/), for browser tests of the media code and for `bench:blur`.
 */
import { pageMediaAssetUrls } from '../../../../src-renderer/media/assets.js';
import { createBlurredTrack } from '../../../../src-renderer/media/blurred-track.js';
import { analyseCamera, loadVisionModels, personMask } from '../../../../src-renderer/media/camera-analysis.js';
import { grabFrames } from '../../../../src-renderer/media/frame-grabber.js';

const media = { pageMediaAssetUrls, createBlurredTrack, analyseCamera, loadVisionModels, personMask, grabFrames };
declare global {
  interface Window {
    media: typeof media;
  }
}
window.media = media;
document.body.dataset.ready = 'true';

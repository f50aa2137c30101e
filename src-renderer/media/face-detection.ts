/**
 * Faces in a still picture, with BlazeFace from @vladmandic/human (MIT; the model ships in the npm package and is
 * served from our own origin). Only the detector runs: no mesh, no recognition, no age or emotion — the check
 * needs to know how many faces there are and where, nothing about who.
 */
import { Human, type Config } from '@vladmandic/human';
import type { FaceBox } from '../../src-shared/readiness/image.js';
import type { MediaAssetUrls } from './assets.js';
import { ModelLoadError } from './vision.js';

export interface FaceFinder {
  find(image: ImageData): Promise<FaceBox[]>;
}

function humanConfig(urls: MediaAssetUrls, backend: 'webgl' | 'cpu'): Partial<Config> {
  return {
    backend,
    modelBasePath: urls.faceModels,
    // Only used by the wasm backend, which we do not select; pointed home so nothing could ever go to a CDN.
    wasmPath: urls.faceModels,
    debug: false,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: { modelPath: 'blazeface.json', rotation: false, maxDetected: 5, minConfidence: 0.5, iouThreshold: 0.3, return: false, skipFrames: 0, skipTime: 0 },
      mesh: { enabled: false },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  } as Partial<Config>;
}

async function loadHuman(urls: MediaAssetUrls, backend: 'webgl' | 'cpu'): Promise<Human> {
  const human = new Human(humanConfig(urls, backend));
  await human.load();
  if (!human.models.loaded().some((name) => name.includes('blazeface') || name.includes('facedetect'))) {
    throw new Error('BlazeFace wurde nicht geladen');
  }
  return human;
}

export async function createFaceFinder(urls: MediaAssetUrls): Promise<FaceFinder> {
  let human: Human;
  try {
    human = await loadHuman(urls, 'webgl');
  } catch (webglError) {
    // No WebGL (a locked-down GPU driver): the CPU backend is slow but fine for a few still frames.
    try {
      human = await loadHuman(urls, 'cpu');
    } catch {
      throw new ModelLoadError('Gesichtserkennung', webglError);
    }
  }
  return {
    async find(image) {
      const result = await human.detect(image);
      return result.face.map((face) => {
        const [x, y, width, height] = face.boxRaw;
        return { x, y, width, height, score: face.boxScore };
      });
    },
  };
}

/**
 * The camera and background checks on a live track: grab a second of frames, segment the person, find faces,
 * and hand the numbers to the pure analyses in src-shared. Nothing leaves this function but figures.
 */
import type { ImageSegmenter } from '@mediapipe/tasks-vision';
import { analyseFrameSequence } from '../../src-shared/readiness/frames.js';
import type { PersonMask } from '../../src-shared/readiness/image.js';
import type { BackgroundCheckFacts, CameraFacts } from '../../src-shared/readiness/rules.js';
import { backgroundFacts, exposure } from '../../src-shared/readiness/scene.js';
import type { MediaAssetUrls } from './assets.js';
import { asRgba, DEFAULT_GRAB, grabFrames, type GrabOptions } from './frame-grabber.js';
import { createFaceFinder, type FaceFinder } from './face-detection.js';
import { createSegmenter } from './vision.js';

export interface VisionModels {
  readonly segmenter: ImageSegmenter;
  readonly faces: FaceFinder;
  close(): void;
}

export async function loadVisionModels(urls: MediaAssetUrls): Promise<VisionModels> {
  const [segmenter, faces] = await Promise.all([createSegmenter(urls, 'IMAGE'), createFaceFinder(urls)]);
  return { segmenter, faces, close: () => segmenter.close() };
}

export function personMask(segmenter: ImageSegmenter, image: ImageData): PersonMask {
  const result = segmenter.segment(image);
  try {
    const mask = result.confidenceMasks?.[0];
    if (!mask) throw new Error('Die Segmentierung lieferte keine Maske.');
    // tasks-vision returns the mask at the input's size; guard anyway, the analyses require equal sizes.
    if (mask.width !== image.width || mask.height !== image.height) throw new Error(`Maske ${mask.width}×${mask.height} passt nicht zum Bild ${image.width}×${image.height}.`);
    return { width: mask.width, height: mask.height, data: mask.getAsFloat32Array().slice() };
  } finally {
    result.close();
  }
}

export interface CameraAnalysis {
  readonly camera: CameraFacts;
  readonly background: BackgroundCheckFacts | null;
}

export async function analyseCamera(track: MediaStreamTrack, models: VisionModels | null, options: { blurEnabled: boolean; grab?: GrabOptions }): Promise<CameraAnalysis> {
  const grabbed = await grabFrames(track, options.grab ?? DEFAULT_GRAB);
  const frames = grabbed.samples.map(asRgba);
  const sequence = analyseFrameSequence(frames);
  const last = grabbed.samples[grabbed.samples.length - 1];
  if (!models || !last || sequence.blackFrames === sequence.frames || sequence.frozen) {
    return { camera: { width: grabbed.width, height: grabbed.height, frameRate: grabbed.frameRate, sequence, exposure: null, faces: models ? [] : null }, background: null };
  }
  const mask = personMask(models.segmenter, last);
  const faces = (await models.faces.find(last)).sort((a, b) => b.width * b.height - a.width * a.height);
  return {
    camera: { width: grabbed.width, height: grabbed.height, frameRate: grabbed.frameRate, sequence, exposure: exposure(asRgba(last), mask, faces[0]), faces },
    background: { background: backgroundFacts(asRgba(last), mask), otherFaces: Math.max(0, faces.length - 1), blurEnabled: options.blurEnabled },
  };
}

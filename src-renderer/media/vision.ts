/**
 * MediaPipe Tasks (tasks-vision 0.10.x, pinned: 1.x sends usage metrics) with the models from our own origin.
 * Runs in the page or in a worker; in a module worker the loader must be the ES-module variant, because
 * importScripts throws there and the classic loader's globals would stay inside the imported module.
 */
import { FilesetResolver, ImageSegmenter } from '@mediapipe/tasks-vision';
import type { MediaAssetUrls } from './assets.js';

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
  constructor(what: string, cause: unknown) {
    super(`Das Modell „${what}“ ließ sich nicht laden: ${cause instanceof Error ? cause.message : String(cause)}. Bitte die App neu installieren.`, { cause });
  }
}

function inModuleWorker(): boolean {
  const load = (globalThis as { importScripts?: (...urls: string[]) => void }).importScripts;
  if (typeof document !== 'undefined' || typeof load !== 'function') return false;
  try {
    load();
    return false;
  } catch {
    return true;
  }
}

export async function createSegmenter(urls: MediaAssetUrls, runningMode: 'IMAGE' | 'VIDEO' = 'VIDEO'): Promise<ImageSegmenter> {
  try {
    const fileset = await FilesetResolver.forVisionTasks(urls.wasmBase, inModuleWorker());
    return await ImageSegmenter.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: urls.segmentationModel, delegate: 'CPU' },
      runningMode,
      outputConfidenceMasks: true,
      outputCategoryMask: false,
    });
  } catch (cause) {
    throw new ModelLoadError('Personensegmentierung', cause);
  }
}

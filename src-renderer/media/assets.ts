/**
 * Where the models and the wasm runtime live: under `media/` next to the app's own files (copied there from the
 * npm packages by scripts/media-assets.mjs). Workers get the base URL from the page, since their own location is
 * the bundled script's folder.
 */
export interface MediaAssetUrls {
  readonly wasmBase: string;
  readonly segmentationModel: string;
  /** Folder of Human's face models (Human appends the file names itself); ends with a slash. */
  readonly faceModels: string;
}

export function mediaAssetUrls(base: string): MediaAssetUrls {
  const at = (path: string): string => new URL(path, base).href;
  return {
    // tasks-vision appends "/vision_wasm_…" itself, so no trailing slash.
    wasmBase: at('media/wasm'),
    segmentationModel: at('media/models/selfie_segmentation_landscape.tflite'),
    faceModels: at('media/models/human/'),
  };
}

/** For the page itself: the document's base (works under app:// and the web shell's http://127.0.0.1). */
export const pageMediaAssetUrls = (): MediaAssetUrls => mediaAssetUrls(document.baseURI);

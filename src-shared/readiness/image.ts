/**
 * Plain pixel containers shared by the analyses, so they run unchanged on canvas ImageData in the renderer and on
 * generated images in unit tests.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel, row-major (the layout of ImageData.data). */
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** Per-pixel person confidence 0…1 at the image's resolution (the segmentation model's output, resized). */
export interface PersonMask {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** A face box in relative coordinates (0…1 of width and height). */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly score: number;
}

/** Rec. 601 luma, as cameras encode it. */
export function lumaPlane(image: RgbaImage): Float32Array {
  const { data } = image;
  const out = new Float32Array(image.width * image.height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    out[p] = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
  }
  return out;
}

export class ImageSizeMismatchError extends Error {
  override readonly name = 'ImageSizeMismatchError';
  constructor(what: string) {
    super(`Bild und ${what} haben verschiedene Größen: die Maske muss vor der Analyse auf die Bildgröße skaliert werden.`);
  }
}

export function assertSameSize(image: RgbaImage, mask: PersonMask): void {
  if (image.width !== mask.width || image.height !== mask.height) throw new ImageSizeMismatchError('Personenmaske');
}

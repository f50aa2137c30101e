/**
 * Background blur for one frame: segment a small copy of the frame (the model's own input size, so the mask
 * stays small), blur a quarter-size copy of the frame for the background (upscaling adds blur for free), and
 * draw the person on top through the mask with soft edges. Runs on OffscreenCanvas, in a worker or in the page.
 */
import type { ImageSegmenter } from '@mediapipe/tasks-vision';

export interface BlurOptions {
  /** Blur radius in output pixels; 0 turns the effect off (frames pass through unchanged). */
  readonly blurRadius: number;
  /** Share of the previous mask kept each frame: steadies the outline against flicker. */
  readonly maskSmoothing: number;
}

export const DEFAULT_BLUR: BlurOptions = { blurRadius: 14, maskSmoothing: 0.4 };

/** The landscape selfie model's input size. */
const MASK_WIDTH = 256;
const MASK_HEIGHT = 144;

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D-Zeichenfläche nicht verfügbar');
  return ctx;
}

export class BlurCompositor {
  private readonly small = new OffscreenCanvas(MASK_WIDTH, MASK_HEIGHT);
  private readonly maskCanvas = new OffscreenCanvas(MASK_WIDTH, MASK_HEIGHT);
  private readonly maskPixels = new ImageData(MASK_WIDTH, MASK_HEIGHT);
  private previous: Float32Array | null = null;
  private output = new OffscreenCanvas(1, 1);
  private person = new OffscreenCanvas(1, 1);
  private background = new OffscreenCanvas(1, 1);
  private lastTimestamp = -1;

  constructor(
    private readonly segmenter: ImageSegmenter,
    private options: BlurOptions = DEFAULT_BLUR,
  ) {}

  setOptions(options: Partial<BlurOptions>): void {
    this.options = { ...this.options, ...options };
  }

  private resize(width: number, height: number): void {
    if (this.output.width === width && this.output.height === height) return;
    this.output = new OffscreenCanvas(width, height);
    this.person = new OffscreenCanvas(width, height);
    this.background = new OffscreenCanvas(Math.max(1, Math.round(width / 4)), Math.max(1, Math.round(height / 4)));
  }

  /** Draws the processed frame and returns the canvas it is on (reused: copy or wrap it before the next call). */
  process(frame: CanvasImageSource, width: number, height: number, timestampMs: number): OffscreenCanvas {
    this.resize(width, height);
    const out = context(this.output);
    if (this.options.blurRadius <= 0) {
      out.drawImage(frame, 0, 0, width, height);
      return this.output;
    }
    this.updateMask(frame, timestampMs);

    const bg = context(this.background);
    bg.filter = `blur(${Math.max(1, this.options.blurRadius / 4)}px)`;
    bg.drawImage(frame, 0, 0, this.background.width, this.background.height);
    out.imageSmoothingQuality = 'low';
    out.drawImage(this.background, 0, 0, width, height);

    const person = context(this.person);
    person.globalCompositeOperation = 'copy';
    person.imageSmoothingEnabled = true;
    person.drawImage(this.maskCanvas, 0, 0, width, height);
    person.globalCompositeOperation = 'source-in';
    person.drawImage(frame, 0, 0, width, height);
    out.drawImage(this.person, 0, 0);
    return this.output;
  }

  private updateMask(frame: CanvasImageSource, timestampMs: number): void {
    context(this.small).drawImage(frame, 0, 0, MASK_WIDTH, MASK_HEIGHT);
    // VIDEO mode demands strictly increasing timestamps; repeated ones (a paused source) are nudged forward.
    const ts = timestampMs > this.lastTimestamp ? timestampMs : this.lastTimestamp + 1;
    this.lastTimestamp = ts;
    const result = this.segmenter.segmentForVideo(this.small, ts);
    try {
      const mask = result.confidenceMasks?.[0]?.getAsFloat32Array();
      if (!mask) return;
      const keep = this.previous && this.previous.length === mask.length ? this.options.maskSmoothing : 0;
      const next = this.previous && keep > 0 ? this.previous : new Float32Array(mask.length);
      const px = this.maskPixels.data;
      for (let i = 0; i < mask.length; i++) {
        const v = keep * (next[i] ?? 0) + (1 - keep) * (mask[i] ?? 0);
        next[i] = v;
        px[i * 4 + 3] = v * 255;
      }
      this.previous = next;
      context(this.maskCanvas).putImageData(this.maskPixels, 0, 0);
    } finally {
      result.close();
    }
  }
}

/** Generated test data: sounds and pictures with known content, so each analysis can be checked against the truth. */
import type { PersonMask, RgbaImage } from '../../../src-shared/readiness/image.js';
import { mulberry32 } from '../../../src-shared/seeded-random.js';

/** Deterministic pseudo-random numbers: tests must not flake on unlucky noise. */
export const random = mulberry32;

/** Gaussian noise via Box–Muller. */
export function gaussian(seed: number): () => number {
  const r = random(seed);
  return () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

export function addNoise(samples: Float32Array, rms: number, seed = 1): Float32Array {
  const g = gaussian(seed);
  return samples.map((x) => x + rms * g());
}

/** A room: the direct sound after `delayMs` plus reflections, all scaled by `gain`. */
export function throughRoom(samples: Float32Array, sampleRate: number, gain: number, delayMs: number, reflections: readonly [number, number][] = []): Float32Array {
  const out = new Float32Array(samples.length + sampleRate);
  const paths: [number, number][] = [[delayMs, 1], ...reflections.map(([ms, g]): [number, number] => [delayMs + ms, g])];
  for (const [ms, g] of paths) {
    const offset = Math.round((sampleRate * ms) / 1000);
    for (let i = 0; i < samples.length; i++) out[i + offset] = (out[i + offset] ?? 0) + gain * g * (samples[i] ?? 0);
  }
  return out;
}

export const rms = (samples: Float32Array): number => Math.sqrt(samples.reduce((s, x) => s + x * x, 0) / samples.length);

export type Rgb = readonly [number, number, number];

export function solid(width: number, height: number, [r, g, b]: Rgb): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  }
  return { width, height, data };
}

export function paint(image: RgbaImage, inside: (x: number, y: number) => boolean, colour: (x: number, y: number) => Rgb): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!inside(x, y)) continue;
      const i = (y * image.width + x) * 4;
      const [r, g, b] = colour(x, y);
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
    }
  }
  return { width: image.width, height: image.height, data };
}

export function withPixelNoise(image: RgbaImage, amplitude: number, seed: number): RgbaImage {
  const r = random(seed);
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i++) if (i % 4 !== 3) data[i] = (data[i] ?? 0) + Math.round((r() - 0.5) * 2 * amplitude);
  return { width: image.width, height: image.height, data };
}

/** A head-and-shoulders silhouette in the lower middle, as a predicate. */
export function personShape(width: number, height: number): (x: number, y: number) => boolean {
  const cx = width / 2;
  const headY = height * 0.4;
  const headR = height * 0.17;
  return (x, y) =>
    ((x - cx) / (headR * 0.8)) ** 2 + ((y - headY) / headR) ** 2 <= 1 ||
    (y > height * 0.62 && Math.abs(x - cx) < width * 0.22 + (y - height * 0.62) * 0.5);
}

export function maskOf(width: number, height: number, inside: (x: number, y: number) => boolean): PersonMask {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inside(x, y) ? 0.95 : 0.02;
  return { width, height, data };
}

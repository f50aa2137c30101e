/**
 * Black and frozen frames. A covered lens or a privacy shutter gives black frames; a hung driver or a camera held
 * by another app repeats the same buffer. A real sensor always adds noise, so even a still scene changes a little
 * from frame to frame: byte-identical frames mean the picture is frozen.
 */
import { lumaPlane, type RgbaImage } from './image.js';

export interface LumaStats {
  readonly mean: number;
  readonly std: number;
}

export function lumaStats(image: RgbaImage): LumaStats {
  const luma = lumaPlane(image);
  let sum = 0;
  let sq = 0;
  for (const y of luma) {
    sum += y;
    sq += y * y;
  }
  const n = Math.max(1, luma.length);
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
}

/** Black: dark and flat. A dark room still has structure (std), a shutter has none. */
export function isBlackFrame(image: RgbaImage): boolean {
  const { mean, std } = lumaStats(image);
  return mean < 16 && std < 4;
}

/** Mean absolute difference of the RGB channels of two equally sized frames (0…255). */
export function meanAbsDifference(a: RgbaImage, b: RgbaImage): number {
  if (a.width !== b.width || a.height !== b.height) return Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) + Math.abs((a.data[i + 1] ?? 0) - (b.data[i + 1] ?? 0)) + Math.abs((a.data[i + 2] ?? 0) - (b.data[i + 2] ?? 0));
    n += 3;
  }
  return n === 0 ? 0 : sum / n;
}

/** Below this mean difference two frames count as the same buffer; sensor noise alone stays well above it. */
export const FROZEN_DIFFERENCE = 0.05;

export interface FrameSequenceFacts {
  readonly frames: number;
  readonly blackFrames: number;
  /** Pairs of consecutive frames that were identical. */
  readonly repeatedPairs: number;
  /** Every consecutive pair identical: the picture does not move at all. */
  readonly frozen: boolean;
  readonly meanLuma: number;
}

export function analyseFrameSequence(frames: readonly RgbaImage[]): FrameSequenceFacts {
  let black = 0;
  let repeated = 0;
  let lumaSum = 0;
  frames.forEach((frame, i) => {
    if (isBlackFrame(frame)) black++;
    lumaSum += lumaStats(frame).mean;
    const previous = frames[i - 1];
    if (previous && meanAbsDifference(previous, frame) < FROZEN_DIFFERENCE) repeated++;
  });
  const pairs = Math.max(0, frames.length - 1);
  return {
    frames: frames.length,
    blackFrames: black,
    repeatedPairs: repeated,
    frozen: pairs > 0 && repeated === pairs,
    meanLuma: frames.length ? lumaSum / frames.length : 0,
  };
}

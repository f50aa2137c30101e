/** Microphone level and clipping from recorded samples (−1…1), for the "say a sentence" step. */

export interface MicLevel {
  readonly rmsDbfs: number;
  readonly peakDbfs: number;
  /** Share of samples at full scale: above ~0.1 % the speech is audibly distorted. */
  readonly clippedRatio: number;
}

const toDb = (x: number): number => (x <= 1e-10 ? -200 : 20 * Math.log10(x));

export function micLevel(samples: Float32Array): MicLevel {
  let sum = 0;
  let peak = 0;
  let clipped = 0;
  for (const x of samples) {
    const a = Math.abs(x);
    sum += x * x;
    if (a > peak) peak = a;
    if (a >= 0.999) clipped++;
  }
  const n = Math.max(1, samples.length);
  return { rmsDbfs: Math.max(-200, toDb(Math.sqrt(sum / n))), peakDbfs: toDb(peak), clippedRatio: clipped / n };
}

/** Below this peak the microphone delivers nothing usable: muted, wrong device, or a hardware switch. */
export const MIC_SILENT_PEAK_DBFS = -60;
/** Speech whose loudest moments stay below this is hard to follow for the other side. */
export const MIC_QUIET_PEAK_DBFS = -30;
export const MIC_CLIPPING_RATIO = 0.001;

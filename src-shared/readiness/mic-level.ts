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

export interface SpeechEvidence {
  /** The quiet moments (10th percentile of 20 ms frames): the room and the microphone's own noise. */
  readonly floorDbfs: number;
  /** The loud moments (90th percentile): the voice, when the person spoke. */
  readonly speechDbfs: number;
  readonly peakDbfs: number;
  /** silent: no signal at all (muted, wrong device, hardware switch); no-speech: a signal, but no voice rising above it. */
  readonly state: 'silent' | 'no-speech' | 'live';
}

/** A voice rises at least this far above the quiet moments between syllables. */
export const SPEECH_ABOVE_FLOOR_DB = 10;
/** A voice at normal distance from a headset microphone is louder than this. */
export const SPEECH_MIN_DBFS = -50;

/** Is the microphone live? From a recording while the person was asked to say a sentence. */
export function speechEvidence(samples: Float32Array, sampleRate: number): SpeechEvidence {
  const frame = Math.max(1, Math.round(sampleRate * 0.02));
  const levels: number[] = [];
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let sum = 0;
    for (let i = start; i < start + frame; i++) sum += (samples[i] as number) ** 2;
    levels.push(toDb(Math.sqrt(sum / frame)));
  }
  levels.sort((a, b) => a - b);
  const at = (q: number) => levels[Math.min(levels.length - 1, Math.floor(q * levels.length))] ?? -200;
  const floorDbfs = Math.max(-200, at(0.1));
  const speechDbfs = Math.max(-200, at(0.9));
  const { peakDbfs } = micLevel(samples);
  const state = peakDbfs < MIC_SILENT_PEAK_DBFS ? 'silent' : speechDbfs < SPEECH_MIN_DBFS || speechDbfs - floorDbfs < SPEECH_ABOVE_FLOOR_DB ? 'no-speech' : 'live';
  return { floorDbfs, speechDbfs, peakDbfs, state };
}

/**
 * Acoustic loopback: the app plays a short tone sequence on the chosen output (echo cancellation off) and records
 * the chosen microphone. If the microphone hears the tones, the sound leaves the device through open speakers and
 * a third person in the room hears the customer too. A headset keeps the tones at the ear: the microphone hears
 * nothing or a trace far below the room's noise.
 *
 * Detection uses the Goertzel algorithm (one DFT bin per probe frequency) on short frames, and compares each
 * tone's bin with neighbouring bins of the same frame: a narrow-band SNR that survives broadband noise (fans,
 * speech) and room echo (delayed copies of the same tone only add energy in the same bin).
 */

export interface ToneStep {
  readonly frequencyHz: number;
  readonly durationMs: number;
}

/** Frequencies between the common speech formants and below most laptop speakers' roll-off; gaps let echo decay. */
export const LOOPBACK_SEQUENCE: readonly ToneStep[] = [
  { frequencyHz: 1_000, durationMs: 200 },
  { frequencyHz: 1_600, durationMs: 200 },
  { frequencyHz: 2_200, durationMs: 200 },
  { frequencyHz: 2_800, durationMs: 200 },
];
export const LOOPBACK_GAP_MS = 100;

/** Power of one frequency in `samples[start, start+length)` (Goertzel), normalised so a full-scale sine gives ~1. */
export function goertzelPower(samples: Float32Array, sampleRate: number, frequencyHz: number, start = 0, length = samples.length - start): number {
  const omega = (2 * Math.PI * frequencyHz) / sampleRate;
  const coeff = 2 * Math.cos(omega);
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < start + length; i++) {
    const s0 = (samples[i] ?? 0) + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (4 * power) / (length * length);
}

export interface ToneDetection {
  readonly frequencyHz: number;
  readonly heard: boolean;
  /** Best narrow-band SNR over the frames, in dB (tone bin vs neighbouring bins). */
  readonly snrDb: number;
  /** When the tone was first heard, ms from the start of the recording; null if not heard. */
  readonly firstHeardMs: number | null;
}

export interface SequenceDetection {
  readonly tones: readonly ToneDetection[];
  readonly heardCount: number;
  /** The tones were heard in the order they were played — a chance noise burst would not keep the order. */
  readonly inOrder: boolean;
}

const FRAME_MS = 20;
const NEIGHBOUR_OFFSETS_HZ = [-300, -200, 200, 300];
/** 12 dB above the neighbouring bins in at least this many consecutive frames counts as heard. */
const SNR_THRESHOLD_DB = 12;
const CONSECUTIVE_FRAMES = 3;

export function detectTone(samples: Float32Array, sampleRate: number, frequencyHz: number): ToneDetection {
  const frame = Math.round((sampleRate * FRAME_MS) / 1000);
  const hop = Math.round(frame / 2);
  let best = -Infinity;
  let run = 0;
  let firstHeardMs: number | null = null;
  for (let start = 0; start + frame <= samples.length; start += hop) {
    const tone = goertzelPower(samples, sampleRate, frequencyHz, start, frame);
    let floor = 0;
    for (const offset of NEIGHBOUR_OFFSETS_HZ) floor += goertzelPower(samples, sampleRate, frequencyHz + offset, start, frame);
    floor = floor / NEIGHBOUR_OFFSETS_HZ.length + 1e-12;
    // An absolute floor keeps digital silence (floor ≈ 0) from turning rounding noise into a huge SNR.
    const snrDb = tone < 1e-8 ? 0 : 10 * Math.log10(tone / floor);
    best = Math.max(best, snrDb);
    run = snrDb >= SNR_THRESHOLD_DB ? run + 1 : 0;
    if (run === CONSECUTIVE_FRAMES && firstHeardMs === null) {
      firstHeardMs = ((start - (CONSECUTIVE_FRAMES - 1) * hop) / sampleRate) * 1000;
    }
  }
  return { frequencyHz, heard: firstHeardMs !== null, snrDb: Number.isFinite(best) ? best : 0, firstHeardMs };
}

export function detectSequence(samples: Float32Array, sampleRate: number, sequence: readonly ToneStep[] = LOOPBACK_SEQUENCE): SequenceDetection {
  const tones = sequence.map((step) => detectTone(samples, sampleRate, step.frequencyHz));
  const heardTimes = tones.filter((t) => t.firstHeardMs !== null).map((t) => t.firstHeardMs as number);
  const inOrder = heardTimes.every((t, i) => i === 0 || t > (heardTimes[i - 1] as number));
  return { tones, heardCount: heardTimes.length, inOrder };
}

/** The tone sequence as samples (with short fades against clicks), for playback and for tests. */
export function synthesizeSequence(sampleRate: number, sequence: readonly ToneStep[] = LOOPBACK_SEQUENCE, amplitude = 0.5, gapMs = LOOPBACK_GAP_MS): Float32Array {
  const gap = Math.round((sampleRate * gapMs) / 1000);
  const total = sequence.reduce((n, s) => n + Math.round((sampleRate * s.durationMs) / 1000) + gap, gap);
  const out = new Float32Array(total);
  let pos = gap;
  const fade = Math.round(sampleRate * 0.005);
  for (const step of sequence) {
    const n = Math.round((sampleRate * step.durationMs) / 1000);
    for (let i = 0; i < n; i++) {
      const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
      out[pos + i] = amplitude * envelope * Math.sin((2 * Math.PI * step.frequencyHz * i) / sampleRate);
    }
    pos += n + gap;
  }
  return out;
}

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
  /** Heard inside its own window of the sequence as played (see detectSequence). */
  readonly heard: boolean;
  /** Best narrow-band SNR inside its window, in dB (tone bin vs neighbouring bins). */
  readonly snrDb: number;
}

export interface SequenceDetection {
  readonly tones: readonly ToneDetection[];
  /** Tones heard in their own window, at one common delay: in the order and spacing they were played. */
  readonly heardCount: number;
  /** The delay (output + input latency + path) the tones were heard at; null when none was heard. */
  readonly latencyMs: number | null;
  /**
   * Frequencies of the sequence already present before anything was played: a whistle, a tone from another
   * program, a looping test signal. The test cannot tell our tones from it, so it cannot judge.
   */
  readonly interferenceHz: readonly number[];
}

export interface SequenceTiming {
  readonly sequence?: readonly ToneStep[];
  readonly gapMs?: number;
  /** When playback of the synthesized sequence started, ms from the start of the recording. */
  readonly playedAtMs: number;
  /** How late the sound may reach the microphone (output and input buffers, Bluetooth): the delays searched. */
  readonly maxLatencyMs?: number;
  /** Slightly negative: the recorder's start event can come a little after its first samples. */
  readonly minLatencyMs?: number;
}

const FRAME_MS = 20;
const HOP_MS = 10;
const NEIGHBOUR_OFFSETS_HZ = [-300, -200, 200, 300];
/** 12 dB above the neighbouring bins in at least this many consecutive frames counts as heard. */
const SNR_THRESHOLD_DB = 12;
const CONSECUTIVE_FRAMES = 3;
/** The window may be missed by this much at either end (frame edges, the tone's fades). */
const WINDOW_SLACK_MS = 20;

/** SNR per frame (20 ms frames every 10 ms) of one frequency against its neighbouring bins. */
export function toneSnrFrames(samples: Float32Array, sampleRate: number, frequencyHz: number): Float32Array {
  const frame = Math.round((sampleRate * FRAME_MS) / 1000);
  const hop = Math.round((sampleRate * HOP_MS) / 1000);
  const count = samples.length >= frame ? Math.floor((samples.length - frame) / hop) + 1 : 0;
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const start = k * hop;
    const tone = goertzelPower(samples, sampleRate, frequencyHz, start, frame);
    let floor = 0;
    for (const offset of NEIGHBOUR_OFFSETS_HZ) floor += goertzelPower(samples, sampleRate, frequencyHz + offset, start, frame);
    floor = floor / NEIGHBOUR_OFFSETS_HZ.length + 1e-12;
    // An absolute floor keeps digital silence (floor ≈ 0) from turning rounding noise into a huge SNR.
    out[k] = tone < 1e-8 ? 0 : 10 * Math.log10(tone / floor);
  }
  return out;
}

/** Frames [first, last] (inclusive) lying inside [fromMs, toMs]. */
const framesWithin = (fromMs: number, toMs: number, frames: number): [number, number] => [Math.max(0, Math.ceil(fromMs / HOP_MS)), Math.min(frames - 1, Math.floor((toMs - FRAME_MS) / HOP_MS))];

/** Is there a run of CONSECUTIVE_FRAMES frames at or above the threshold inside [fromMs, toMs]? And the best SNR there. */
function heardWithin(snr: Float32Array, fromMs: number, toMs: number): { heard: boolean; best: number } {
  const [first, last] = framesWithin(fromMs, toMs, snr.length);
  let run = 0;
  let heard = false;
  let best = 0;
  for (let k = first; k <= last; k++) {
    const v = snr[k] as number;
    best = Math.max(best, v);
    run = v >= SNR_THRESHOLD_DB ? run + 1 : 0;
    if (run >= CONSECUTIVE_FRAMES) heard = true;
  }
  return { heard, best };
}

/** Each tone's start within the synthesized buffer (it begins with a gap, see synthesizeSequence). */
export function toneOffsetsMs(sequence: readonly ToneStep[] = LOOPBACK_SEQUENCE, gapMs = LOOPBACK_GAP_MS): number[] {
  const offsets: number[] = [];
  let at = gapMs;
  for (const step of sequence) {
    offsets.push(at);
    at += step.durationMs + gapMs;
  }
  return offsets;
}

/**
 * Listens for the sequence only where it was played: tone i counts only inside its own window
 * [played + delay + offset_i, … + duration_i], with one delay for all tones, searched from 0 to maxLatencyMs.
 * A sound at those frequencies at any other moment, or in another order, does not count; one that was there
 * before playback began is reported as interference.
 */
export function detectSequence(samples: Float32Array, sampleRate: number, timing: SequenceTiming): SequenceDetection {
  const { sequence = LOOPBACK_SEQUENCE, gapMs = LOOPBACK_GAP_MS, playedAtMs, maxLatencyMs = 600, minLatencyMs = -100 } = timing;
  const snr = sequence.map((step) => toneSnrFrames(samples, sampleRate, step.frequencyHz));
  const offsets = toneOffsetsMs(sequence, gapMs);
  const interferenceHz = sequence.filter((_, i) => heardWithin(snr[i] as Float32Array, 0, playedAtMs + minLatencyMs).heard).map((s) => s.frequencyHz);
  const candidates: { latency: number; tones: ToneDetection[]; count: number }[] = [];
  for (let latency = minLatencyMs; latency <= maxLatencyMs; latency += HOP_MS) {
    const tones = sequence.map((step, i): ToneDetection => {
      const from = playedAtMs + latency + (offsets[i] as number) - WINDOW_SLACK_MS;
      const { heard, best: snrDb } = heardWithin(snr[i] as Float32Array, from, from + step.durationMs + 2 * WINDOW_SLACK_MS);
      return { frequencyHz: step.frequencyHz, heard, snrDb };
    });
    candidates.push({ latency, tones, count: tones.filter((t) => t.heard).length });
  }
  // Every delay that puts the most tones in their windows fits; the middle one is the best estimate.
  const most = Math.max(...candidates.map((c) => c.count));
  const fitting = candidates.filter((c) => c.count === most);
  const chosen = fitting[Math.floor((fitting.length - 1) / 2)] as (typeof candidates)[number];
  return { tones: chosen.tones, heardCount: chosen.count, latencyMs: chosen.count > 0 ? chosen.latency : null, interferenceHz };
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

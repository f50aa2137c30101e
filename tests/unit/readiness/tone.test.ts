/**
 * The acoustic loopback on synthetic recordings made the way the app records: the microphone runs for a lead of
 * silence, then the tones are played (`playedAtMs`), and they reach the microphone after a room's delay, with
 * echo and noise — or not at all.
 */
import { describe, expect, it } from 'vitest';
import { detectSequence, goertzelPower, LOOPBACK_SEQUENCE, synthesizeSequence } from '../../../src-shared/readiness/tone.js';
import { addNoise, rms, throughRoom } from './synthetic.js';

const RATE = 48_000;
const LEAD_MS = 400;
const played = synthesizeSequence(RATE);

/** A recording: `lead` ms before playback, then whatever reached the microphone, then a tail. */
function recording(reached: Float32Array, leadMs = LEAD_MS, tailMs = 700): Float32Array {
  const lead = Math.round((RATE * leadMs) / 1000);
  const out = new Float32Array(lead + reached.length + Math.round((RATE * tailMs) / 1000));
  out.set(reached, lead);
  return out;
}

const detect = (samples: Float32Array, playedAtMs = LEAD_MS) => detectSequence(samples, RATE, { playedAtMs });

describe('goertzelPower', () => {
  it('gives ~1 for a full-scale sine at the probe frequency and ~0 elsewhere', () => {
    const sine = Float32Array.from({ length: 960 }, (_, i) => Math.sin((2 * Math.PI * 1_000 * i) / RATE));
    expect(goertzelPower(sine, RATE, 1_000)).toBeCloseTo(1, 1);
    expect(goertzelPower(sine, RATE, 2_000)).toBeLessThan(0.01);
  });
});

describe('detectSequence: open speakers', () => {
  it('hears every tone in its window and finds the delay', () => {
    const result = detect(recording(throughRoom(played, RATE, 0.3, 120)));
    expect(result.heardCount).toBe(LOOPBACK_SEQUENCE.length);
    expect(result.interferenceHz).toEqual([]);
    // The path is 120 ms; any delay that puts every tone in its own window is right, within the window slack.
    expect(result.latencyMs).toBeGreaterThanOrEqual(60);
    expect(result.latencyMs).toBeLessThanOrEqual(180);
  });

  it('still hears the tones with room echo (reflections of the same tones)', () => {
    const reached = throughRoom(played, RATE, 0.2, 40, [
      [35, 0.6],
      [90, 0.4],
      [170, 0.25],
    ]);
    expect(detect(recording(reached)).heardCount).toBe(4);
  });

  it('still hears quiet tones under broadband noise louder than the tones', () => {
    const tones = recording(throughRoom(played, RATE, 0.02, 30, [[40, 0.5]]));
    const noisy = addNoise(tones, 0.03, 7);
    expect(rms(noisy)).toBeGreaterThan(2 * rms(tones));
    expect(detect(noisy).heardCount).toBe(4);
  });

  it('hears Bluetooth-late tones (half a second)', () => {
    expect(detect(recording(throughRoom(played, RATE, 0.3, 500))).heardCount).toBe(4);
  });
});

describe('detectSequence: only at the moments the tones were played', () => {
  it('does not count the sequence when it comes long after it was played', () => {
    // The same tones, but 1.5 s late: not ours (another program, a recording played back).
    expect(detect(recording(throughRoom(played, RATE, 0.3, 1_500), LEAD_MS, 2_500)).heardCount).toBe(0);
  });

  it('does not count the tones in the wrong order', () => {
    const reversed = synthesizeSequence(RATE, [...LOOPBACK_SEQUENCE].reverse());
    expect(detect(recording(throughRoom(reversed, RATE, 0.3, 50))).heardCount).toBeLessThan(3);
  });

  it('reports a steady tone at a test frequency that was there before playback as interference', () => {
    const whistle = Float32Array.from({ length: RATE * 3 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * 1_600 * i) / RATE));
    const result = detect(addNoise(whistle, 0.01, 2));
    expect(result.interferenceHz).toEqual([1_600]);
  });

  it('a looping test signal not tied to playback is interference, not open speakers', () => {
    // Like a fake microphone that plays the sequence over and over, whatever the app does.
    const loop = Float32Array.from({ length: RATE * 3 }, (_, i) => 0.25 * (played[i % played.length] ?? 0));
    expect(detect(loop).interferenceHz.length).toBeGreaterThan(0);
  });
});

describe('detectSequence: a headset or a dead microphone', () => {
  it('hears nothing in noise alone (the tones stay at the ear)', () => {
    expect(detect(addNoise(recording(new Float32Array(played.length)), 0.05, 3)).heardCount).toBe(0);
  });

  it('hears nothing when the leak from the headset is far below the room noise', () => {
    expect(detect(addNoise(recording(throughRoom(played, RATE, 0.0002, 5)), 0.02, 11)).heardCount).toBe(0);
  });

  it('hears nothing in digital silence', () => {
    const result = detect(recording(new Float32Array(played.length)));
    expect(result).toMatchObject({ heardCount: 0, latencyMs: null, interferenceHz: [] });
  });

  it('does not take tones at other frequencies for the sequence', () => {
    const other = synthesizeSequence(RATE, [
      { frequencyHz: 440, durationMs: 200 },
      { frequencyHz: 660, durationMs: 200 },
      { frequencyHz: 3_600, durationMs: 200 },
    ]);
    expect(detect(addNoise(recording(other), 0.005, 5)).heardCount).toBe(0);
  });
});

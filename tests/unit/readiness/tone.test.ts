import { describe, expect, it } from 'vitest';
import { detectSequence, goertzelPower, LOOPBACK_SEQUENCE, synthesizeSequence } from '../../../src-shared/readiness/tone.js';
import { addNoise, rms, throughRoom } from './synthetic.js';

const RATE = 48_000;
const played = synthesizeSequence(RATE);

describe('goertzelPower', () => {
  it('gives ~1 for a full-scale sine at the probe frequency and ~0 elsewhere', () => {
    const sine = Float32Array.from({ length: 960 }, (_, i) => Math.sin((2 * Math.PI * 1_000 * i) / RATE));
    expect(goertzelPower(sine, RATE, 1_000)).toBeCloseTo(1, 1);
    expect(goertzelPower(sine, RATE, 2_000)).toBeLessThan(0.01);
  });
});

describe('detectSequence (acoustic loopback)', () => {
  it('hears every tone, in order, when speakers play into the microphone', () => {
    const recorded = throughRoom(played, RATE, 0.3, 12);
    const result = detectSequence(recorded, RATE);
    expect(result.heardCount).toBe(LOOPBACK_SEQUENCE.length);
    expect(result.inOrder).toBe(true);
    // The first tone starts after the leading gap (100 ms) plus the 12 ms path.
    expect(result.tones[0]?.firstHeardMs).toBeGreaterThan(90);
    expect(result.tones[0]?.firstHeardMs).toBeLessThan(160);
  });

  it('still hears the tones with room echo (reflections of the same tones)', () => {
    const recorded = throughRoom(played, RATE, 0.2, 8, [
      [35, 0.6],
      [90, 0.4],
      [170, 0.25],
    ]);
    const result = detectSequence(recorded, RATE);
    expect(result.heardCount).toBe(4);
    expect(result.inOrder).toBe(true);
  });

  it('still hears quiet tones under broadband noise louder than the tones', () => {
    const tones = throughRoom(played, RATE, 0.02, 10, [[40, 0.5]]);
    const recorded = addNoise(tones, 0.03, 7);
    // The noise carries more energy than the tones: only a narrow-band detector finds them.
    expect(rms(recorded)).toBeGreaterThan(2 * rms(tones));
    expect(detectSequence(recorded, RATE).heardCount).toBe(4);
  });

  it('hears nothing in noise alone (a headset: the tones stay at the ear)', () => {
    const noise = addNoise(new Float32Array(played.length), 0.05, 3);
    const result = detectSequence(noise, RATE);
    expect(result.heardCount).toBe(0);
  });

  it('hears nothing when the leak from the headset is far below the room noise', () => {
    const leak = throughRoom(played, RATE, 0.0002, 5);
    expect(detectSequence(addNoise(leak, 0.02, 11), RATE).heardCount).toBe(0);
  });

  it('hears nothing in digital silence (a muted microphone)', () => {
    expect(detectSequence(new Float32Array(played.length), RATE).heardCount).toBe(0);
  });

  it('does not take speech-like tones at other frequencies for the sequence', () => {
    const other = synthesizeSequence(RATE, [
      { frequencyHz: 440, durationMs: 200 },
      { frequencyHz: 660, durationMs: 200 },
      { frequencyHz: 3_600, durationMs: 200 },
    ]);
    expect(detectSequence(addNoise(other, 0.005, 5), RATE).heardCount).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { micLevel } from '../../../src-shared/readiness/mic-level.js';
import { micFindings } from '../../../src-shared/readiness/rules.js';
import { addNoise } from './synthetic.js';

const sine = (amplitude: number, n = 48_000): Float32Array => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * 220 * i) / 48_000));

describe('micLevel', () => {
  it('measures RMS and peak of a sine in dBFS', () => {
    const level = micLevel(sine(0.5));
    expect(level.peakDbfs).toBeCloseTo(-6.02, 1);
    expect(level.rmsDbfs).toBeCloseTo(-9.03, 1);
    expect(level.clippedRatio).toBe(0);
  });

  it('counts clipped samples of an overdriven signal', () => {
    const clipped = sine(3).map((x) => Math.max(-1, Math.min(1, x)));
    expect(micLevel(clipped).clippedRatio).toBeGreaterThan(0.5);
    expect(micFindings(micLevel(clipped)).map((f) => f.code)).toContain('microphone.clipping');
  });

  it('calls a muted microphone silent and a distant one quiet', () => {
    expect(micFindings(micLevel(new Float32Array(4800)))[0]).toMatchObject({ code: 'microphone.silent', severity: 'fail' });
    expect(micFindings(micLevel(addNoise(new Float32Array(4800), 0.002, 2)))[0]).toMatchObject({ code: 'microphone.quiet', severity: 'warn' });
    expect(micFindings(micLevel(sine(0.3)))[0]).toMatchObject({ code: 'microphone.ok', severity: 'info' });
  });
});

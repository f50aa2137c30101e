import { describe, expect, it } from 'vitest';
import { analyseFrameSequence, isBlackFrame } from '../../../src-shared/readiness/frames.js';
import { cameraFindings } from '../../../src-shared/readiness/rules.js';
import { paint, personShape, solid, withPixelNoise } from './synthetic.js';

const W = 160;
const H = 90;
const scene = (seed: number) => withPixelNoise(paint(solid(W, H, [180, 175, 170]), personShape(W, H), () => [200, 150, 120]), 3, seed);

describe('black frames', () => {
  it('finds a covered lens (black with a little sensor noise)', () => {
    expect(isBlackFrame(withPixelNoise(solid(W, H, [3, 3, 3]), 2, 1))).toBe(true);
  });
  it('does not call a dark room with structure black', () => {
    const darkRoom = paint(solid(W, H, [10, 10, 12]), personShape(W, H), () => [40, 30, 25]);
    expect(isBlackFrame(darkRoom)).toBe(false);
  });
});

describe('frozen frames', () => {
  it('finds a repeated buffer', () => {
    const frame = scene(1);
    const facts = analyseFrameSequence([frame, frame, frame, frame]);
    expect(facts.frozen).toBe(true);
    expect(cameraFindings({ width: 1280, height: 720, frameRate: 30, sequence: facts, exposure: null, faces: [] })).toEqual([
      { code: 'camera.frozen', severity: 'fail', params: { frames: 4 } },
    ]);
  });
  it('does not call a still scene with sensor noise frozen', () => {
    const facts = analyseFrameSequence([scene(1), scene(2), scene(3), scene(4)]);
    expect(facts.frozen).toBe(false);
    expect(facts.repeatedPairs).toBe(0);
  });
  it('reports all-black sequences as a failed camera', () => {
    const black = [1, 2, 3].map((s) => withPixelNoise(solid(W, H, [2, 2, 2]), 1, s));
    const facts = analyseFrameSequence(black);
    expect(facts.blackFrames).toBe(3);
    expect(cameraFindings({ width: 640, height: 480, frameRate: 30, sequence: facts, exposure: null, faces: [] })[0]?.code).toBe('camera.black');
  });
});

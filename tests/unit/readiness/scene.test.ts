import { describe, expect, it } from 'vitest';
import { backgroundFacts, backgroundRegion, exposure } from '../../../src-shared/readiness/scene.js';
import { backgroundFindings, cameraFindings } from '../../../src-shared/readiness/rules.js';
import { analyseFrameSequence } from '../../../src-shared/readiness/frames.js';
import { ImageSizeMismatchError } from '../../../src-shared/readiness/image.js';
import { maskOf, paint, personShape, random, solid, withPixelNoise, type Rgb } from './synthetic.js';

const W = 320;
const H = 180;
const person = personShape(W, H);
const mask = maskOf(W, H, person);
const skin = (): Rgb => [205, 160, 130];

const plainWall = withPixelNoise(paint(solid(W, H, [190, 186, 180]), person, skin), 4, 1);

/** Shelves and posters: random coloured rectangles. */
function busyRoom(seed: number) {
  const r = random(seed);
  let image = solid(W, H, [120, 100, 80]);
  for (let k = 0; k < 60; k++) {
    const x0 = r() * W;
    const y0 = r() * H;
    const w = 5 + r() * 40;
    const h = 5 + r() * 30;
    const c: Rgb = [r() * 255, r() * 255, r() * 255];
    image = paint(image, (x, y) => x >= x0 && x < x0 + w && y >= y0 && y < y0 + h, () => c);
  }
  return withPixelNoise(paint(image, person, skin), 4, seed);
}

const windowBehind = withPixelNoise(
  paint(paint(solid(W, H, [170, 165, 160]), (x, y) => x > W * 0.55 && y < H * 0.7, () => [252, 252, 250]), person, () => [90, 70, 60]),
  2,
  3,
);

describe('backgroundRegion', () => {
  it('keeps a margin around the person so the outline is not counted as clutter', () => {
    const region = backgroundRegion(mask);
    const headTop = Math.round(H * 0.4 - H * 0.17);
    expect(region[(headTop - 1) * W + W / 2]).toBe(0);
    expect(region[(headTop - 10) * W + W / 2]).toBe(1);
    expect(region[5 * W + 5]).toBe(1);
  });
});

describe('background clutter', () => {
  it('scores a plain wall as neutral', () => {
    const facts = backgroundFacts(plainWall, mask);
    expect(facts.edgeDensity).toBeLessThan(0.01);
    expect(facts.colourfulness).toBeLessThan(15);
    expect(backgroundFindings({ background: facts, otherFaces: 0, blurEnabled: false })).toEqual([
      expect.objectContaining({ code: 'background.neutral', severity: 'info' }),
    ]);
  });

  it('scores shelves and posters as cluttered, and blur as the remedy', () => {
    const facts = backgroundFacts(busyRoom(5), mask);
    expect(facts.edgeDensity).toBeGreaterThan(0.06);
    expect(facts.colourfulness).toBeGreaterThan(40);
    expect(backgroundFindings({ background: facts, otherFaces: 0, blurEnabled: false })[0]).toMatchObject({ code: 'background.cluttered', severity: 'warn' });
    expect(backgroundFindings({ background: facts, otherFaces: 0, blurEnabled: true })[0]).toMatchObject({ code: 'background.cluttered-blurred', severity: 'info' });
  });

  it('finds a bright window behind the person', () => {
    const facts = backgroundFacts(windowBehind, mask);
    expect(facts.brightRatio).toBeGreaterThan(0.2);
    expect(backgroundFindings({ background: facts, otherFaces: 0, blurEnabled: false }).map((f) => f.code)).toContain('background.bright-window');
  });

  it('warns of another person in the background', () => {
    const findings = backgroundFindings({ background: backgroundFacts(plainWall, mask), otherFaces: 1, blurEnabled: true });
    expect(findings).toEqual([expect.objectContaining({ code: 'background.other-person', severity: 'warn' })]);
  });

  it('refuses a mask of another size instead of reading past it', () => {
    expect(() => backgroundFacts(plainWall, maskOf(W / 2, H / 2, () => false))).toThrow(ImageSizeMismatchError);
  });
});

describe('exposure and backlight', () => {
  const sequence = analyseFrameSequence([plainWall, withPixelNoise(plainWall, 2, 9)]);
  const face = { x: 0.42, y: 0.25, width: 0.16, height: 0.32, score: 0.9 };

  it('judges backlight by the face, not by dark clothes', () => {
    const darkShirt = paint(plainWall, (x, y) => person(x, y) && y > H * 0.62, () => [30, 40, 70]);
    const headBox = { x: 0.43, y: 0.23, width: 0.14, height: 0.34, score: 0.9 };
    expect(exposure(darkShirt, mask).subjectMinusBackground).toBeLessThan(-50);
    expect(exposure(darkShirt, mask, headBox).subjectMinusBackground).toBeGreaterThan(-20);
  });

  it('sees a dark person in front of a bright window as backlit', () => {
    const facts = exposure(windowBehind, mask, face);
    expect(facts.subjectMinusBackground).toBeLessThan(-50);
    const codes = cameraFindings({ width: 1280, height: 720, frameRate: 30, sequence, exposure: facts, faces: [face] }).map((f) => f.code);
    expect(codes).toContain('camera.backlight');
  });

  it('passes an evenly lit person, centred, of sensible size', () => {
    const facts = exposure(plainWall, mask);
    expect(facts.subjectMinusBackground).toBeGreaterThan(-50);
    expect(facts.personCoverage).toBeGreaterThan(0.1);
    expect(cameraFindings({ width: 1280, height: 720, frameRate: 30, sequence, exposure: facts, faces: [face] })).toEqual([
      { code: 'camera.ok', severity: 'info', params: { width: 1280, height: 720, fps: 30 } },
    ]);
  });

  it('calls an underexposed picture too dark', () => {
    const dark = paint(solid(W, H, [25, 25, 30]), person, () => [45, 35, 30]);
    const codes = cameraFindings({ width: 640, height: 480, frameRate: 30, sequence, exposure: exposure(dark, mask), faces: [face] }).map((f) => f.code);
    expect(codes).toContain('camera.too-dark');
  });
});

describe('faces and camera figures', () => {
  const sequence = analyseFrameSequence([plainWall, withPixelNoise(plainWall, 2, 9)]);
  const base = { width: 1280, height: 720, frameRate: 30, sequence, exposure: null };
  const face = { x: 0.42, y: 0.25, width: 0.16, height: 0.32, score: 0.9 };
  const codes = (over: Partial<Parameters<typeof cameraFindings>[0]>) => cameraFindings({ ...base, faces: [face], ...over }).map((f) => f.code);

  it('warns of a second face (privacy), of none, and of an off-centre or tiny face', () => {
    expect(codes({ faces: [face, { ...face, x: 0.1 }] })).toEqual(['camera.other-person']);
    expect(codes({ faces: [] })).toEqual(['camera.no-face']);
    expect(codes({ faces: [{ ...face, x: 0.02 }] })).toContain('camera.off-centre');
    expect(codes({ faces: [{ ...face, height: 0.08, width: 0.05, x: 0.47 }] })).toContain('camera.face-small');
  });

  it('asks for at least 640×480 and 15 fps', () => {
    expect(codes({ width: 320, height: 240 })).toContain('camera.low-resolution');
    expect(codes({ width: 640, height: 480 })).toEqual(['camera.ok']);
    expect(codes({ frameRate: 10 })).toContain('camera.low-framerate');
  });
});

/**
 * What the camera shows around the person: exposure, backlight, clutter and bright windows. The background
 * analyses look at the background region only (where the segmentation model sees no person), shrunk away from the
 * person's outline so the silhouette's own edge does not count as clutter.
 */
import { assertSameSize, lumaPlane, type FaceBox, type PersonMask, type RgbaImage } from './image.js';

/** Person confidence above which a pixel is the person, and below which (after erosion) it is background. */
const PERSON = 0.5;
/** Pixels closer than this to the person's outline belong to neither region. */
const OUTLINE_MARGIN = 3;

/** Background = mask below PERSON and no person pixel within OUTLINE_MARGIN (a square neighbourhood). */
export function backgroundRegion(mask: PersonMask): Uint8Array {
  const { width, height, data } = mask;
  // Separable max filter over "is person" gives the dilated person; its complement is the eroded background.
  const person = new Uint8Array(width * height);
  for (let i = 0; i < person.length; i++) person[i] = (data[i] ?? 0) >= PERSON ? 1 : 0;
  const horizontal = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let d = -OUTLINE_MARGIN; d <= OUTLINE_MARGIN && !v; d++) {
        const xx = x + d;
        if (xx >= 0 && xx < width) v = person[y * width + xx] ?? 0;
      }
      horizontal[y * width + x] = v;
    }
  }
  const background = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let d = -OUTLINE_MARGIN; d <= OUTLINE_MARGIN && !v; d++) {
        const yy = y + d;
        if (yy >= 0 && yy < height) v = horizontal[yy * width + x] ?? 0;
      }
      background[y * width + x] = v ? 0 : 1;
    }
  }
  return background;
}

export interface ExposureFacts {
  readonly meanLuma: number;
  /** Share of pixels at or near full white / full black. */
  readonly overexposedRatio: number;
  readonly underexposedRatio: number;
  /** Mean luma of the person (or face) minus that of the background; strongly negative = backlit. */
  readonly subjectMinusBackground: number | null;
  readonly personCoverage: number;
}

/**
 * The subject is the face when one was found (clothes are often dark and would fake backlight), else the whole
 * person; the background is everything the model does not call person.
 */
export function exposure(image: RgbaImage, mask: PersonMask, face?: FaceBox): ExposureFacts {
  assertSameSize(image, mask);
  const luma = lumaPlane(image);
  // The inner half of the face box: the box's corners are hair and background.
  const inFace = face
    ? (p: number): boolean => {
        const x = (p % image.width) / image.width;
        const y = Math.floor(p / image.width) / image.height;
        return Math.abs(x - (face.x + face.width / 2)) < face.width / 4 && Math.abs(y - (face.y + face.height / 2)) < face.height / 4;
      }
    : null;
  let sum = 0;
  let over = 0;
  let under = 0;
  let personSum = 0;
  let personN = 0;
  let bgSum = 0;
  let bgN = 0;
  for (let i = 0; i < luma.length; i++) {
    const y = luma[i] ?? 0;
    sum += y;
    if (y >= 250) over++;
    if (y <= 8) under++;
    const isPerson = (mask.data[i] ?? 0) >= PERSON;
    if (inFace ? inFace(i) : isPerson) {
      personSum += y;
      personN++;
    } else if (!isPerson) {
      bgSum += y;
      bgN++;
    }
  }
  const n = Math.max(1, luma.length);
  return {
    meanLuma: sum / n,
    overexposedRatio: over / n,
    underexposedRatio: under / n,
    subjectMinusBackground: personN > 0 && bgN > 0 ? personSum / personN - bgSum / bgN : null,
    personCoverage: personN / n,
  };
}

export interface BackgroundFacts {
  /** Share of the background the analysis could see (the rest is the person and the outline margin). */
  readonly backgroundRatio: number;
  /** Share of background pixels on a strong edge (Sobel magnitude above EDGE_THRESHOLD). */
  readonly edgeDensity: number;
  /** Hasler–Süsstrunk colourfulness of the background: a plain wall stays below ~15, posters and shelves far above. */
  readonly colourfulness: number;
  /** Share of the background that is near white: a window or a lamp behind the person. */
  readonly brightRatio: number;
}

const EDGE_THRESHOLD = 80;
const BRIGHT_LUMA = 235;

export function backgroundFacts(image: RgbaImage, mask: PersonMask): BackgroundFacts {
  assertSameSize(image, mask);
  const { width, height } = image;
  const luma = lumaPlane(image);
  const background = backgroundRegion(mask);
  let bgN = 0;
  let edges = 0;
  let bright = 0;
  let rgSum = 0;
  let rgSq = 0;
  let ybSum = 0;
  let ybSq = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!background[p]) continue;
      bgN++;
      const i = p * 4;
      const r = image.data[i] ?? 0;
      const g = image.data[i + 1] ?? 0;
      const b = image.data[i + 2] ?? 0;
      const rg = r - g;
      const yb = 0.5 * (r + g) - b;
      rgSum += rg;
      rgSq += rg * rg;
      ybSum += yb;
      ybSq += yb * yb;
      if ((luma[p] ?? 0) >= BRIGHT_LUMA) bright++;
      if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
        const at = (dx: number, dy: number): number => luma[p + dy * width + dx] ?? 0;
        const gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
        const gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
        if (Math.hypot(gx, gy) > EDGE_THRESHOLD) edges++;
      }
    }
  }
  const n = Math.max(1, bgN);
  const rgMean = rgSum / n;
  const ybMean = ybSum / n;
  const rgStd = Math.sqrt(Math.max(0, rgSq / n - rgMean * rgMean));
  const ybStd = Math.sqrt(Math.max(0, ybSq / n - ybMean * ybMean));
  return {
    backgroundRatio: bgN / Math.max(1, width * height),
    edgeDensity: edges / n,
    colourfulness: Math.hypot(rgStd, ybStd) + 0.3 * Math.hypot(rgMean, ybMean),
    brightRatio: bright / n,
  };
}

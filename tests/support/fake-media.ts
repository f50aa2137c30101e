/**
 * Fake camera videos and microphone sounds for Chromium's `--use-file-for-fake-video-capture` and
 * `--use-file-for-fake-audio-capture`. The pictures are painted here pixel by pixel (a head-and-shoulders figure
 * with a face a face detector accepts) and encoded by ffmpeg into `.y4m`, which Chromium loops; sounds are written
 * as 16-bit PCM `.wav`.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { synthesizeSequence } from '../../src-shared/readiness/tone.js';
import { mulberry32 } from '../../src-shared/seeded-random.js';

/** The rooms the analyses are tested on; `lens-covered` is a privacy shutter (black frames), not a room. */
export type Scene = 'plain-wall' | 'busy-pattern' | 'two-figures' | 'bright-window' | 'lens-covered';
export const SCENES: readonly Scene[] = ['plain-wall', 'busy-pattern', 'two-figures', 'bright-window'];

type Rgb = [number, number, number];
type Painter = (x: number, y: number) => Rgb | null;

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/**
 * A person: hair, a shaded face with eyes, brows, nose and mouth, neck and shoulders in a shirt.
 * `cx`, `cy` is the face centre, `s` the face height in pixels.
 */
function figure(cx: number, cy: number, s: number, shirt: Rgb, light = 1): Painter {
  const skin: Rgb = [222 * light, 180 * light, 150 * light];
  const hair: Rgb = [60 * light, 42 * light, 30 * light];
  const rx = s * 0.38;
  const ry = s * 0.5;
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    // Eyes: white sclera, dark iris.
    for (const side of [-1, 1]) {
      const ex = cx + side * s * 0.16;
      const ey = cy - s * 0.06;
      if (inEllipse(x, y, ex, ey, s * 0.035, s * 0.035)) return [35, 25, 20];
      if (inEllipse(x, y, ex, ey, s * 0.08, s * 0.04)) return [240 * light, 240 * light, 235 * light];
      if (inEllipse(x, y, ex, ey - s * 0.09, s * 0.09, s * 0.018)) return hair;
    }
    if (inEllipse(x, y, cx, cy + s * 0.25, s * 0.12, s * 0.035)) return [170 * light, 70 * light, 70 * light];
    if (Math.abs(dx) < s * 0.03 && dy > -s * 0.02 && dy < s * 0.12) return mix(skin, [120, 80, 60], 0.4);
    if (inEllipse(x, y, cx, cy + s * 0.12, s * 0.06, s * 0.025)) return mix(skin, [120, 80, 60], 0.3);
    if (inEllipse(x, y, cx, cy, rx, ry) && !(dy < -ry * 0.55 && inEllipse(x, y, cx, cy - ry * 0.2, rx * 1.05, ry * 0.85))) {
      // Light from the front-left: a soft gradient makes the face read as round.
      return mix(skin, [150 * light, 110 * light, 90 * light], Math.max(0, Math.min(1, (dx / rx) * 0.3 + (dy / ry) ** 2 * 0.3)));
    }
    if (inEllipse(x, y, cx, cy - s * 0.12, rx * 1.12, ry * 0.92)) return hair;
    if (Math.abs(dx) < s * 0.17 && dy > ry * 0.7 && dy < ry * 1.25) return mix(skin, [150, 110, 90], 0.35);
    const shoulderTop = cy + ry * 1.15;
    if (y > shoulderTop && Math.abs(dx) < s * 0.55 + (y - shoulderTop) * 1.2) return shirt;
    return null;
  };
}

function layer(...painters: Painter[]): Painter {
  return (x, y) => {
    for (const p of painters) {
      const c = p(x, y);
      if (c) return c;
    }
    return null;
  };
}

function background(scene: Scene, w: number, h: number): Painter {
  if (scene === 'busy-pattern') {
    // Book shelves and posters: many small, differently coloured rectangles.
    const r = mulberry32(42);
    const boxes = Array.from({ length: 140 }, () => ({ x: r() * w, y: r() * h, w: 8 + r() * 40, h: 20 + r() * 70, c: [r() * 255, r() * 255, r() * 255] as Rgb }));
    return (x, y) => boxes.find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h)?.c ?? [110, 80, 55];
  }
  if (scene === 'bright-window') {
    return (x, y) => (x > w * 0.05 && x < w * 0.95 && y < h * 0.62 ? [252, 252, 250] : [175, 170, 162]);
  }
  return (_x, y) => mix([196, 190, 182], [176, 170, 162], y / h);
}

function scenePainter(scene: Scene, w: number, h: number, frame: number): Painter {
  if (scene === 'lens-covered') return () => [3, 3, 3];
  const sway = Math.sin(frame / 3) * 2;
  const main = figure(w / 2 + sway, h * 0.42, h * 0.36, [40, 70, 120], scene === 'bright-window' ? 0.55 : 1);
  if (scene === 'two-figures') return layer(main, figure(w * 0.16, h * 0.4, h * 0.28, [120, 40, 40]), background(scene, w, h));
  return layer(main, background(scene, w, h));
}

function paintFrame(scene: Scene, w: number, h: number, frame: number, noise: () => number): Buffer {
  const painter = scenePainter(scene, w, h, frame);
  const out = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = painter(x, y) ?? [0, 0, 0];
      const i = (y * w + x) * 3;
      // Sensor noise: a real camera never sends two identical frames.
      for (let k = 0; k < 3; k++) out[i + k] = Math.max(0, Math.min(255, Math.round((c[k] as number) + (noise() - 0.5) * 6)));
    }
  }
  return out;
}

function ffmpeg(args: string[], input?: (stdin: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
    if (input) input(child.stdin).then(() => child.stdin.end(), reject);
    else child.stdin.end();
  });
}

export interface VideoOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frames?: number;
  readonly fps?: number;
}

/** Writes `<dir>/<scene>.y4m` and returns its path. */
export async function fakeCameraVideo(dir: string, scene: Scene, options: VideoOptions = {}): Promise<string> {
  const { width = 640, height = 480, frames = 20, fps = 30 } = options;
  const path = join(dir, `${scene}.y4m`);
  const noise = mulberry32(7);
  await ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0', '-pix_fmt', 'yuv420p', path], async (stdin) => {
    for (let f = 0; f < frames; f++) {
      const ok = stdin.write(paintFrame(scene, width, height, f, noise));
      if (!ok) await new Promise((r) => stdin.once('drain', r));
    }
  });
  return path;
}

/** A still picture of the scene as PNG, to look at (and to test the analyses on the same pixels). */
export async function fakeScenePng(dir: string, scene: Scene, width = 640, height = 480): Promise<string> {
  const path = join(dir, `${scene}.png`);
  const raw = paintFrame(scene, width, height, 0, mulberry32(7));
  await ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', 'pipe:0', path], async (stdin) => {
    stdin.write(raw);
  });
  return path;
}

export function wavBytes(samples: Float32Array, sampleRate: number): Buffer {
  const out = Buffer.alloc(44 + samples.length * 2);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + samples.length * 2, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((x, i) => out.writeInt16LE(Math.round(Math.max(-1, Math.min(1, x)) * 32767), 44 + i * 2));
  return out;
}

export type Microphone = 'hears-speakers' | 'headset-speech' | 'muted';

/**
 * What the fake microphone records, looped by Chromium: the app's own tone sequence coming back through the room
 * (open speakers), speech-like sound without the tones (a headset), or digital silence.
 */
export async function fakeMicrophoneWav(dir: string, kind: Microphone, sampleRate = 48_000): Promise<string> {
  const seconds = 3;
  let samples = new Float32Array(sampleRate * seconds);
  const noise = mulberry32(3);
  if (kind === 'hears-speakers') {
    const sequence = synthesizeSequence(sampleRate, undefined, 0.25);
    for (let i = 0; i < samples.length; i++) samples[i] = (sequence[i % sequence.length] ?? 0) + (noise() - 0.5) * 0.01;
  } else if (kind === 'headset-speech') {
    // Vowel-like: a 140 Hz voice with harmonics, amplitude-modulated at syllable rate.
    samples = samples.map((_, i) => {
      const t = i / sampleRate;
      const syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
      let v = 0;
      for (let k = 1; k <= 6; k++) v += Math.sin(2 * Math.PI * 140 * k * t) / k;
      return 0.15 * syllable * v + (noise() - 0.5) * 0.01;
    });
  }
  const path = join(dir, `${kind}.wav`);
  await writeFile(path, wavBytes(samples, sampleRate));
  return path;
}

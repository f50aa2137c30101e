/**
 * The headset evidence on signals recorded the way the app records them: Chromium's MediaRecorder encodes the
 * microphone as Opus in WebM, and the app decodes that before it listens. Here the synthetic room signals go
 * through the same codec (ffmpeg's libopus at MediaRecorder's default bitrate) and back, so the detection is
 * shown to survive the codec's smearing and band limits, not only clean floating-point samples.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speechEvidence } from '../../../src-shared/readiness/mic-level.js';
import { detectSequence, synthesizeSequence } from '../../../src-shared/readiness/tone.js';
import { wavBytes } from '../../support/fake-media.js';
import { addNoise, throughRoom } from './synthetic.js';

const RATE = 48_000;
const LEAD_MS = 400;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-recorded-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Through Opus (WebM, 32 kbit/s mono like Chromium's MediaRecorder default for one channel) and back to samples. */
async function throughOpus(samples: Float32Array, name: string): Promise<Float32Array> {
  const wav = join(dir, `${name}.wav`);
  const webm = join(dir, `${name}.webm`);
  const raw = join(dir, `${name}.f32`);
  await writeFile(wav, wavBytes(samples, RATE));
  const ffmpeg = (args: string[]) => promisify(execFile)('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await ffmpeg(['-i', wav, '-c:a', 'libopus', '-b:a', '32k', '-ac', '1', webm]);
  await ffmpeg(['-i', webm, '-f', 'f32le', '-ac', '1', '-ar', String(RATE), raw]);
  const bytes = await readFile(raw);
  return new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4)).slice();
}

function withLead(reached: Float32Array): Float32Array {
  const lead = Math.round((RATE * LEAD_MS) / 1000);
  const out = new Float32Array(lead + reached.length + RATE);
  out.set(reached, lead);
  return out;
}

const voice = (seconds: number) =>
  Float32Array.from({ length: RATE * seconds }, (_, i) => {
    const t = i / RATE;
    let v = 0;
    for (let k = 1; k <= 6; k++) v += Math.sin(2 * Math.PI * 140 * k * t) / k;
    return 0.15 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t)) * v;
  });

describe('headset evidence after the recording codec', () => {
  it('open speakers: the tones in a room with echo and noise are still heard in their windows', async () => {
    const room = withLead(throughRoom(synthesizeSequence(RATE), RATE, 0.15, 60, [[45, 0.5], [120, 0.3]]));
    const recorded = await throughOpus(addNoise(room, 0.01, 4), 'speakers');
    const result = detectSequence(recorded, RATE, { playedAtMs: LEAD_MS });
    expect(result.heardCount).toBe(4);
    expect(result.interferenceHz).toEqual([]);
  });

  it('a headset: room noise and a faint leak give no tone', async () => {
    const leak = withLead(throughRoom(synthesizeSequence(RATE), RATE, 0.0003, 5));
    const recorded = await throughOpus(addNoise(leak, 0.02, 8), 'headset');
    expect(detectSequence(recorded, RATE, { playedAtMs: LEAD_MS }).heardCount).toBe(0);
  });

  it('a live microphone is recognised on a recorded voice, a muted one on recorded silence', async () => {
    expect(speechEvidence(await throughOpus(addNoise(voice(2), 0.002, 9), 'voice'), RATE).state).toBe('live');
    expect(speechEvidence(await throughOpus(new Float32Array(RATE * 2), 'silence'), RATE).state).toBe('silent');
  });
});

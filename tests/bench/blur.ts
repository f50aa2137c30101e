/**
 * bench:blur — per-frame time of segmentation + blur (createBlurredTrack, in its worker) at 640×360 and 1280×720 in
 * Chromium here, next to a plain canvas copy of the same frames (the same pipeline with blur off) as the baseline.
 * Prints one JSON line. Target: p95 ≤ 33 ms at 640×360 (30 fps).
 */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config.js';
import { fakeCameraVideo } from '../support/fake-media.js';
import { startMediaHarness } from '../support/media-harness.js';
import { watchMachine } from './machine.js';

const MEASURE_MS = 6_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : NaN;
};
const r2 = (x: number): number => Math.round(x * 100) / 100;

const machine = watchMachine();
const dir = await mkdtemp(join(tmpdir(), 'br-bench-blur-'));
const harness = await startMediaHarness();
const figures: Record<string, unknown> = {};
try {
  for (const [width, height] of [
    [640, 360],
    [1280, 720],
  ] as const) {
    const video = await fakeCameraVideo(dir, 'busy-pattern', { width, height, frames: 30 });
    const browser = await chromium.launch({
      ...chromiumLaunch,
      args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const page = await browser.newPage();
      await page.goto(harness.url);
      await page.waitForSelector('body[data-ready]', { state: 'attached' });
      const times = await page.evaluate(
        async ({ ms, w, h }) => {
          const stream = await navigator.mediaDevices.getUserMedia({ video: { width: w, height: h } });
          const blurred = window.media.createBlurredTrack(stream.getVideoTracks()[0] as MediaStreamTrack);
          await blurred.ready;
          // Frames flow only while someone consumes the output track.
          const sink = document.createElement('video');
          sink.muted = true;
          sink.srcObject = new MediaStream([blurred.track]);
          await sink.play();
          // tsx names inner functions with a helper the page lacks: no named arrow functions inside evaluate().
          await new Promise((r) => setTimeout(r, 1_000)); // warm-up: model compile, first allocations
          const before = (await blurred.frameTimes()).length;
          await new Promise((r) => setTimeout(r, ms));
          const blur = (await blurred.frameTimes()).slice(before);
          blurred.setOptions({ blurRadius: 0 });
          await new Promise((r) => setTimeout(r, 500));
          const mark = (await blurred.frameTimes()).length;
          await new Promise((r) => setTimeout(r, ms / 2));
          const copy = (await blurred.frameTimes()).slice(mark);
          blurred.stop();
          stream.getTracks().forEach((t) => t.stop());
          return { blur, copy };
        },
        { ms: MEASURE_MS, w: width, h: height },
      );
      const key = `${width}x${height}`;
      const p50 = percentile(times.blur, 50);
      const p95 = percentile(times.blur, 95);
      const copyP50 = percentile(times.copy, 50);
      figures[key] = {
        frames: times.blur.length,
        blurP50Ms: r2(p50),
        blurP95Ms: r2(p95),
        copyFrames: times.copy.length,
        copyP50Ms: r2(copyP50),
        copyP95Ms: r2(percentile(times.copy, 95)),
        ratioP50VsCopy: r2(p50 / copyP50),
        deliveredFps: r2(times.blur.length / (MEASURE_MS / 1_000)),
      };
    } finally {
      await browser.close();
    }
  }
  const small = figures['640x360'] as { blurP95Ms: number };
  console.log(JSON.stringify({ bench: 'blur', runsIn: 'worker', ...figures, targetP95Ms640x360: 33, targetMet: small.blurP95Ms <= 33, ...machine.report() }));
} finally {
  await harness.close();
  await rm(dir, { recursive: true, force: true });
}

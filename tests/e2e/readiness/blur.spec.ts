/**
 * createBlurredTrack in Chromium on a fake camera (busy shelves behind a person): the output track keeps the
 * person sharp and smooths the background, in the worker (insertable streams) and in the main-thread fallback
 * that browsers without MediaStreamTrackProcessor use.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../../playwright.config.js';
import { fakeCameraVideo } from '../../support/fake-media.js';
import { startMediaHarness, type MediaHarness } from '../../support/media-harness.js';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let dir: string;
let harness: MediaHarness;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-blur-e2e-'));
  harness = await startMediaHarness();
  const video = await fakeCameraVideo(dir, 'busy-pattern');
  browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  page = await browser.newPage();
  await page.goto(harness.url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
});

test.afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sharpness (mean absolute horizontal luma step) of the background corners and of the face, camera vs output. */
async function sharpness(forceMainThread: boolean) {
  return page.evaluate(async (mainThread) => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const camera = stream.getVideoTracks()[0] as MediaStreamTrack;
    const blurred = window.media.createBlurredTrack(camera, { forceMainThread: mainThread });
    await blurred.ready;
    const sink = document.createElement('video');
    sink.muted = true;
    sink.srcObject = new MediaStream([blurred.track]);
    await sink.play();
    const [input, output] = await Promise.all([
      window.media.grabFrames(camera, { durationMs: 1_200, samples: 1, analysisWidth: 320 }),
      window.media.grabFrames(blurred.track, { durationMs: 1_200, samples: 1, analysisWidth: 320 }),
    ]);
    blurred.stop();
    stream.getTracks().forEach((t) => t.stop());
    const measure = (image: ImageData, x0: number, y0: number, x1: number, y1: number): number => {
      let sum = 0;
      let n = 0;
      for (let y = Math.round(y0 * image.height); y < y1 * image.height; y++) {
        for (let x = Math.round(x0 * image.width); x < x1 * image.width - 1; x++) {
          const i = (y * image.width + x) * 4;
          sum += Math.abs(image.data[i]! - image.data[i + 4]!) + Math.abs(image.data[i + 1]! - image.data[i + 5]!);
          n++;
        }
      }
      return sum / n;
    };
    const [inFrame, outFrame] = [input.samples[0]!, output.samples[0]!];
    return {
      runsIn: blurred.runsIn,
      width: output.width,
      backgroundIn: measure(inFrame, 0, 0, 0.22, 0.5),
      backgroundOut: measure(outFrame, 0, 0, 0.22, 0.5),
      faceIn: measure(inFrame, 0.42, 0.3, 0.58, 0.55),
      faceOut: measure(outFrame, 0.42, 0.3, 0.58, 0.55),
    };
  }, forceMainThread);
}

for (const forceMainThread of [false, true]) {
  test(`blurs the background and keeps the person (${forceMainThread ? 'main-thread fallback' : 'worker'})`, async () => {
    const s = await sharpness(forceMainThread);
    expect(s.runsIn).toBe(forceMainThread ? 'main-thread' : 'worker');
    expect(s.width).toBe(640);
    // The shelves lose most of their edges; the face keeps most of its detail.
    expect(s.backgroundOut).toBeLessThan(s.backgroundIn * 0.5);
    expect(s.faceOut).toBeGreaterThan(s.faceIn * 0.6);
  });
}

/**
 * bench:readiness — total time of the in-app check suite as a user runs it ("Alle Prüfungen starten" in the
 * Geräteprüfung, answering the tone question at once; Chromium with fake camera and microphone, TURN = a real
 * coturn in a network namespace, the back office signed in to a real server that hands out the TURN
 * credentials), next to the command line's suite (hardware, then STUN probes; no browser) measured in the same
 * run as the baseline. Reports each check's own time and the machine's load average (1 min) before, during
 * (sampled every second) and after, because on a shared 2-core machine the load explains the spread.
 * Prints one JSON line. Target: ≤ 15 s for the in-app suite. Requires `npm run build`.
 */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config.js';
import { runAutomaticChecks } from '../../src-main/services/readiness/cli.js';
import { startCoturn } from '../support/coturn.js';
import { fakeCameraVideo, fakeMicrophoneWav } from '../support/fake-media.js';
import { createTestNetwork } from '../support/netns.js';
import { launchWebShell } from '../support/web-shell.js';
import { startServer } from '../../src-server/server.js';
import { connectBackOffice, signInAs } from '../e2e/workday/harness.js';

const dir = await mkdtemp(join(tmpdir(), 'br-bench-readiness-'));
const network = createTestNetwork();
const turn = await startCoturn(network);
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: join(dir, 'server'),
  demoData: true,
  config: { turn: { secret: turn.secret, urls: [turn.urls.udp, turn.urls.tcp], ttlSeconds: 600 } },
  log: () => {},
});
const shell = await launchWebShell();
try {
  const client = await connectBackOffice(shell);
  await signInAs(client, server, 'av.berger');
  client.close();
  const cliStart = performance.now();
  await runAutomaticChecks({ turnUrls: [turn.urls.udp, turn.urls.tcp] });
  const cliMs = performance.now() - cliStart;

  const video = await fakeCameraVideo(dir, 'plain-wall');
  const audio = await fakeMicrophoneWav(dir, 'headset-speech');
  const browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, `--use-file-for-fake-audio-capture=${audio}`],
  });
  try {
    const page = await browser.newPage();
    await page.goto(await shell.launchUrl());
    await page.getByRole('link', { name: 'Geräteprüfung', exact: true }).click();
    const loadSamples: number[] = [];
    const sampler = setInterval(() => loadSamples.push(loadavg()[0] as number), 1_000);
    const loadBefore = loadavg()[0] as number;
    const start = performance.now();
    await page.getByRole('button', { name: 'Alle Prüfungen starten' }).click();
    // The person answers as soon as they are asked; their thinking time is not the app's.
    await page.getByRole('group', { name: 'Wo haben Sie die Töne gehört?' }).getByRole('button', { name: 'Im Headset' }).click({ timeout: 120_000 });
    await page.getByTestId('readiness-progress').filter({ hasText: '6 von 6' }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('[data-status="running"]'));
    const appMs = performance.now() - start;
    clearInterval(sampler);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    const checks = await page
      .locator('[data-testid^="check-"]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')?.slice(6), { status: e.getAttribute('data-status'), ms: Number(e.getAttribute('data-duration-ms')) }])));
    console.log(
      JSON.stringify({
        bench: 'readiness',
        appSuiteMs: Math.round(appMs),
        cliSuiteMs: Math.round(cliMs),
        ratioAppVsCli: Math.round((appMs / cliMs) * 100) / 100,
        targetMs: 15_000,
        targetMet: appMs <= 15_000,
        checks,
        loadAverage1m: {
          before: round2(loadBefore),
          duringMax: round2(Math.max(loadBefore, ...loadSamples)),
          duringMean: round2(loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : loadBefore),
          after: round2(loadavg()[0] as number),
          cores: cpus().length,
        },
      }),
    );
  } finally {
    await browser.close();
  }
} finally {
  await shell.stop();
  await server.close();
  await turn.stop();
  network.close();
  await rm(dir, { recursive: true, force: true });
}

/**
 * bench:readiness — total time of the automatic check suite as a user starts it ("Alle Prüfungen starten" in the
 * Geräteprüfung, Chromium with fake camera and microphone, TURN = a real coturn in a network namespace), next to
 * the back office signed in to a real server that hands out the TURN credentials, next to
 * the command line's suite (hardware + STUN probes, no browser) measured in the same run as the baseline.
 * Prints one JSON line. Target: ≤ 20 s. Requires `npm run build`.
 */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    const start = performance.now();
    await page.getByRole('button', { name: 'Alle Prüfungen starten' }).click();
    await page.getByTestId('readiness-progress').filter({ hasText: '6 von 6' }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('[data-status="running"]'));
    const appMs = performance.now() - start;
    const checks = await page
      .locator('[data-testid^="check-"]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')?.slice(6), { status: e.getAttribute('data-status'), ms: Number(e.getAttribute('data-duration-ms')) }])));
    console.log(
      JSON.stringify({
        bench: 'readiness',
        appSuiteMs: Math.round(appMs),
        cliSuiteMs: Math.round(cliMs),
        ratioAppVsCli: Math.round((appMs / cliMs) * 100) / 100,
        targetMs: 20_000,
        targetMet: appMs <= 20_000,
        checks,
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

/**
 * The Geräteprüfung view in Chromium against the real web shell, with fake cameras and microphones made from
 * ffmpeg-encoded videos and generated sounds (tests/support/fake-media.ts), and the network check through a real
 * coturn inside a network namespace (Chromium does not use loopback for WebRTC). The back office is signed in to a
 * real server whose `turn` section names that coturn: the network check gets its TURN credentials from there,
 * never from a secret on the client.
 * Requires `npm run build`; the web shell runs from a private copy of out/ (a rebuild by others cannot pull it away).
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../../playwright.config.js';
import { speakersIntoMicrophone } from '../../support/acoustic-room.js';
import { startCoturn, type TestTurn } from '../../support/coturn.js';
import { fakeCameraVideo, fakeMicrophoneWav, type Microphone, type Scene, type VideoOptions } from '../../support/fake-media.js';
import { createTestNetwork, type TestNetwork } from '../../support/netns.js';
import { launchWebShell, watchProblems, type LaunchedWebShell } from '../../support/web-shell.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import { connectBackOffice, signInAs } from '../workday/harness.js';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let dir: string;
let network: TestNetwork;
let turn: TestTurn;
let server: RunningServer;
let shell: LaunchedWebShell;

/** The web shell's back office over its WebSocket, as the page talks to it. */
const backOffice = (web: LaunchedWebShell) => connectBackOffice(web);

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-readiness-e2e-'));
  network = createTestNetwork();
  turn = await startCoturn(network);
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir, 'server'),
    demoData: true,
    config: { turn: { secret: turn.secret, urls: [turn.urls.udp, turn.urls.tcp], ttlSeconds: 600 } },
    log: () => {},
  });
  shell = await launchWebShell({ privateCopyOf: 'out' });
  const client = await backOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
  } finally {
    client.close();
  }
});

test.afterAll(async () => {
  await shell?.stop();
  await server?.close();
  await turn?.stop();
  network?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openReadiness(
  scene: Scene,
  microphone: Microphone,
  prepare?: (page: Page) => Promise<unknown>,
  videoOptions?: VideoOptions,
): Promise<{ browser: Browser; page: Page; problems: Awaited<ReturnType<typeof watchProblems>> }> {
  const video = await fakeCameraVideo(dir, scene, videoOptions);
  const audio = await fakeMicrophoneWav(dir, microphone);
  const browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, `--use-file-for-fake-audio-capture=${audio}`],
  });
  // A context of our own: axe needs one, and permissions are granted per context.
  const page = await (await browser.newContext()).newPage();
  const problems = await watchProblems(page);
  await prepare?.(page);
  await page.goto(await shell.launchUrl());
  await page.getByRole('link', { name: 'Geräteprüfung', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Geräteprüfung', level: 1 })).toBeVisible();
  return { browser, page, problems };
}

async function runCheck(page: Page, title: string, id: string): Promise<void> {
  await page.getByRole('button', { name: `${title} erneut prüfen` }).click();
  await expect(page.getByTestId(`check-${id}`)).not.toHaveAttribute('data-status', /^(idle|running)$/, { timeout: 60_000 });
}

const findingCodes = (page: Page, id: string) => page.getByTestId(`check-${id}`).locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

const scenes: { scene: Scene; verdict: string; label: string; camera: string[]; background: string[] }[] = [
  { scene: 'plain-wall', verdict: 'bereit', label: 'bereit', camera: ['camera.ok'], background: ['background.neutral'] },
  { scene: 'busy-pattern', verdict: 'eingeschraenkt', label: 'eingeschränkt', camera: ['camera.ok'], background: ['background.cluttered'] },
  { scene: 'two-figures', verdict: 'eingeschraenkt', label: 'eingeschränkt', camera: ['camera.other-person'], background: ['background.other-person'] },
  { scene: 'bright-window', verdict: 'eingeschraenkt', label: 'eingeschränkt', camera: ['camera.backlight'], background: ['background.bright-window'] },
];

for (const { scene, verdict, label, camera, background } of scenes) {
  test(`camera and background: ${scene} → ${label}`, async () => {
    const { browser, page, problems } = await openReadiness(scene, 'headset-speech');
    try {
      await runCheck(page, 'Kamera', 'camera');
      await runCheck(page, 'Hintergrund', 'background');
      for (const code of camera) expect(await findingCodes(page, 'camera')).toContain(code);
      expect(await findingCodes(page, 'background')).toEqual(expect.arrayContaining(background));
      await expect(page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', verdict);
      await expect(page.getByTestId('readiness-verdict')).toContainText(label);
      expect(problems.cspViolations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}

test('a covered lens: the camera fails, the background is not checkable until the camera works, with no figures', async () => {
  const { browser, page } = await openReadiness('lens-covered', 'headset-speech');
  try {
    await runCheck(page, 'Kamera', 'camera');
    await runCheck(page, 'Hintergrund', 'background');
    expect(await findingCodes(page, 'camera')).toEqual(['camera.black']);
    const camera = page.getByTestId('check-camera');
    await camera.getByText('Messwerte').click();
    await expect(camera.locator('dt', { hasText: 'blackFrames' })).toBeVisible();
    await expect(camera.locator('dt', { hasText: /^faces$/ })).toHaveCount(0);
    const background = page.getByTestId('check-background');
    await expect(background).toHaveAttribute('data-status', 'unavailable');
    await expect(background).toContainText('Nicht prüfbar — erst die Kamera');
    await expect(background).not.toContainText('Teams');
    await expect(background.getByText('Messwerte')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('a frozen picture: the camera fails as frozen, the background waits for the camera', async () => {
  // One frame, looped by Chromium: every frame identical, as from a hung driver.
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech', undefined, { frames: 1 });
  try {
    await runCheck(page, 'Kamera', 'camera');
    await runCheck(page, 'Hintergrund', 'background');
    expect(await findingCodes(page, 'camera')).toEqual(['camera.frozen']);
    expect(await findingCodes(page, 'background')).toEqual(['background.camera-first']);
    await expect(page.getByTestId('check-background')).toHaveAttribute('data-status', 'unavailable');
  } finally {
    await browser.close();
  }
});

test('blur hides a busy background: with blur on, the same room passes with a note', async () => {
  const { browser, page } = await openReadiness('busy-pattern', 'headset-speech');
  try {
    await page.getByLabel('Hintergrundunschärfe im Gespräch verwenden').check();
    await runCheck(page, 'Hintergrund', 'background');
    expect(await findingCodes(page, 'background')).toEqual(['background.cluttered-blurred']);
    await page.getByRole('button', { name: 'Vorschau mit Unschärfe' }).click();
    const preview = page.getByTestId('blur-preview');
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});

/** Runs the headset check as a person would: say the sentence, listen, answer where the tones were heard. */
async function runHeadsetCheck(page: Page, answer: 'Im Headset' | 'Aus Lautsprechern' | 'Gar nicht' | null): Promise<void> {
  await page.getByRole('button', { name: 'Headset erneut prüfen' }).click();
  await expect(page.getByTestId('audio-step')).toContainText('Bitte sprechen Sie jetzt', { timeout: 30_000 });
  if (answer) {
    const question = page.getByRole('group', { name: 'Wo haben Sie die Töne gehört?' });
    await expect(question).toBeVisible({ timeout: 60_000 });
    await question.getByRole('button', { name: answer }).click();
  }
  await expect(page.getByTestId('check-headset')).not.toHaveAttribute('data-status', /^(idle|running)$/, { timeout: 60_000 });
}

test('headset: a dead microphone is "nicht prüfbar" with what to do — never a pass — and no tones are asked about', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'muted');
  try {
    await runHeadsetCheck(page, null);
    const row = page.getByTestId('check-headset');
    await expect(row).toHaveAttribute('data-status', 'unavailable');
    expect(await findingCodes(page, 'headset')).toEqual(['headset.mic-silent']);
    await expect(row).toContainText('nicht prüfbar');
    await expect(row).toContainText('Stummschalter');
    await expect(page.getByTestId('tone-question')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('headset: speech, the tones heard in the headset and not by the microphone → headset in Ordnung, microphone from the same sentence', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await runHeadsetCheck(page, 'Im Headset');
    expect(await findingCodes(page, 'headset')).toEqual(['headset.confirmed']);
    await expect(page.getByTestId('check-headset')).toContainText('in Ordnung');
    await runCheck(page, 'Mikrofon', 'microphone');
    expect(await findingCodes(page, 'microphone')).toEqual(['microphone.ok']);
    await expect(page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'bereit');
  } finally {
    await browser.close();
  }
});

test('headset: the person heard the tones from speakers → nicht bereit, although the microphone heard none', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await runHeadsetCheck(page, 'Aus Lautsprechern');
    expect(await findingCodes(page, 'headset')).toEqual(['headset.user-heard-speakers']);
    await expect(page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'nicht-bereit');
  } finally {
    await browser.close();
  }
});

test('headset: speakers that carry the tones into the microphone at the moment they play → open speakers, nicht bereit', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech', (p) => p.addInitScript(speakersIntoMicrophone, 0.3));
  try {
    await runHeadsetCheck(page, 'Im Headset');
    expect(await findingCodes(page, 'headset')).toEqual(['headset.open-speakers']);
    await expect(page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'nicht-bereit');
  } finally {
    await browser.close();
  }
});

test('headset: tones at the test frequencies that are not tied to the playback are not taken for speakers — "nicht prüfbar"', async () => {
  // The fake microphone loops the tone sequence whatever the app plays: an outside sound, not our tones.
  const { browser, page } = await openReadiness('plain-wall', 'hears-speakers');
  try {
    await runHeadsetCheck(page, 'Im Headset');
    expect(await findingCodes(page, 'headset')).toEqual(['headset.interference']);
    await expect(page.getByTestId('check-headset')).toHaveAttribute('data-status', 'unavailable');
  } finally {
    await browser.close();
  }
});

test('all checks at once: the person is asked for the sentence and the tones, every check gets its result', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await page.getByRole('button', { name: 'Alle Prüfungen starten' }).click();
    await expect(page.getByTestId('audio-step')).toContainText('Bitte sprechen Sie jetzt', { timeout: 30_000 });
    await page.getByRole('group', { name: 'Wo haben Sie die Töne gehört?' }).getByRole('button', { name: 'Im Headset' }).click({ timeout: 60_000 });
    await expect(page.getByTestId('readiness-progress')).toContainText('6 von 6 Prüfungen fertig', { timeout: 90_000 });
    expect(await findingCodes(page, 'headset')).toEqual(['headset.confirmed']);
    expect(await findingCodes(page, 'network')).not.toContain('network.turn-unreachable');
    expect(await findingCodes(page, 'background')).toEqual(['background.neutral']);
    await expect(page.getByTestId('readiness-verdict')).not.toHaveAttribute('data-verdict', 'none');
  } finally {
    await browser.close();
  }
});

test('network: relay-only data channel through a real coturn over UDP and TCP', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await runCheck(page, 'Netzwerk', 'network');
    const row = page.getByTestId('check-network');
    // ok or warn: whether the round trip counts as good depends on the machine's load, not on the code.
    await expect(row).toHaveAttribute('data-status', /^(ok|warn)$/);
    await expect(row.locator('[data-code="network.turn-unreachable"]')).toHaveCount(0);
    await row.getByText('Messwerte').click();
    const figures = Object.fromEntries(
      await row.locator('.readiness-figure').evaluateAll((els) => els.map((e) => [e.querySelector('dt')?.textContent, JSON.parse(e.querySelector('dd')?.getAttribute('data-value') ?? 'null') as unknown])),
    );
    // The report names what it tested: the signed-in server and the TURN addresses it handed out.
    expect(figures).toMatchObject({ serverUrl: server.url, serverReachable: true, serverStatus: 'HTTP 200', udpReachable: true, tcpReachable: true, udpAddress: `${turn.address}:${turn.port}` });
    await expect(row.getByText('ja').first()).toBeVisible();
    expect(Number(figures.serverRttMs)).toBeGreaterThan(0);
    expect(Number(figures.udpRttMs)).toBeGreaterThan(0);
    expect(Number(figures.udpLossPercent)).toBeLessThan(100);
    expect(Number(figures.throughputKbps)).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});

test('the report: saved (in the encrypted store, or in memory while it is not set up), exported as JSON without customer data', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await runCheck(page, 'Hardware', 'hardware');
    await runCheck(page, 'Kamera', 'camera');
    await page.getByRole('button', { name: 'Bericht speichern' }).click();
    await expect(page.getByText(/bleibt nur bis zum Beenden der App erhalten|im verschlüsselten Speicher/)).toBeVisible();
    await expect(page.getByTestId('readiness-history').getByRole('listitem')).toHaveCount(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als JSON exportieren' }).click()]);
    const report = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'))) as { checks: { id: string }[]; verdict: string };
    expect(report.checks.map((c) => c.id)).toEqual(['hardware', 'camera']);
    expect(Object.keys(report).sort()).toEqual(['app', 'checks', 'createdAt', 'id', 'mode', 'schemaVersion', 'verdict']);
  } finally {
    await browser.close();
  }
});

test('a check that cannot run says why and what to do', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await page.context().clearPermissions();
    // Make getUserMedia refuse the camera as a denied permission would.
    await page.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await runCheck(page, 'Kamera', 'camera');
    await expect(page.getByTestId('check-camera')).toHaveAttribute('data-status', 'unavailable');
    await expect(page.getByTestId('check-camera')).toContainText('Der Zugriff auf Kamera wurde verweigert.');
    await expect(page.getByTestId('check-camera')).toContainText('Datenschutz-Einstellungen');
    await expect(page.getByTestId('readiness-verdict')).toHaveAttribute('data-verdict', 'eingeschraenkt');
  } finally {
    await browser.close();
  }
});

test('network while signed out: not checkable, and says to sign in', async () => {
  const bare = await launchWebShell({ privateCopyOf: 'out' });
  const video = await fakeCameraVideo(dir, 'plain-wall');
  const browser = await chromium.launch({ ...chromiumLaunch, args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
  try {
    const page = await browser.newPage();
    await page.goto(await bare.launchUrl());
    await page.getByRole('link', { name: 'Geräteprüfung', exact: true }).click();
    await runCheck(page, 'Netzwerk', 'network');
    await expect(page.getByTestId('check-network')).toHaveAttribute('data-status', 'unavailable');
    await expect(page.getByTestId('check-network')).toContainText('braucht eine Anmeldung am Beratungsraum-Server');
    await expect(page.getByTestId('check-network')).toContainText('Bitte am Server anmelden');
    await expect(page.getByTestId('check-network')).toContainText('nicht prüfbar');
  } finally {
    await browser.close();
    await bare.stop();
  }
});

test('the view is accessible (axe, WCAG 2.1 AA) after a check ran', async () => {
  const { browser, page } = await openReadiness('plain-wall', 'headset-speech');
  try {
    await runCheck(page, 'Hardware', 'hardware');
    const results = await new AxeBuilder({ page }).include('.readiness').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  } finally {
    await browser.close();
  }
});

/**
 * The consultation day's main journey, driven through the UI alone (issue 12): the counsellor signs in (status bar),
 * invites the customer and an interpreter from the appointment panel and reads both links from the app (clipboard,
 * list); the two guests join in their own browsers with cameras of distinct colours, so each picture is proven on the right
 * tile; sound flows; the customer needs at most three clicks from the link to the waiting room; the counsellor sees
 * who waits and admits; chat both ways; the note beside the call; the hang-up opens the note and the guests see the
 * closing page. A second test cancels an appointment in the panel: its link is then refused with the reason.
 *
 * Only the appointments themselves are put into the server's store directly, as the appointment system (ATV) would.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { appointmentHref } from '../../../src-renderer/app/routes.js';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { setUpPassphrase } from '../../support/store-gate.js';
import { watchProblems } from '../../support/web-shell.js';
import { callLaunch, recordPeerConnections, remoteTiles, signInFromStatusBar, startCallWorld, type CallWorld } from './call-world.js';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

type Colour = 'red' | 'green' | 'blue';
const CAMERAS: Record<Colour, string> = { red: '0xC02020', green: '0x20A040', blue: '0x2040C0' };

let world: CallWorld;
const browsers: Partial<Record<Colour, Browser>> = {};
/** Seeded before the counsellor first signs in, so the first sync brings them (no wait for the next poll). */
let journey: Appointment;
let toCancel: Appointment;

/** A Chromium whose fake camera shows one flat colour (a y4m made by ffmpeg), and no permission prompts. */
async function browserWithCamera(colour: Colour, dir: string): Promise<Browser> {
  const file = join(dir, `${colour}.y4m`);
  const made = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${CAMERAS[colour]}:s=320x240:r=15`, '-frames:v', '30', '-pix_fmt', 'yuv420p', file]);
  if (made.status !== 0) throw new Error(`ffmpeg: ${made.stderr.toString()}`);
  return chromium.launch({ ...callLaunch, args: [...callLaunch.args, `--use-file-for-fake-video-capture=${file}`] });
}

test.beforeAll(async () => {
  world = await startCallWorld();
  const dir = mkdtempSync(join(tmpdir(), 'br-cameras-'));
  for (const colour of ['red', 'green', 'blue'] as const) browsers[colour] = await browserWithCamera(colour, dir);
  journey = await seedAppointment('Max Mustermann');
  // Later, so that the journey's appointment is the next video consultation on the "Heute" page.
  toCancel = await seedAppointment('Erika Beispiel', 60);
});
test.afterAll(async () => {
  for (const browser of Object.values(browsers)) await browser?.close();
  await world?.close();
});

/**
 * A video appointment of the counsellor that began a minute ago (so that it can be marked held after the call), or
 * `laterMinutes` after that, as the appointment system would deliver it.
 */
async function seedAppointment(customerName: string, laterMinutes = 0): Promise<Appointment> {
  const start = new Date(Math.floor((Date.now() - 60_000) / 60_000) * 60_000 + laterMinutes * 60_000);
  const appointment: Appointment = {
    ...world.appointment,
    id: randomUUID(),
    type: 'folgegespraech',
    fachdienst: 'AV',
    channel: 'video',
    status: 'planned',
    consent: null,
    customer: { ...world.appointment.customer, displayName: customerName },
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    revision: 0,
    updatedAt: new Date().toISOString(),
  };
  await world.server.server.core.repository.appointments.put(appointment);
  return appointment;
}

/** The counsellor's app in the green-camera browser: store set up, signed in through the status bar's form. */
async function openCounsellorApp() {
  const context = await browsers.green!.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.shell.origin });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.addInitScript(recordPeerConnections, false);
  await page.goto(await world.shell.launchUrl());
  const unlocked = page.getByRole('button', { name: 'Sperren' });
  await expect(unlocked.or(page.getByRole('heading', { name: /Lokale Daten schützen|Beratungsraum ist gesperrt/ }))).toBeVisible();
  if (!(await unlocked.isVisible())) await setUpPassphrase(page);
  await signInFromStatusBar(page, world.server, world.proxy.url);
  return { page, problems };
}

/** The "Heute" page's entry of an appointment, once the first sync has brought it. */
async function todayEntry(page: Page, appointment: Appointment) {
  await page.getByRole('navigation').getByRole('link', { name: 'Heute' }).click();
  const entry = page.getByTestId('today-appointment').and(page.locator(`[data-appointment-id="${appointment.id}"]`));
  await expect(entry).toBeVisible({ timeout: 60_000 });
  return entry;
}

/** Opens the appointment's panel from its entry on the "Heute" page. */
async function openPanel(page: Page, appointment: Appointment) {
  const entry = await todayEntry(page, appointment);
  await entry.getByRole('link', { name: new RegExp(`mit ${appointment.customer.displayName} im Kalender öffnen`) }).click();
  const panel = page.getByTestId('appointment-panel');
  await expect(panel.getByTestId('panel-customer')).toHaveText(appointment.customer.displayName);
  return panel;
}

/** The guest page of a link in its own browser, counting every click the guest makes. */
async function openGuestLink(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.addInitScript(recordPeerConnections, false);
  await page.addInitScript(() => {
    (window as unknown as { __clicks: number }).__clicks = 0;
    document.addEventListener('click', () => ((window as unknown as { __clicks: number }).__clicks += 1), true);
  });
  await page.goto(url.replace(world.server.url, world.proxy.url));
  return { page, context, problems, clicks: () => page.evaluate(() => (window as unknown as { __clicks: number }).__clicks) };
}

/** Name, consent and the device check, into the waiting room. */
async function joinAsGuest(page: Page, name: string) {
  await expect(page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toBeVisible();
  await page.getByLabel(/Ihr Name/).fill(name);
  await page.getByLabel('Ich willige ein, dass diese Beratung per Video stattfindet.').check();
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await page.getByRole('button', { name: 'Warteraum betreten' }).click();
  await expect(page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
}

/** Mean colour of a tile's video, read from its frames. */
async function tileColour(page: Page, tile: ReturnType<Page['locator']>): Promise<Colour | 'none'> {
  const [r, g, b] = await tile.locator('video').evaluate((video: HTMLVideoElement) => {
    if (video.videoWidth === 0) return [0, 0, 0];
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 24;
    const context = canvas.getContext('2d')!;
    context.drawImage(video, 0, 0, 32, 24);
    const data = context.getImageData(0, 0, 32, 24).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += data[i + k]!;
    return sum.map((value) => value / (data.length / 4));
  });
  const channels: [Colour, number][] = [['red', r!], ['green', g!], ['blue', b!]];
  channels.sort((a, b) => b[1] - a[1]);
  return channels[0]![1] > channels[1]![1] + 40 ? channels[0]![0] : 'none';
}

async function expectColour(page: Page, tile: ReturnType<Page['locator']>, colour: Colour, label: string) {
  await expect.poll(() => tileColour(page, tile), { message: `${label} shows the ${colour} camera`, timeout: 30_000 }).toBe(colour);
}

/** Total audio energy received per connected peer: it grows while the other side's microphone sends sound. */
function inboundAudioEnergy(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState === 'connected');
    return Promise.all(
      pcs.map(async (pc) => {
        let energy = 0;
        (await pc.getStats()).forEach((stat: { type: string; kind?: string; totalAudioEnergy?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'audio') energy += stat.totalAudioEnergy ?? 0;
        });
        return energy;
      }),
    );
  });
}

async function expectSoundFromEveryPeer(page: Page, peers: number, label: string) {
  await expect.poll(async () => (await inboundAudioEnergy(page)).length, { message: `${label}: connected peers`, timeout: 30_000 }).toBe(peers);
  const before = await inboundAudioEnergy(page);
  await expect
    .poll(async () => {
      const now = await inboundAudioEnergy(page);
      return now.length === peers && now.every((energy, i) => energy > (before[i] ?? 0));
    }, { message: `${label}: sound from every peer`, timeout: 30_000 })
    .toBe(true);
}

const ROLE_IDS: Record<string, string> = { 'Kundin/Kunde': 'customer', 'Dolmetscher/in': 'interpreter' };
const linkEntry = (scope: ReturnType<Page['locator']>, role: string) => scope.locator(`li[data-role="${ROLE_IDS[role]}"]`);

test('invite customer and interpreter from the panel, call with the right picture on each tile, note, hang-up', async () => {
  const appointment = journey;
  const counsellor = await openCounsellorApp();
  const { page } = counsellor;
  const panel = await openPanel(page, appointment);

  // Invite from the panel: the customer with one click, the interpreter with the role chosen.
  const invitations = panel.getByTestId('invitations');
  await invitations.getByRole('button', { name: 'Link für die Kundin / den Kunden erstellen' }).click();
  await expect(linkEntry(invitations, 'Kundin/Kunde')).toHaveAccessibleName('Kundin/Kunde: erstellt');
  await invitations.getByLabel('Weitere Person').selectOption({ label: 'Dolmetscher/in' });
  await invitations.getByRole('button', { name: 'Link erstellen' }).click();
  await expect(linkEntry(invitations, 'Dolmetscher/in')).toHaveAccessibleName('Dolmetscher/in: erstellt');

  // The customer's link through the clipboard, the interpreter's from the list; both also as an e-mail.
  await invitations.getByRole('button', { name: 'Link kopieren: Kundin/Kunde' }).click();
  await expect(invitations.getByRole('status')).toHaveText('Der Link für Kundin/Kunde ist in der Zwischenablage.');
  const customerUrl = await page.evaluate(() => navigator.clipboard.readText());
  const interpreterUrl = await invitations.getByLabel('Einladungslink für Dolmetscher/in').inputValue();
  expect(customerUrl).toMatch(/\/guest\/#[\w-]+\.[\w-]+$/);
  expect(interpreterUrl).toMatch(/\/guest\/#[\w-]+\.[\w-]+$/);
  expect(interpreterUrl).not.toBe(customerUrl);
  const mail = decodeURIComponent((await invitations.getByRole('link', { name: 'Per E-Mail senden: Kundin/Kunde' }).getAttribute('href')) ?? '');
  expect(mail).toContain(customerUrl);
  expect(mail).toContain('Ihr Videotermin am');

  // One click on "Heute" opens the session window; its pre-join lists the links too.
  await (await todayEntry(page, appointment)).getByRole('button', { name: 'Videoberatung starten' }).click();
  await expect(page).toHaveURL(new RegExp(`${appointmentHref('sitzung', appointment.id)}$`));
  const prejoinList = page.getByTestId('invitations');
  await expect(linkEntry(prejoinList, 'Kundin/Kunde')).toHaveAccessibleName('Kundin/Kunde: erstellt');

  // The customer: link → consent → devices → waiting room, in at most three clicks; the counsellor sees each step.
  const customer = await openGuestLink(browsers.red!, customerUrl);
  await expect(customer.page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toBeVisible();
  await expect(linkEntry(prejoinList, 'Kundin/Kunde')).toHaveAccessibleName('Kundin/Kunde: geöffnet');
  await joinAsGuest(customer.page, 'Max Mustermann');
  expect(await customer.clicks()).toBeLessThanOrEqual(3);
  await expect(linkEntry(prejoinList, 'Kundin/Kunde')).toHaveAccessibleName('Kundin/Kunde: wartet');

  await page.getByRole('button', { name: 'Raum öffnen' }).click();
  const admitCustomer = page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' });
  await expect(admitCustomer).toBeVisible();
  await admitCustomer.click();

  const interpreter = await openGuestLink(browsers.blue!, interpreterUrl);
  await joinAsGuest(interpreter.page, 'Ayşe Demir');
  await page.getByRole('button', { name: 'Einlassen: Dolmetschung: Ayşe Demir' }).click();

  // The right picture on the right tile, on every side.
  await expect(remoteTiles(page)).toHaveCount(2);
  const tileOf = (p: Page, role: string) => remoteTiles(p).and(p.locator(`[data-role="${role}"]`));
  await expect(tileOf(page, 'customer')).toHaveAccessibleName('Kundin/Kunde: Max Mustermann');
  await expect(tileOf(page, 'interpreter')).toHaveAccessibleName('Dolmetschung: Ayşe Demir');
  await expectColour(page, tileOf(page, 'customer'), 'red', 'counsellor: customer tile');
  await expectColour(page, tileOf(page, 'interpreter'), 'blue', 'counsellor: interpreter tile');
  await expectColour(customer.page, tileOf(customer.page, 'counsellor'), 'green', 'customer: counsellor tile');
  await expectColour(customer.page, tileOf(customer.page, 'interpreter'), 'blue', 'customer: interpreter tile');
  await expectColour(interpreter.page, tileOf(interpreter.page, 'customer'), 'red', 'interpreter: customer tile');
  await expectSoundFromEveryPeer(page, 2, 'counsellor');
  await expectSoundFromEveryPeer(customer.page, 2, 'customer');

  // Chat both ways.
  await customer.page.getByLabel('Nachricht').fill('Guten Tag, ich sehe Sie beide.');
  await customer.page.getByRole('button', { name: 'Senden' }).click();
  await expect(page.locator('.call-chat__lines')).toContainText('Max Mustermann (Kundin/Kunde): Guten Tag, ich sehe Sie beide.');
  await page.getByLabel('Nachricht').fill('Schön, dann fangen wir an.');
  await page.getByRole('button', { name: 'Senden' }).click();
  await expect(customer.page.locator('.call-chat__lines')).toContainText('Schön, dann fangen wir an.');

  // The note beside the call; the hang-up ends it for everyone and opens the note.
  const notePanel = page.getByRole('region', { name: 'Beratungsvermerk' });
  const situation = 'Herr Mustermann sucht eine Stelle als Lagerist; Dolmetschung Türkisch.';
  await notePanel.getByLabel(/^Situation/).fill(situation);
  await expect(notePanel.getByTestId('note-save-state')).toContainText('als Version 1');
  await page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await expect(customer.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await expect(interpreter.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/vermerke/${appointment.id}$`));
  await expect(page.getByTestId('note-editor').getByLabel(/^Situation/)).toHaveValue(situation);

  // The appointment is held now: its links open nothing any more, and say why.
  const later = await openGuestLink(browsers.red!, interpreterUrl);
  await expect(async () => {
    await later.page.reload();
    await expect(later.page.getByRole('alert')).toContainText('Dieser Termin hat bereits stattgefunden.', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });

  for (const side of [counsellor, customer, interpreter]) expect(side.problems.cspViolations).toEqual([]);
  for (const context of [customer.context, interpreter.context, later.context, page.context()]) await context.close();
});

test('a cancelled appointment’s link is refused with the reason, also at the consent step', async () => {
  const appointment = toCancel;
  const { page } = await openCounsellorApp();
  const panel = await openPanel(page, appointment);
  const invitations = panel.getByTestId('invitations');
  await invitations.getByRole('button', { name: 'Link für die Kundin / den Kunden erstellen' }).click();
  const url = await invitations.getByLabel('Einladungslink für Kundin/Kunde').inputValue();

  // The customer opened the link before the appointment was cancelled and still has the consent step in front of her.
  const early = await openGuestLink(browsers.red!, url);
  await expect(early.page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toBeVisible();

  await panel.getByRole('button', { name: 'Abgesagt (Terminausfall)' }).click();
  await expect(panel.getByTestId('panel-status')).toHaveText('abgesagt');

  // Opened now (once the cancellation reached the server): refused, with the reason and what to do.
  const late = await openGuestLink(browsers.red!, url);
  await expect(async () => {
    await late.page.reload();
    await expect(late.page.getByRole('alert')).toContainText('Dieser Termin wurde abgesagt.', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(late.page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toHaveCount(0);

  // The consent step refuses too.
  await early.page.getByLabel(/Ihr Name/).fill('Erika Beispiel');
  await early.page.getByLabel('Ich willige ein, dass diese Beratung per Video stattfindet.').check();
  await early.page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await expect(early.page.getByRole('alert')).toContainText('Dieser Termin wurde abgesagt.');
  await expect(early.page.getByRole('button', { name: 'Warteraum betreten' })).toHaveCount(0);

  for (const context of [early.context, late.context, page.context()]) await context.close();
});

/**
 * The counsellor's "Heute" page, driven through the UI only (passphrase, sign-in from the status bar, then the
 * page itself): the day's appointments as the ATV feed delivers them
 * (seeded into the server's store, then synced) in order with the next one first, one click into the session
 * window of the next video appointment, the overdue Beratungsvermerke with links to them, in German and English,
 * by keyboard, without serious axe violations; and a guest who enters the waiting room (through the guest page,
 * with a link made over REST as the appointment system's invitation would be) shows up with a visible and an
 * audible cue, one click from the session window.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../../playwright.config.js';
import { randomUUID } from 'node:crypto';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { CreateGuestLinkReply } from '../../../src-shared/signalling/guest-api.js';
import { AGENCY_TIME_ZONE, berlinDate, berlinInstantMs } from '../../../src-shared/rules/berlin-time.js';
import { addCalendarDays as addDays } from '../../../src-shared/rules/index.js';
import type { RunningServer } from '../../../src-server/server.js';
import { setUpPassphrase } from '../../support/store-gate.js';
import { launchWebShell, watchProblems, type WebShell } from '../../support/web-shell.js';
import { startDemoServer } from './harness.js';

// The guest's camera and microphone are Chromium's fake devices.
test.use({ launchOptions: { ...chromiumLaunch, args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] } });

const MINUTE = 60_000;
/** The demo fortnight lies far back, so today holds only what the test seeds. */
const DEMO_START = '2025-01-06';

function appointmentAt(startMs: number, minutes: number, overrides: Partial<Appointment>): Appointment {
  const start = Math.floor(startMs / MINUTE) * MINUTE;
  return {
    id: randomUUID(),
    counsellorId: 'u-av-berger',
    agencyRegion: 'AA Köln',
    land: 'NW',
    customer: customer('Kundin'),
    type: 'folgegespraech',
    channel: 'praesenz',
    fachdienst: 'AV',
    start: new Date(start).toISOString(),
    end: new Date(start + minutes * MINUTE).toISOString(),
    status: 'planned',
    registeredOn: null,
    consent: null,
    revision: 1,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * Today's appointments around the present moment, whatever the time of day the test runs at: some over, one
 * under way or about to begin (the next video appointment), some later; plus one tomorrow and one held yesterday
 * without a note. Returned in the order the page must show them.
 */
function seedDay(now: number) {
  const day = berlinDate(new Date(now));
  const dayStart = berlinInstantMs(day);
  const dayEnd = berlinInstantMs(addDays(day, 1));
  const today = (offsetMinutes: number) => now + offsetMinutes * MINUTE >= dayStart && now + offsetMinutes * MINUTE < dayEnd;
  const at = (offsetMinutes: number, overrides: Partial<Appointment>) => appointmentAt(now + offsetMinutes * MINUTE, 30, overrides);
  const over = [
    ...(today(-240) ? [at(-240, { status: 'held', customer: customer('Anna Früh') })] : []),
    ...(today(-150) ? [at(-150, { status: 'no_show', customer: customer('Bernd Fehlt') })] : []),
    ...(today(-60) ? [at(-60, { customer: customer('Clara Vorbei') })] : []),
    // Cancelled: over although later today, and never the one to start.
    ...(today(30) ? [at(30, { channel: 'video', status: 'cancelled', customer: customer('Dora Abgesagt') })] : []),
  ];
  // Under way (started ten minutes ago) or, right after midnight, about to begin: ahead either way.
  const nextVideo = now - dayStart > 15 * MINUTE ? appointmentAt(now - 10 * MINUTE, 60, { channel: 'video', customer: customer('Emil Video') }) : appointmentAt(now + 5 * MINUTE, 30, { channel: 'video', customer: customer('Emil Video') });
  const ahead = [
    nextVideo,
    ...(today(90) ? [at(90, { customer: customer('Frieda Später') })] : []),
    ...(today(150) ? [at(150, { channel: 'video', customer: customer('Gustav Auch Video') })] : []),
  ];
  const tomorrow = appointmentAt(berlinInstantMs(addDays(day, 1), 9, 0), 30, { customer: customer('Hans Morgen') });
  const yesterday = appointmentAt(berlinInstantMs(addDays(day, -1), 10, 0), 45, { status: 'held', customer: customer('Ida Gestern') });
  const byStart = (a: Appointment, b: Appointment) => a.start.localeCompare(b.start);
  return { ahead: ahead.sort(byStart), over: over.sort(byStart), nextVideo, tomorrow, yesterday };
}

function customer(displayName: string): Appointment['customer'] {
  return { customerNumber: `123A${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, displayName, pseudonym: `K-${randomUUID().slice(0, 6)}` };
}

async function seed(server: RunningServer, appointments: readonly Appointment[]) {
  for (const appointment of appointments) await server.core.repository.appointments.put(appointment);
}

const idsIn = (page: Page, list: string) => page.getByTestId(list).getByTestId('today-appointment').evaluateAll((items) => items.map((item) => item.getAttribute('data-appointment-id')));

/** As a counsellor starts the day: protect the local data, sign in from the status bar, wait for the first sync. */
async function startDay(page: Page, shell: WebShell, server: RunningServer) {
  await page.goto(await shell.launchUrl());
  await setUpPassphrase(page);
  const account = server.demoAccounts.find((candidate) => candidate.username === 'av.berger')!;
  const banner = page.getByRole('banner');
  await banner.getByRole('button', { name: 'Anmelden', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Am Beratungsraum-Server anmelden' });
  await dialog.getByLabel('Serveradresse').fill(server.url);
  await dialog.getByLabel('Benutzername').fill(account.username);
  await dialog.getByLabel('Passwort für den Server').fill(account.password);
  await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
  await expect(banner.getByText(`Angemeldet als ${account.displayName}`)).toBeVisible();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('Heute shows the day in order with the next one first, starts the next video appointment, and links the overdue notes', async ({ page }) => {
  const server = await startDemoServer({ startDate: DEMO_START });
  const shell = await launchWebShell();
  try {
    const day = seedDay(Date.now());
    await seed(server, [...day.ahead, ...day.over, day.tomorrow, day.yesterday]);
    const problems = await watchProblems(page);
    await startDay(page, shell, server);

    // The app opens on "Heute"; the first sync brings the day.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Heute/);
    await expect(page.getByRole('link', { name: 'Heute', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect.poll(() => idsIn(page, 'today-ahead'), { timeout: 30_000 }).toEqual(day.ahead.map((a) => a.id));
    expect(await idsIn(page, 'today-over')).toEqual(day.over.map((a) => a.id));
    await expect(page.getByTestId('today-appointment')).toHaveCount(day.ahead.length + day.over.length);
    // The first is marked as the next one, with its time in Berlin time.
    const first = page.getByTestId('today-ahead').getByTestId('today-appointment').first();
    await expect(first).toContainText('Nächster Termin');
    const berlinTime = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: AGENCY_TIME_ZONE });
    await expect(first).toContainText(`${berlinTime.format(new Date(day.nextVideo.start))}–${berlinTime.format(new Date(day.nextVideo.end))}`);

    // The Beratungen held without a note (yesterday's, and today's early one when the day is old enough), oldest
    // first, each a link that opens its editor.
    const held = [day.yesterday, ...day.over.filter((a) => a.status === 'held')];
    const overdue = page.getByTestId('today-overdue').getByRole('link');
    await expect(overdue).toHaveText(held.map((a) => new RegExp(a.customer.displayName)));
    await expect(page.getByRole('heading', { name: `Überfällige${held.length === 1 ? 'r Beratungsvermerk' : ' Beratungsvermerke'} (${held.length})` })).toBeVisible();
    // This device's last readiness verdict (none yet) with the way to the device check.
    await expect(page.getByText('Dieses Gerät wurde noch nicht geprüft.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Geräteprüfung öffnen' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await overdue.first().click();
    await expect(page).toHaveURL(new RegExp(`#/vermerke/${day.yesterday.id}$`));
    await expect(page.getByRole('link', { name: /Ida Gestern/ }).first()).toHaveAttribute('aria-current', 'true');

    // English, then back: the same page, complete.
    await page.getByRole('link', { name: 'Heute', exact: true }).click();
    await page.getByLabel('Sprache').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Today/);
    await expect(page.getByRole('button', { name: 'Start video consultation' })).toHaveCount(1);
    await expect(page.getByRole('heading', { name: `Overdue counselling note${held.length === 1 ? '' : 's'} (${held.length})` })).toBeVisible();
    await page.getByLabel('Language').selectOption('de');

    // One button, for the next video appointment only; by keyboard it opens that appointment's session window.
    const start = page.getByRole('button', { name: 'Videoberatung starten' });
    await expect(start).toHaveCount(1);
    await expect(page.locator(`[data-appointment-id="${day.nextVideo.id}"]`).getByRole('button', { name: 'Videoberatung starten' })).toBeVisible();
    await start.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/sitzung/${day.nextVideo.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(day.nextVideo.id);
    expect(problems.cspViolations).toEqual([]);
  } finally {
    await shell.stop();
    await server.dispose();
  }
});

/** Counts the tones the page starts (WebAudio oscillators): the audible cue, observed where it is made. */
function countTones() {
  const counter = window as unknown as { __tones: number };
  counter.__tones = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
    counter.__tones += 1;
    return start.apply(this, args);
  };
}

test('a guest entering the waiting room appears on Heute with a visible and an audible cue, one click from the session', async ({ page, browser }) => {
  const server = await startDemoServer({ startDate: DEMO_START });
  const shell = await launchWebShell();
  const guestContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
  try {
    const day = seedDay(Date.now());
    await seed(server, day.ahead);
    await page.addInitScript(countTones);
    await startDay(page, shell, server);
    await expect(page.locator(`[data-appointment-id="${day.nextVideo.id}"]`)).toBeVisible({ timeout: 30_000 });
    const waiting = page.getByTestId('today-waiting');
    await expect(waiting.getByRole('status')).toHaveText('Gerade wartet niemand.');
    const tones = () => page.evaluate(() => (window as unknown as { __tones: number }).__tones);
    expect(await tones()).toBe(0);

    // The invitation, as the appointment system would send it: a link made over REST.
    const account = server.demoAccounts.find((candidate) => candidate.username === 'av.berger')!;
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${server.url}/api/v1/guest-links`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ appointmentId: day.nextVideo.id, role: 'customer' }) });
    expect(created.status).toBe(201);
    const link = CreateGuestLinkReply.parse(await created.json());

    // The customer: link → consent → camera → waiting room.
    const guest = await guestContext.newPage();
    await guest.goto(link.url);
    await guest.getByLabel('Ihr Name').fill('Erika Mustermann');
    await guest.getByLabel('Ich willige ein').check();
    await guest.getByRole('button', { name: 'Einwilligen und weiter' }).click();
    await guest.getByRole('button', { name: 'Warteraum betreten' }).click();
    await expect(guest.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();

    // The counsellor, still on Heute: who waits, in which room, since when; the section stands out and a tone sounds.
    await expect(waiting.getByRole('status')).toHaveText('1 Person wartet', { timeout: 30_000 });
    await expect(waiting).toHaveClass(/today-waiting--active/);
    const entry = waiting.getByTestId('today-waiting-guest');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Erika Mustermann (Kundin/Kunde) wartet seit');
    const berlinTime = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: AGENCY_TIME_ZONE });
    await expect(entry).toContainText(`Warteraum des Termins um ${berlinTime.format(new Date(day.nextVideo.start))} mit Emil Video`);
    await expect.poll(tones).toBeGreaterThan(0);
    const heard = await tones();

    // Leaving and coming back to Heute: still shown, but no second tone for the same guest.
    await page.getByRole('link', { name: 'Kalender', exact: true }).click();
    await page.getByRole('link', { name: 'Heute', exact: true }).click();
    await expect(entry).toHaveCount(1);
    expect(await tones()).toBe(heard);

    await entry.getByRole('button', { name: /Videoberatung starten und Erika Mustermann einlassen/ }).click();
    await expect(page).toHaveURL(new RegExp(`#/sitzung/${day.nextVideo.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(day.nextVideo.id);
  } finally {
    await guestContext.close();
    await shell.stop();
    await server.dispose();
  }
});

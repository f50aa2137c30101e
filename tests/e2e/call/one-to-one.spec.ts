/**
 * A counsellor (web shell) and a customer (guest page) in a real call: waiting room, admission, video both
 * ways, chat over the data channel, screen sharing, mute seen by the other side, hang-up for both; and a
 * refused guest.
 */
import { expect, test } from '@playwright/test';
import { callLaunch, expectVideoFlowing, inboundVideo, remoteTiles, startCallWorld, type CallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 120_000 });

let world: CallWorld;
test.beforeAll(async () => {
  world = await startCallWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test('waiting room, admission, video both ways, chat, mute and hang-up', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  // Pre-join shows the customer's recorded consent from the encrypted cache, with time, way and text version.
  const recorded = world.appointment.consent;
  await expect(counsellor.page.getByTestId('session-consent')).toContainText(
    recorded === null ? 'keine Einwilligung zur Videoberatung erfasst' : recorded.withdrawnAt ? 'widerrufen' : `Textfassung ${recorded.textVersion}`,
  );
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  await expect(counsellor.page.getByRole('heading', { name: 'Warteraum' })).toBeVisible();
  await expect(counsellor.page.getByText('Noch keine Kundin und kein Kunde mit Einwilligung im Warteraum.')).toBeVisible();

  const guest = await world.openGuest(browser, 'customer', 'Max Mustermann');
  const admit = counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' });
  await expect(admit).toBeVisible();
  await expect(counsellor.page.locator('[data-role="customer"]').getByText('Einwilligung zur Videoberatung erteilt')).toBeVisible();
  // Before admission nobody holds a peer connection: no media can flow to or from the waiting room.
  expect((await inboundVideo(guest.page)).connections).toBe(0);
  expect((await inboundVideo(counsellor.page)).connections).toBe(0);

  await admit.click();
  await expect(remoteTiles(counsellor.page)).toHaveCount(1);
  await expect(remoteTiles(counsellor.page).first()).toHaveAttribute('data-role', 'customer');
  await expect(remoteTiles(counsellor.page).first()).toHaveAccessibleName('Kundin/Kunde: Max Mustermann');
  await expect(remoteTiles(guest.page)).toHaveCount(1);
  await expect(remoteTiles(guest.page).first()).toHaveAccessibleName(`Beratungsfachkraft: ${'Sabine Berger'}`);
  await expectVideoFlowing(counsellor.page, 'counsellor');
  await expectVideoFlowing(guest.page, 'customer');
  // The quality indicator reads getStats and says something concrete.
  await expect(remoteTiles(counsellor.page).first().locator('.call-quality')).toHaveAttribute('data-level', /good|fair|poor/, { timeout: 15_000 });

  await guest.page.getByLabel('Nachricht').fill('Guten Tag, ich höre Sie gut.');
  await guest.page.getByRole('button', { name: 'Senden' }).click();
  await expect(counsellor.page.locator('.call-chat__lines')).toContainText('Max Mustermann (Kundin/Kunde): Guten Tag, ich höre Sie gut.');
  await counsellor.page.getByLabel('Nachricht').fill('Schön, dass es klappt.');
  await counsellor.page.getByRole('button', { name: 'Senden' }).click();
  await expect(guest.page.locator('.call-chat__lines')).toContainText('Schön, dass es klappt.');

  // Sharing (the browser's picker in the web shell; the fake UI picks a screen) replaces the camera picture.
  await counsellor.page.getByRole('button', { name: 'Fenster teilen' }).click();
  await expect(remoteTiles(guest.page).first()).toContainText('teilt den Bildschirm');
  await expectVideoFlowing(guest.page, 'customer receiving the shared screen');
  await counsellor.page.getByRole('button', { name: 'Teilen beenden' }).click();
  await expect(remoteTiles(guest.page).first()).not.toContainText('teilt den Bildschirm');

  await guest.page.getByRole('button', { name: 'Mikrofon stummschalten' }).click();
  await expect(remoteTiles(counsellor.page).first()).toHaveAttribute('data-audio-muted', 'true');
  await expect(remoteTiles(counsellor.page).first()).toContainText('Mikrofon aus');
  await counsellor.page.getByRole('button', { name: 'Kamera ausschalten' }).click();
  await expect(remoteTiles(guest.page).first()).toHaveAttribute('data-video-off', 'true');

  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await expect(guest.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  // Held, then on to the Beratungsvermerk of this appointment.
  await expect(counsellor.page).toHaveURL(new RegExp(`#/vermerke/${world.appointment.id}$`));
  await expect(counsellor.page.getByTestId('note-editor')).toBeVisible();
  await expect.poll(async () => (await inboundVideo(counsellor.page)).connections).toBe(0);
  await expect.poll(async () => (await inboundVideo(guest.page)).connections).toBe(0);

  expect(counsellor.problems.cspViolations).toEqual([]);
  expect(guest.problems.cspViolations).toEqual([]);
});

test('a refused guest sees a clear message and never connects', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  const guest = await world.openGuest(browser, 'interpreter', 'Ayşe Demir');
  await counsellor.page.getByRole('button', { name: 'Abweisen: Dolmetschung: Ayşe Demir' }).click();
  await expect(guest.page.getByRole('heading', { name: 'Das Gespräch findet so nicht statt' })).toBeVisible();
  await expect(guest.page.getByText('Sie wurden nicht in das Gespräch eingelassen.')).toBeVisible();
  await expect(counsellor.page.getByText('Niemand wartet.')).toBeVisible();
  expect((await inboundVideo(guest.page)).connections).toBe(0);
  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
});

test('background blur from pre-join is what the other side receives', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  const blur = counsellor.page.getByRole('button', { name: 'Hintergrund unscharf' });
  await blur.click();
  // The readiness pipeline (segmentation model from the app's own files) must come up under the app's CSP.
  await expect(blur).toHaveAttribute('aria-pressed', 'true', { timeout: 30_000 });
  await expect(counsellor.page.getByRole('alert')).toHaveCount(0);
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  await expect(counsellor.page.getByRole('toolbar').getByRole('button', { name: 'Hintergrund unscharf' })).toHaveAttribute('aria-pressed', 'true');
  const guest = await world.openGuest(browser, 'customer', 'Max Mustermann');
  await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
  await expectVideoFlowing(guest.page, 'customer receiving the blurred camera');
  // Turning blur off in the call swaps the track back without renegotiation; the picture keeps flowing.
  await counsellor.page.getByRole('toolbar').getByRole('button', { name: 'Hintergrund unscharf' }).click();
  await expect(counsellor.page.getByRole('toolbar').getByRole('button', { name: 'Hintergrund unscharf' })).toHaveAttribute('aria-pressed', 'false');
  await expectVideoFlowing(guest.page, 'customer after blur off');
  expect(counsellor.problems.cspViolations).toEqual([]);
  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
});

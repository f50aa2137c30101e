/**
 * The server restarted in the middle of a call (an update, a crash): the media goes on peer to peer while
 * everyone is told that the connection to the server is gone; once it is back the clients resume by themselves
 * and the notice goes; and "Gespräch für alle beenden" still reaches every guest: in the call, in the waiting room, and
 * one whose network was still down when the call ended.
 */
import { expect, test } from '@playwright/test';
import { callLaunch, expectVideoFlowing, remoteTiles, startCallWorld, type CallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 240_000 });

let world: CallWorld;
test.beforeAll(async () => {
  // The longest grace period there is: the interpreter stays cut off through the restart and the end of the call,
  // which takes minutes on a loaded machine, and a client gives up resuming once the grace period is over.
  world = await startCallWorld({ resumeGraceMs: 600_000 });
});
test.afterAll(async () => {
  await world?.close();
});

const serverGone = 'Die Verbindung zum Server ist unterbrochen';

test('a server restart mid-call: the call goes on, the notice clears, the end reaches every guest', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  const customer = await world.openGuest(browser, 'customer', 'Max Mustermann');
  await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
  // The interpreter's own network, to be cut separately.
  const interpreterNetwork = await world.startProxy();
  const interpreter = await world.openGuest(browser, 'interpreter', 'Ayşe Demir', 'open', interpreterNetwork);
  await counsellor.page.getByRole('button', { name: 'Einlassen: Dolmetschung: Ayşe Demir' }).click();
  await expect(remoteTiles(counsellor.page)).toHaveCount(2);
  await expect(remoteTiles(customer.page)).toHaveCount(2);
  await expect(remoteTiles(interpreter.page)).toHaveCount(2);
  await expectVideoFlowing(customer.page, 'customer');
  // A carer stays in the waiting room throughout.
  const carer = await world.openGuest(browser, 'carer', 'Petra Schulz');
  await expect(counsellor.page.getByRole('button', { name: /^Einlassen: .*Petra Schulz$/ })).toBeVisible();

  await world.server.restart(async () => {
    // The interpreter's network goes too, and comes back only after the call ended.
    interpreterNetwork.cut(true);
    for (const page of [counsellor.page, customer.page, interpreter.page]) await expect(page.getByText(serverGone)).toBeVisible({ timeout: 30_000 });
    await expectVideoFlowing(counsellor.page, 'counsellor while the server is down');
    await expectVideoFlowing(customer.page, 'customer while the server is down');
  });

  // Back: counsellor and customer resume by themselves, nobody clicks anything.
  await expect(counsellor.page.getByText(serverGone)).toHaveCount(0, { timeout: 60_000 });
  await expect(customer.page.getByText(serverGone)).toHaveCount(0, { timeout: 60_000 });
  await expect(interpreter.page.getByText(serverGone)).toBeVisible();
  await expect(remoteTiles(counsellor.page)).toHaveCount(2);
  await expect(counsellor.page.getByRole('button', { name: /^Einlassen: .*Petra Schulz$/ })).toBeVisible();
  await expect(carer.page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
  await expectVideoFlowing(counsellor.page, 'counsellor after the restart');
  await expectVideoFlowing(customer.page, 'customer after the restart');

  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await expect(customer.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await expect(carer.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await expect(counsellor.page).toHaveURL(new RegExp(`#/vermerke/${world.appointment.id}$`));
  // The interpreter's network returns after the end: its resume learns that the call ended.
  await expect(interpreter.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toHaveCount(0);
  interpreterNetwork.cut(false);
  await expect(interpreter.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible({ timeout: 60_000 });
  await expect(interpreter.page.getByText('Das Gespräch wurde beendet.')).toBeVisible();

  await counsellor.page.context().close();
  await customer.context.close();
  await interpreter.context.close();
  await carer.context.close();
});

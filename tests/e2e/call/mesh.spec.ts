/** Three and four people (counsellor, customer, interpreter, carer): everyone receives everyone's video. */
import { expect, test, type Page } from '@playwright/test';
import type { GuestRole } from '../../../src-shared/signalling/messages.js';
import { callLaunch, framesPerPeer, remoteTiles, startCallWorld, type CallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 240_000 });

let world: CallWorld;
test.beforeAll(async () => {
  world = await startCallWorld();
});
test.afterAll(async () => {
  await world?.close();
});

const GUESTS: { role: GuestRole; name: string; label: string }[] = [
  { role: 'customer', name: 'Max Mustermann', label: 'Kundin/Kunde' },
  { role: 'interpreter', name: 'Ayşe Demir', label: 'Dolmetschung' },
  { role: 'carer', name: 'Jana Roth', label: 'Betreuung' },
];

/** Every open connection of the page decodes more frames over a few seconds. */
async function expectEveryPeerFlowing(page: Page, peers: number, label: string): Promise<void> {
  await expect.poll(async () => (await framesPerPeer(page)).length, { message: `${label}: connected peers`, timeout: 30_000 }).toBe(peers);
  const before = await framesPerPeer(page);
  await expect
    .poll(async () => {
      const now = await framesPerPeer(page);
      return now.length === peers && now.every((frames, i) => frames > (before[i] ?? 0) + 3);
    }, { message: `${label}: video from every peer`, timeout: 30_000 })
    .toBe(true);
}

for (const size of [3, 4]) {
  test(`${size} participants all receive each other's video, with the role on every tile`, async ({ browser }) => {
    const counsellor = await world.openCounsellor(browser);
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    const guests = [];
    for (const guest of GUESTS.slice(0, size - 1)) {
      const opened = await world.openGuest(browser, guest.role, guest.name);
      await counsellor.page.getByRole('button', { name: `Einlassen: ${guest.label}: ${guest.name}` }).click();
      guests.push({ ...guest, ...opened });
    }
    for (const [label, page] of [['counsellor', counsellor.page] as const, ...guests.map((g) => [g.role, g.page] as const)]) {
      await expect(remoteTiles(page), `${label} sees the others`).toHaveCount(size - 1);
      await expectEveryPeerFlowing(page, size - 1, label);
    }
    for (const guest of guests) {
      await expect(remoteTiles(counsellor.page).filter({ has: counsellor.page.locator(`xpath=self::*[@data-role="${guest.role}"]`) })).toHaveAccessibleName(`${guest.label}: ${guest.name}`);
    }
    await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
    for (const guest of guests) {
      await expect(guest.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
      await guest.context.close();
    }
    await counsellor.page.context().close();
  });
}

/**
 * Resilience: a guest whose page crashes disappears from the others' view within seconds; a drop of every
 * signalling connection (counsellor and guest) resumes without anyone doing anything, and the media never stops;
 * a drop of the media path itself recovers through an ICE restart.
 */
import { expect, test, type Page } from '@playwright/test';
import { callLaunch, expectVideoFlowing, framesPerPeer, remoteTiles, startCallWorld, type CallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 240_000 });

let world: CallWorld;
test.beforeAll(async () => {
  world = await startCallWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test('a crashed guest page disappears from the others within seconds', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  const customer = await world.openGuest(browser, 'customer', 'Max Mustermann');
  await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
  const interpreter = await world.openGuest(browser, 'interpreter', 'Ayşe Demir');
  await counsellor.page.getByRole('button', { name: 'Einlassen: Dolmetschung: Ayşe Demir' }).click();
  await expect(remoteTiles(counsellor.page)).toHaveCount(2);
  await expect(remoteTiles(customer.page)).toHaveCount(2);
  await expectVideoFlowing(customer.page, 'customer');

  // A renderer crash: no pagehide, no `leave`; only the socket closes and the media path goes silent.
  const cdp = await interpreter.context.newCDPSession(interpreter.page);
  const crashedAt = Date.now();
  // The crash ends the target, so the command gets no answer; do not wait for one.
  void cdp.send('Page.crash').catch(() => undefined);
  await expect(counsellor.page.locator('[data-role="interpreter"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(customer.page.locator('figure[data-role="interpreter"]')).toHaveCount(0, { timeout: 15_000 });
  expect(Date.now() - crashedAt).toBeLessThan(15_000);
  await expect(counsellor.page.getByText('Ayşe Demir (Dolmetschung): Verbindung unterbrochen')).toBeVisible();
  // The others go on with each other.
  await expect(remoteTiles(counsellor.page)).toHaveCount(1);
  await expectVideoFlowing(counsellor.page, 'counsellor after the crash');
  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await counsellor.page.context().close();
  await customer.context.close();
  await interpreter.context.close();
});

test('a signalling drop resumes on its own and keeps the media flowing', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
  const customer = await world.openGuest(browser, 'customer', 'Max Mustermann');
  await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
  await expectVideoFlowing(counsellor.page, 'counsellor');
  await expectVideoFlowing(customer.page, 'customer');
  const peersBefore = await framesPerPeer(counsellor.page);

  expect(world.proxy.dropAll()).toBeGreaterThan(0);
  // Both sides resume with their resume tokens; nobody is removed, no peer is rebuilt.
  await expectVideoFlowing(counsellor.page, 'counsellor during the resume');
  await expectVideoFlowing(customer.page, 'customer during the resume');
  await expect(counsellor.page.getByText('Die Verbindung zum Server ist unterbrochen')).toHaveCount(0, { timeout: 15_000 });
  await expect(remoteTiles(counsellor.page)).toHaveCount(1);
  await expect(remoteTiles(customer.page)).toHaveCount(1);
  expect((await framesPerPeer(counsellor.page)).length).toBe(peersBefore.length);

  // Signalling works again after the resume: chat goes peer to peer, the end of the call through the server.
  await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await expect(customer.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await counsellor.page.context().close();
  await customer.context.close();
});

/** The ICE username fragments of the page's open connections (they change with every ICE restart). */
const localUfrags = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? ''),
  );

test('a network drop on the media path recovers by itself (ICE restart through TURN)', async ({ browser }) => {
  const relayWorld = await startCallWorld({ turn: true });
  try {
    // Relay-only: all media crosses the veth pair to coturn, so taking that link down is a real network drop.
    const counsellor = await relayWorld.openCounsellor(browser, 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    const customer = await relayWorld.openGuest(browser, 'customer', 'Max Mustermann', 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
    await expectVideoFlowing(counsellor.page, 'counsellor');
    const before = [...(await localUfrags(counsellor.page)), ...(await localUfrags(customer.page))];

    const link = /^\d+:\s+([^@:\s]+)@/m.exec(relayWorld.network.exec('ip', ['-o', 'link', 'show', 'type', 'veth']))?.[1];
    expect(link, 'veth end inside the namespace').toBeTruthy();
    relayWorld.network.exec('ip', ['link', 'set', link!, 'down']);
    await expect(remoteTiles(counsellor.page).first()).toHaveAttribute('data-status', 'reconnecting', { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    relayWorld.network.exec('ip', ['link', 'set', link!, 'up']);

    // Nobody clicks anything: the picture comes back, with new ICE credentials on at least one side.
    await expect(remoteTiles(counsellor.page)).toHaveCount(1, { timeout: 45_000 });
    await expect(remoteTiles(counsellor.page).first()).toHaveAttribute('data-status', 'connected', { timeout: 45_000 });
    await expectVideoFlowing(counsellor.page, 'counsellor after the drop');
    await expectVideoFlowing(customer.page, 'customer after the drop');
    const after = [...(await localUfrags(counsellor.page)), ...(await localUfrags(customer.page))];
    expect(after).not.toEqual(before);
  } finally {
    await relayWorld.close();
  }
});

test('a guest cut off from the server past the grace period is told that the connection is lost', async ({ browser }) => {
  const shortWorld = await startCallWorld({ resumeGraceMs: 5_000 });
  try {
    const counsellor = await shortWorld.openCounsellor(browser);
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    const network = await shortWorld.startProxy();
    const customer = await shortWorld.openGuest(browser, 'customer', 'Max Mustermann', 'open', network);
    await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
    await expectVideoFlowing(customer.page, 'customer');

    network.cut(true);
    await expect(customer.page.getByText('Die Verbindung zum Server ist unterbrochen')).toBeVisible({ timeout: 15_000 });
    // Past the grace period the place is gone: the notice says so instead of promising a reconnect for ever.
    await expect(customer.page.getByRole('alert').filter({ hasText: 'ließ sich nicht wiederherstellen' })).toBeVisible({ timeout: 30_000 });
    await expect(customer.page.getByText('Die Verbindung zum Server ist unterbrochen')).toHaveCount(0);
    await expect(remoteTiles(counsellor.page)).toHaveCount(0, { timeout: 30_000 });
    network.cut(false);
    await counsellor.page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
    await counsellor.page.context().close();
    await customer.context.close();
  } finally {
    await shortWorld.close();
  }
});

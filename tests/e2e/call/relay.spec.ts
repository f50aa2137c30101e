/**
 * TURN: with relay-only ICE on both sides (no direct path, as behind strict firewalls) the call connects through a
 * real coturn started by the test, with credentials the server mints in coturn's shared-secret scheme; with
 * credentials coturn refuses, the counsellor reads why.
 */
import { expect, test, type Page } from '@playwright/test';
import { callLaunch, expectVideoFlowing, remoteTiles, startCallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 240_000 });

/** The candidate types of the selected pair of every connected peer connection. */
const selectedPairs = (page: Page) =>
  page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState === 'connected');
    return Promise.all(
      pcs.map(async (pc) => {
        const stats = new Map<string, Record<string, unknown>>();
        (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(s.id as string, s));
        const transport = [...stats.values()].find((s) => s.type === 'transport');
        const pair = stats.get(transport?.selectedCandidatePairId as string);
        return `${stats.get(pair?.localCandidateId as string)?.candidateType}/${stats.get(pair?.remoteCandidateId as string)?.candidateType}`;
      }),
    );
  });

test('relay-only: the call connects through TURN', async ({ browser }) => {
  const world = await startCallWorld({ turn: true });
  try {
    const counsellor = await world.openCounsellor(browser, 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    const customer = await world.openGuest(browser, 'customer', 'Max Mustermann', 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
    await expectVideoFlowing(counsellor.page, 'counsellor');
    await expectVideoFlowing(customer.page, 'customer');
    expect(await selectedPairs(counsellor.page)).toEqual(['relay/relay']);
    await expect(remoteTiles(counsellor.page).first().locator('.call-quality')).toHaveAttribute('data-relayed', 'true', { timeout: 15_000 });
    await expect(remoteTiles(counsellor.page).first()).toContainText('über Relay-Server');
  } finally {
    await world.close();
  }
});

test('relay-only with credentials coturn refuses: a clear message, no connection', async ({ browser }) => {
  const world = await startCallWorld({ turn: true, wrongTurnSecret: true });
  try {
    const counsellor = await world.openCounsellor(browser, 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Raum öffnen' }).click();
    await world.openGuest(browser, 'customer', 'Max Mustermann', 'relay-only');
    await counsellor.page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
    await expect(counsellor.page.getByRole('alert').filter({ hasText: 'Der Relay-Server (TURN) hat die Anmeldung abgelehnt' })).toBeVisible({ timeout: 30_000 });
    expect(await selectedPairs(counsellor.page)).toEqual([]);
  } finally {
    await world.close();
  }
});

/**
 * `#/kalender?appointment=<id>` opens that appointment's week and panel. The session window sends the counsellor
 * here when a video call cannot start without consent, to change the channel in one step.
 */
import { expect, test } from '@playwright/test';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer } from './harness.js';

test('a link to an appointment opens its week and its panel, where status and channel are changed', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
    // An appointment of last week, so the calendar (which opens on today) has to move to reach it.
    const from = lastMonday();
    const to = new Date(Date.parse(`${from}T12:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10);
    const target = (await client.call('appointments.range', { from, to })).items[0];
    if (!target) throw new Error('Demo data has no appointment last week');

    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.evaluate((hash) => (window.location.hash = hash), `#/kalender?appointment=${encodeURIComponent(target.id)}&action=channel`);

    const panel = page.getByTestId('appointment-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(target.customer.displayName);
    await expect(page.getByTestId('calendar-range')).toContainText(`${from.slice(8, 10)}.${from.slice(5, 7)}.${from.slice(0, 4)}`);
    // An unknown id changes nothing and breaks nothing.
    await page.evaluate(() => (window.location.hash = '#/kalender?appointment=00000000-0000-4000-8000-000000000000'));
    await expect(panel).toBeVisible();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

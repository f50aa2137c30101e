/**
 * The appointment panel shows the consent as recorded (when, how, which text version, a withdrawal), and says
 * why the channel of a § 141 first interview cannot be changed instead of just offering nothing.
 */
import { expect, test } from '@playwright/test';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer } from './harness.js';

test('the panel shows the consent record and the reason a channel is fixed', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
    const from = lastMonday();
    const to = new Date(Date.parse(`${from}T12:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    const { items } = await client.call('appointments.range', { from, to });
    const withConsent = items.find((appointment) => appointment.consent && !appointment.consent.withdrawnAt);
    const firstInterview = items.find((appointment) => appointment.type === 'erstgespraech_alo' && appointment.status === 'planned');
    if (!withConsent?.consent || !firstInterview) throw new Error('Demo data lacks a consent or a planned § 141 first interview');
    const at = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(withConsent.consent.givenAt));
    const via = { guest_page: 'Gastseite', telefon: 'Telefon', praesenz: 'persönlich', schriftlich: 'schriftlich' }[withConsent.consent.via];

    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.evaluate((hash) => (window.location.hash = hash), `#/kalender?appointment=${withConsent.id}`);
    await expect(page.getByTestId('panel-consent-details')).toHaveText(`erteilt am ${at} (${via}), Text in der Fassung ${withConsent.consent.textVersion}.`);

    await page.evaluate((hash) => (window.location.hash = hash), `#/kalender?appointment=${firstInterview.id}`);
    await expect(page.getByTestId('panel-channel-fixed')).toContainText('§ 141 SGB III');
    await expect(page.getByRole('group', { name: 'Kanal ändern' })).toHaveCount(0);
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

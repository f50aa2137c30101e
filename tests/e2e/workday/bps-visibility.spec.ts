/**
 * BPS appointments are health data (BA-Weisung 202209006 §3): a user outside the BPS must not learn that they
 * exist — not in the calendar, not through the search, not in the reports, not in the VKB export. Checked for a
 * team lead of the same region as the BPS psychologist, against demo data that does contain BPS appointments.
 */
import { expect, test } from '@playwright/test';
import { ReviewExportReply } from '../../../src-shared/http/review-api.js';
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer } from './harness.js';

test('a non-BPS team lead never sees a BPS appointment in calendar, search, reports or export', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    const lead = server.demoAccounts.find((account) => account.username === 'tl.hoffmann')!;
    const psychologist = server.demoAccounts.find((account) => account.fachdienst === 'BPS')!;
    expect(lead.fachdienst).not.toBe('BPS');
    expect(lead.region).toBe(psychologist.region);

    // There is something to hide: the server holds BPS appointments of the lead's region in the window.
    const from = lastMonday();
    const to = new Date(Date.parse(`${from}T12:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
    const all = await server.core.repository.appointments.snapshot(
      { counsellorId: null, region: lead.region, includeBps: true },
      { startMs: Date.parse(`${from}T00:00:00Z`), endMs: Date.parse(`${to}T23:59:59Z`) },
    );
    const bps = all.items.filter((appointment) => appointment.fachdienst === 'BPS');
    expect(bps.length).toBeGreaterThan(0);

    await signInAs(client, server, lead.username);
    // The encrypted cache holds none of them.
    const cached = (await client.call('appointments.range', { from, to })).items;
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((appointment) => appointment.fachdienst === 'BPS' || appointment.type === 'bps_begutachtung')).toEqual([]);
    // Team leads see customers by pseudonym only.
    expect(cached.every((appointment) => appointment.customer.displayName === appointment.customer.pseudonym)).toBe(true);

    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    // The day starts on "Heute"; the week is one click away.
    await page.getByRole('link', { name: 'Kalender', exact: true }).click();
    const forbidden = [...bps.map((appointment) => appointment.id), ...bps.map((appointment) => appointment.customer.displayName), 'BPS', 'Begutachtung'];
    for (const week of ['previous', 'this'] as const) {
      if (week === 'previous') await page.getByTestId('calendar-previous').click();
      else await page.getByTestId('calendar-today').click();
      await expect(page.getByTestId('calendar-event').first()).toBeVisible();
      const html = await page.locator('.calendar-grid').innerHTML();
      for (const text of forbidden) expect(html).not.toContain(text);
      // Search: neither the type nor the Fachdienst finds anything.
      for (const query of ['BPS', 'Begutachtung']) {
        await page.getByTestId('calendar-search').fill(query);
        await expect(page.getByTestId('calendar-summary')).toHaveText('Keine Termine in diesem Zeitraum.');
        await expect(page.getByTestId('calendar-event')).toHaveCount(0);
      }
      await page.getByTestId('calendar-search').fill('');
    }

    // Reports over both weeks: only the cached, non-BPS appointments count.
    await page.goto(`${shell.origin}/#/berichte`);
    await page.getByTestId('report-from').fill(from);
    await page.getByTestId('report-to').fill(to);
    await expect(page.getByTestId('report-basis')).toHaveText(`Grundlage: ${cached.length} Termine im Zeitraum.`);
    const reportText = await page.locator('main').innerText();
    for (const text of forbidden) expect(reportText).not.toContain(text);

    // VKB export for the lead's region: no BPS case.
    const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: lead.username, password: lead.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const exported = await fetch(`${server.url}${API_PREFIX}/review/export`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ month: from.slice(0, 7), seed: 'e2e', sampleSize: 200 }),
    });
    expect(exported.status).toBe(200);
    const reply = ReviewExportReply.parse(await exported.json());
    expect(reply.cases.every((c) => c.fachdienst !== 'BPS' && c.type !== 'bps_begutachtung')).toBe(true);
    const exportText = JSON.stringify(reply);
    for (const appointment of bps) expect(exportText).not.toContain(appointment.customer.displayName);

    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

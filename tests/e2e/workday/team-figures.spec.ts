/**
 * "Nah am Kunden" for a team lead and a counsellor, through the reports view: the team's share is the sum of
 * the counsellors' counselling minutes over the sum of their own net working times, days not yet worked do not
 * count, absence days entered in the view come off a counsellor's time, and each figure says how it is computed.
 * The expected figures are worked out here from the server's own store, independently of the app's rule.
 */
import { expect, test } from '@playwright/test';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer } from './harness.js';

const NET_MINUTES = 468; // the managed setting's default
// Beratungen per domain.md: first and follow-up interviews and BPS assessments; not interim contacts or group sessions.
const BERATUNG = new Set(['erstgespraech_alo', 'erstgespraech', 'folgegespraech', 'bps_begutachtung']);
const percent = (value: number) => new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 }).format(value);
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minutes = (appointment: Appointment) =>
  appointment.status === 'held' && BERATUNG.has(appointment.type) ? (Date.parse(appointment.end) - Date.parse(appointment.start)) / 60_000 : 0;
/** Working days of a week without public holidays in NW (the demo weeks of early December have none). */
const weekdaysUpTo = (monday: string, last: string) => [0, 1, 2, 3, 4].filter((offset) => plusDays(monday, offset) <= last).length;

test('a team lead sees the team’s share summed over each counsellor’s own working time', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    const lead = server.demoAccounts.find((account) => account.role === 'team_lead')!;
    const monday = lastMonday();
    const { items } = await server.core.repository.appointments.snapshot(
      { counsellorId: null, region: lead.region, includeBps: false },
      { startMs: Date.parse(`${monday}T00:00:00+01:00`), endMs: Date.parse(`${plusDays(monday, 7)}T00:00:00+01:00`) },
    );
    const week = items.filter((appointment) => appointment.fachdienst !== 'BPS' && appointment.type !== 'bps_begutachtung');
    const counsellors = [...new Set(week.map((appointment) => appointment.counsellorId))];
    expect(counsellors.length).toBeGreaterThan(1);
    const total = week.reduce((sum, appointment) => sum + minutes(appointment), 0);
    const teamShare = total / (counsellors.length * 5 * NET_MINUTES);

    await signInAs(client, server, lead.username);
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    await page.goto(`${shell.origin}/#/berichte`);
    await page.getByRole('button', { name: 'Letzte Woche' }).click();
    await expect(page.getByTestId('report-from')).toHaveValue(monday);

    await expect(page.getByTestId('report-counsellor')).toHaveCount(counsellors.length);
    await expect(page.getByTestId('report-team-share')).toHaveText(percent(teamShare));
    await expect(page.getByTestId('report-counselling-summary')).toContainText(`${percent(teamShare)} der Netto-Arbeitszeit (${total} von ${counsellors.length * 5 * NET_MINUTES} Minuten`);
    await expect(page.getByTestId('report-counselling-definition')).toContainText('So wird gerechnet:');
    for (const id of ['channel', 'attendance', 'tvz', 'load']) await expect(page.getByTestId(`report-${id}-definition`)).toContainText('So wird gerechnet:');

    // Two days of absence for the first counsellor: their time, and the team's, shrink by two days.
    const first = page.getByTestId('report-counsellor').first();
    await first.getByRole('spinbutton').fill('2');
    const firstMinutes = week.filter((appointment) => appointment.counsellorId === [...counsellors].sort()[0]).reduce((sum, appointment) => sum + minutes(appointment), 0);
    await expect(first.getByTestId('report-counsellor-share')).toHaveText(percent(firstMinutes / (3 * NET_MINUTES)));
    await expect(page.getByTestId('report-team-share')).toHaveText(percent(total / ((counsellors.length * 5 - 2) * NET_MINUTES)));

    // The Land is chosen by name.
    await expect(page.getByRole('combobox', { name: /Bundesland/ })).toHaveValue('NW');
    await expect(page.getByRole('combobox', { name: /Bundesland/ }).locator('option:checked')).toHaveText('Nordrhein-Westfalen');

    // A week without any appointment gives no share and no verdict.
    await page.getByTestId('report-from').fill(plusDays(monday, -70));
    await page.getByTestId('report-to').fill(plusDays(monday, -66));
    await expect(page.getByTestId('report-counselling-summary')).toContainText('keine Daten');
    await expect(page.getByTestId('report-counselling-summary')).not.toContainText('Ziel nicht erreicht');
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

test('a counsellor’s share of this week counts only the working days so far', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
    const thisMonday = plusDays(lastMonday(), 7);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const days = weekdaysUpTo(thisMonday, today);
    const { items } = await client.call('appointments.range', { from: thisMonday, to: plusDays(thisMonday, 6) });
    const own = items.reduce((sum, appointment) => sum + minutes(appointment), 0);

    await page.goto(await shell.launchUrl());
    await page.goto(`${shell.origin}/#/berichte`);
    await page.getByRole('button', { name: 'Diese Woche' }).click();
    await expect(page.getByTestId('report-counsellor')).toHaveCount(1);
    await expect(page.getByTestId('report-counsellor').getByRole('rowheader')).toHaveText('Ihre Termine');
    await expect(page.getByTestId('report-counselling-summary')).toContainText(`(${own} von ${days * NET_MINUTES} Minuten; ${days} Arbeitstage bisher`);

    // English: en-GB numbers and the same figures.
    await client.call('preferences.set', { language: 'en' });
    await expect(page.getByTestId('report-counselling-summary')).toContainText(`(${own} of ${days * NET_MINUTES} minutes; ${days} working days so far`);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

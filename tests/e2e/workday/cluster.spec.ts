/**
 * A dense hour (more appointments starting in it than fit side by side) is drawn as one "N Termine" cluster,
 * not as unreadable slivers: it is a keyboard-operable button whose name says how many appointments and how many
 * missing notes it holds, it opens a list of its appointments, and each of them opens the appointment panel.
 * Sparse hours keep their single appointments. No CSP violation on the way.
 */
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { addCalendarDays, berlinDate } from '../../../src-shared/rules/index.js';
import { berlinIso, mondayOf } from '../../../src-shared/rules/berlin-time.js';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, signInAs, startDemoServer } from './harness.js';

test('a dense hour is one accessible cluster that lists and opens its appointments', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    const counsellor = server.demoAccounts.find((account) => account.username === 'av.berger')!;
    // Wednesday of the current week, 18:00–18:59: seven appointments, more than the four that fit side by side.
    const day = addCalendarDays(mondayOf(berlinDate(new Date())), 2);
    const dense: Appointment[] = Array.from({ length: 7 }, (_, index) => ({
      id: randomUUID(),
      counsellorId: counsellor.id,
      agencyRegion: counsellor.region,
      land: 'NW',
      customer: { customerNumber: `123A${String(450000 + index)}`, displayName: `Dichte Stunde ${index + 1}`, pseudonym: `PS-DICHT-${index + 1}` },
      type: 'folgegespraech',
      channel: 'telefon',
      fachdienst: 'AV',
      start: berlinIso(day, 18, index * 5),
      end: berlinIso(day, 18 + Math.floor((index * 5 + 30) / 60), (index * 5 + 30) % 60),
      status: 'planned',
      registeredOn: null,
      consent: null,
      revision: 0,
      updatedAt: new Date().toISOString(),
    }));
    for (const appointment of dense) await server.core.repository.appointments.put(appointment);
    await signInAs(client, server, counsellor.username);

    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    // The day starts on "Heute"; the week is one click away.
    await page.getByRole('link', { name: 'Kalender', exact: true }).click();
    const cluster = page.locator('.sx__time-grid-event', { has: page.getByTestId('calendar-cluster') });
    await expect(cluster).toHaveCount(1);
    await expect(cluster).toHaveAccessibleName(/7 Termine.*18:00–19:00/);
    // None of the seven is drawn on its own; the demo's sparse hours still are.
    for (const appointment of dense) await expect(page.locator(`[data-appointment-id="${appointment.id}"]`)).toHaveCount(0);
    await expect(page.getByTestId('calendar-event').first()).toBeVisible();

    await cluster.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('cluster-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    const entries = panel.getByTestId('cluster-appointment');
    await expect(entries).toHaveCount(7);
    await expect(entries.first()).toContainText('Dichte Stunde 1');
    const axe = await new AxeBuilder({ page }).include('[data-testid="cluster-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

    await entries.nth(3).focus();
    await page.keyboard.press('Enter');
    const details = page.getByTestId('appointment-panel');
    await expect(details).toBeVisible();
    await expect(details).toContainText('Dichte Stunde 4');
    await expect(panel).toHaveCount(0);

    expect(problems.cspViolations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

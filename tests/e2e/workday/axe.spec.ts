/**
 * Accessibility of the workday screens (BITV 2.0 / WCAG 2.1 AA): axe-core finds no serious or critical
 * violation on the calendar (with an appointment open), the notes editor and the reports, in German and
 * English; and none of them trips the strict CSP.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, signInAs, startDemoServer } from './harness.js';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('calendar, notes and reports have no serious or critical axe violations', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    for (const language of ['de', 'en'] as const) {
      await client.call('preferences.set', { language });
      await page.goto(`${shell.origin}/#/kalender`);
      await page.getByTestId('calendar-today').click();
      await page.getByTestId('calendar-previous').click();
      const event = page.locator('.sx__time-grid-event').first();
      await expect(event).toBeVisible();
      // Keyboard: focus an appointment and open it with Enter.
      await event.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('appointment-panel')).toBeVisible();
      expect(await seriousViolations(page), `calendar (${language})`).toEqual([]);

      await page.goto(`${shell.origin}/#/vermerke`);
      const entry = page.getByTestId('note-entry').first();
      await expect(entry).toBeVisible();
      await entry.click();
      await expect(page.getByTestId('note-editor')).toBeVisible();
      expect(await seriousViolations(page), `notes (${language})`).toEqual([]);

      await page.goto(`${shell.origin}/#/berichte`);
      await expect(page.getByTestId('report-channel')).toBeVisible();
      expect(await seriousViolations(page), `reports (${language})`).toEqual([]);
    }
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

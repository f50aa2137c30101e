/**
 * Each role sees the views it can use (domain.md: IT support never sees customer data; team leads review and
 * change nothing). Driven through the UI of the web shell; the sign-in is set-up over the back office.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, startDemoServer } from './harness.js';

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('IT support sees only the device check, settings and info; other views say why they are not there', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    const account = server.demoAccounts.find((candidate) => candidate.role === 'it_support')!;
    // IT support signs in without unlocking any customer data.
    await client.call('sync.signIn', { serverUrl: server.url, username: account.username, password: account.password });
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());

    const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(navigation.getByRole('link')).toHaveText(['Geräteprüfung', 'Einstellungen', 'Info']);
    // The address named no area: IT support starts at the device check.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Geräteprüfung/);
    expect(await axeViolations(page), 'Geräteprüfung').toEqual([]);

    for (const [hash, name] of [['kalender', 'Kalender'], ['vermerke', 'Vermerke'], ['berichte', 'Berichte'], ['sitzung', 'Sitzung']] as const) {
      await page.goto(`${shell.origin}/#/${hash}`);
      const notice = page.getByTestId('route-not-for-role');
      await expect(notice).toContainText(`„${name}“ ist für Ihre Rolle (IT-Support) nicht vorgesehen`);
      await expect(page.locator('.sx__calendar-wrapper, [data-testid="note-entry"]')).toHaveCount(0);
      expect(await axeViolations(page), name).toEqual([]);
    }
    await page.getByRole('link', { name: 'Zu „Geräteprüfung“' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Geräteprüfung/);

    for (const language of ['de', 'en'] as const) {
      await client.call('preferences.set', { language });
      for (const hash of ['geraetepruefung', 'einstellungen', 'info']) {
        await page.goto(`${shell.origin}/#/${hash}`);
        await expect(page.locator('#view-title')).toBeVisible();
        expect(await axeViolations(page), `${hash} (${language})`).toEqual([]);
      }
    }
    await page.goto(`${shell.origin}/#/kalender`);
    await expect(page.getByTestId('route-not-for-role')).toContainText('“Calendar” is not available for your role (IT support)');
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

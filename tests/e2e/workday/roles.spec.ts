/**
 * Each role sees the views it can use (domain.md: IT support never sees customer data; team leads review and
 * change nothing). Driven through the UI of the web shell; the sign-in is set-up over the back office.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { noteState } from '../../../src-shared/rules/note-requirement.js';
import { isHealthData } from '../../../src-shared/rules/visibility.js';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, signInAs, startDemoServer, type BackOfficeClient } from './harness.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

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
        // Dates through Intl with the chosen language: British English, never the US order.
        if (hash === 'info') {
          const started = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB').format(new Date());
          await expect(page.locator('main')).toContainText(started);
        }
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

test('a team lead sees the note states the counsellors’ notes give, read-only and without their content', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client: BackOfficeClient = await connectBackOffice(shell);
  try {
    const lead = server.demoAccounts.find((candidate) => candidate.role === 'team_lead')!;
    // The truth, from the server's own store: every held Beratung of the lead's region in the notes window.
    const { items } = await server.core.repository.appointments.snapshot(
      { counsellorId: null, region: lead.region, includeBps: false },
      { startMs: Date.parse(`${day(-40)}T00:00:00Z`), endMs: Date.now() },
    );
    const visible = items.filter((appointment: Appointment) => !isHealthData(appointment));
    const notes = await server.core.repository.notes.forAppointments(visible.map((appointment) => appointment.id));
    const stateOf = (appointment: Appointment) => noteState(appointment, notes.filter((note) => note.appointmentId === appointment.id));
    const written = visible.filter((appointment) => stateOf(appointment) === 'written');
    const overdue = visible.filter((appointment) => stateOf(appointment) === 'overdue');
    expect(written.length).toBeGreaterThan(0);

    await signInAs(client, server, lead.username);
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(navigation.getByRole('link')).toHaveText(['Kalender', 'Vermerke', 'Geräteprüfung', 'Berichte', 'VKB-Prüfung', 'Einstellungen', 'Info']);

    await page.goto(`${shell.origin}/#/vermerke`);
    await expect(page.getByTestId('notes-read-only')).toBeVisible();
    await expect(page.getByTestId('notes-overdue').getByTestId('note-entry')).toHaveCount(overdue.length);
    await expect(page.getByTestId('notes-written').locator('[data-state="written"]')).toHaveCount(written.length);
    // Nothing to open, nothing to edit, and none of the notes' text.
    await expect(page.getByTestId('note-entry').locator('a')).toHaveCount(0);
    await expect(page.getByTestId('note-editor')).toHaveCount(0);
    const text = await page.locator('main').innerText();
    for (const note of notes) if (note.content.fields.situation.length > 12) expect(text).not.toContain(note.content.fields.situation);
    expect(await axeViolations(page), 'Vermerke').toEqual([]);

    const target = written[0]!;
    await page.evaluate((hash) => (window.location.hash = hash), `#/kalender?appointment=${target.id}`);
    const panel = page.getByTestId('appointment-panel');
    await expect(panel.getByTestId('panel-note')).toHaveText('Vermerk geschrieben');
    await expect(panel.getByTestId('panel-read-only')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Hat stattgefunden' })).toHaveCount(0);
    await expect(panel.getByTestId('open-note')).toHaveCount(0);
    expect(await axeViolations(page), 'Kalender').toEqual([]);

    await page.goto(`${shell.origin}/#/sitzung`);
    await expect(page.getByTestId('route-not-for-role')).toContainText('„Sitzung“ ist für Ihre Rolle (Teamleitung) nicht vorgesehen');
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

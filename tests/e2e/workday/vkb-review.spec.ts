/**
 * The VKB review in the app (BA-Weisung 202503001 §2), as a team lead does it: choose month and process, draw
 * the seeded pseudonymised sample, open a case, assess it against the question catalogue, export CSV and JSON.
 * No customer's or colleague's name reaches the screen or the files; the same seed draws the same sample.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer } from './harness.js';

async function savedDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('a team lead draws, reads and assesses the pseudonymised sample and exports it', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    const lead = server.demoAccounts.find((account) => account.role === 'team_lead')!;
    const month = lastMonday().slice(0, 7);
    const names = [
      ...(await server.core.repository.appointments.snapshot({ counsellorId: null, region: lead.region, includeBps: true }, { startMs: 0, endMs: Date.now() + 30 * 86_400_000 })).items.map(
        (appointment) => appointment.customer.displayName,
      ),
      ...server.demoAccounts.map((account) => account.displayName),
    ];
    await signInAs(client, server, lead.username);
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'VKB-Prüfung' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('VKB-Prüfung');

    await page.getByTestId('review-month').fill(month);
    await page.getByTestId('review-process').selectOption('AV');
    // BPS is health data: a non-BPS lead is not even offered it.
    await expect(page.getByTestId('review-process').locator('option')).toHaveText(['Alle Prozesse', 'Arbeitsvermittlung (AV)', 'Berufsberatung (BB)', 'Berufliche Rehabilitation (Reha)']);
    await page.getByTestId('review-seed').fill('E2E-STICHPROBE');
    await page.getByTestId('review-draw').click();
    const summary = page.getByTestId('review-summary');
    await expect(summary).toContainText('Startwert „E2E-STICHPROBE“');
    await expect(summary).toContainText(lead.region);
    const entries = page.getByTestId('review-case-entry');
    await expect(entries.first()).toBeVisible();
    const drawn = await entries.count();
    const population = Number(/von (\d+) Vermerken/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(drawn).toBe(Math.min(10, population));
    const firstDraw = await entries.allTextContents();

    await entries.first().click();
    const reviewCase = page.getByTestId('review-case');
    await expect(reviewCase).toContainText('Pseudonym');
    for (const question of ['anlass', 'situation', 'ziele', 'vereinbarungen', 'kanal']) {
      await reviewCase.getByTestId(`review-question-${question}`).getByLabel(question === 'kanal' ? 'teilweise' : 'ja').check();
    }
    await reviewCase.getByLabel('Anmerkung').fill('Vereinbarungen gut; "Kanal" begründen');
    await expect(entries.first()).toContainText('bewertet');
    await expect(page.getByText(`1 von ${drawn} Fällen bewertet.`)).toBeVisible();
    const shown = await page.locator('main').innerText();
    for (const name of names) expect(shown).not.toContain(name);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);

    const csv = await savedDownload(page, () => page.getByTestId('review-export-csv').click());
    expect(csv.name).toBe(`vkb-${month}-E2E-STICHPROBE.csv`);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(drawn + 1);
    expect(lines[0]).toBe('region;monat;seed;fachdienst;fall;kunde_pseudonym;anlass_typ;kanal;dauer_minuten;frage_anlass;frage_situation;frage_ziele;frage_vereinbarungen;frage_kanal;kommentar');
    expect(lines[1]).toContain(';ja;ja;ja;ja;teilweise;"Vereinbarungen gut; ""Kanal"" begründen"');
    expect(lines.slice(1).every((line) => line.split(';')[3] === 'AV')).toBe(true);
    const json = await savedDownload(page, () => page.getByTestId('review-export-json').click());
    const result = JSON.parse(json.text) as { seed: string; fachdienst: string; cases: { answers: Record<string, string>; comment: string }[] };
    expect(result).toMatchObject({ seed: 'E2E-STICHPROBE', fachdienst: 'AV' });
    expect(result.cases[0]).toMatchObject({ answers: { anlass: 'ja', kanal: 'teilweise' }, comment: 'Vereinbarungen gut; "Kanal" begründen' });
    for (const name of names) {
      expect(csv.text).not.toContain(name);
      expect(json.text).not.toContain(name);
    }

    // The same seed over the same data draws the same sample (audit); a new draw starts a new review.
    await page.getByTestId('review-draw').click();
    await expect(page.getByText(`0 von ${drawn} Fällen bewertet.`)).toBeVisible();
    expect(await entries.allTextContents()).toEqual(firstDraw.map((text) => text.replace('bewertet', 'offen')));

    // Bad input gets a German message and changes nothing.
    await page.getByTestId('review-size').fill('3');
    await page.getByTestId('review-draw').click();
    await expect(page.getByRole('alert')).toHaveText('Bitte zwischen 10 und 200 Fälle wählen.');
    await expect(entries).toHaveCount(drawn);
    expect(problems.cspViolations).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

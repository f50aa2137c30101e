/**
 * The Beratungsvermerk beside the call: the counsellor writes it in the session window's side panel while the
 * customer is on screen (autosaved as in „Vermerke“), ends the call, and lands in the note of that appointment with
 * everything written, also what was typed just before the hang-up; the customer sees the closing page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { requiresNote } from '../../../src-shared/rules/index.js';
import { callLaunch, expectVideoFlowing, remoteTiles, startCallWorld, type CallWorld } from './call-world.js';

test.use({ launchOptions: callLaunch });
test.describe.configure({ timeout: 180_000 });

let world: CallWorld;
test.beforeAll(async () => {
  world = await startCallWorld();
});
test.afterAll(async () => {
  await world?.close();
});

test('the note is written beside the call, and the hang-up opens it', async ({ browser }) => {
  const counsellor = await world.openCounsellor(browser);
  const { page } = counsellor;
  await page.getByRole('button', { name: 'Raum öffnen' }).click();
  const customer = await world.openGuest(browser, 'customer', 'Max Mustermann');
  await page.getByRole('button', { name: 'Einlassen: Kundin/Kunde: Max Mustermann' }).click();
  await expect(remoteTiles(page)).toHaveCount(1);
  await expectVideoFlowing(page, 'counsellor');

  // The appointment is planned (not in the notes lists yet), and still its note opens beside the call.
  const panel = page.getByRole('region', { name: 'Beratungsvermerk' });
  await expect(panel.getByTestId('note-editor')).toBeVisible();
  await expect(page.getByText('Dieser Termin ist nicht im lokalen Speicher')).toHaveCount(0);
  const situation = 'Herr Mustermann sucht eine Stelle als Lagerist, Staplerschein vorhanden.';
  await panel.getByLabel(/^Situation/).fill(situation);
  await expect(panel.getByTestId('note-save-state')).toContainText('als Version 1');
  // The call went on meanwhile.
  await expectVideoFlowing(page, 'counsellor while writing');
  // The panel beside the call is as accessible as the notes view (labels, contrast, keyboard).
  const axe = await new AxeBuilder({ page }).include('.session__note').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  // Folding the panel gives the call the width and keeps what was written.
  await panel.getByRole('button', { name: 'Vermerk ausblenden' }).click();
  await expect(panel.getByTestId('note-editor')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Vermerk einblenden' }).click();
  await expect(panel.getByLabel(/^Situation/)).toHaveValue(situation);

  // Typed right before the end, before any autosave: the hang-up must not lose it.
  const agreed = 'Bewerbung bei der Spedition bis Freitag; Rückmeldung per Telefon.';
  await panel.getByLabel(/^Vereinbarungen/).fill(agreed);
  await page.getByRole('button', { name: 'Gespräch für alle beenden' }).click();
  await expect(customer.page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();

  await expect(page).toHaveURL(new RegExp(`#/vermerke/${world.appointment.id}$`));
  const editor = page.getByTestId('note-editor');
  await expect(editor).toBeVisible();
  await expect(editor.getByLabel(/^Situation/)).toHaveValue(situation);
  await expect(editor.getByLabel(/^Vereinbarungen/)).toHaveValue(agreed);
  // One note with both saves as its versions, not a second note begun from the empty template.
  await expect(page.getByTestId('note-versions').locator('tbody tr')).toHaveCount(2);
  // Held now: where the rules require a note (a Beratung, not by telephone) the editor says whether it is complete.
  const state = page.getByTestId('note-state-overdue').or(page.getByTestId('note-state-written'));
  await expect(state).toHaveCount(requiresNote({ ...world.appointment, status: 'held' }) ? 1 : 0);

  expect(counsellor.problems.cspViolations).toEqual([]);
  await page.context().close();
  await customer.context.close();
});

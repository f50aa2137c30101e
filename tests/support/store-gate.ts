/** Gets a web-shell page past the encrypted-store gate (the web shell has no keychain: passphrase mode). */
import { expect, type Page } from '@playwright/test';

export const TEST_PASSPHRASE = 'korrekt Pferd Batterie Heftklammer';

/** On a fresh data dir: chooses the test passphrase. On an already set-up one: unlocks with it. */
export async function setUpPassphrase(page: Page): Promise<void> {
  const setup = page.getByRole('heading', { name: 'Lokale Daten schützen' });
  const locked = page.getByRole('heading', { name: 'Beratungsraum ist gesperrt' });
  await expect(setup.or(locked)).toBeVisible();
  if (await setup.isVisible()) {
    await page.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await page.getByLabel('Passphrase wiederholen').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Verschlüsselung einrichten' }).click();
  } else {
    await page.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Entsperren' }).click();
  }
  await expect(page.getByRole('button', { name: 'Sperren' })).toBeVisible();
}

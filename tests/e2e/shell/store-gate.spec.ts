import { expect, test } from '../../support/web-shell.js';
import { setUpPassphrase, TEST_PASSPHRASE } from '../../support/store-gate.js';

/**
 * The web shell has no OS keychain, so the store starts in `needs_setup`: the counsellor must choose a
 * passphrase before any customer data can be stored. Runs in order: set-up, lock, wrong and right unlock.
 */
test.describe.configure({ mode: 'serial' });

test.describe('encrypted store gate', () => {
  test('areas with customer data ask for a passphrase first; device check and info stay open', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
    await app.getByRole('link', { name: 'Info', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Über den Beratungsraum' })).toBeVisible();
    await app.getByRole('link', { name: 'Vermerke', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
  });

  test('refuses a short or mismatched passphrase with a message that says what to do', async ({ app }) => {
    await app.getByLabel('Passphrase', { exact: true }).fill('kurz');
    await app.getByLabel('Passphrase wiederholen').fill('kurz');
    await app.getByRole('button', { name: 'Verschlüsselung einrichten' }).click();
    await expect(app.getByRole('alert')).toHaveText(/zu kurz.*mindestens 12 Zeichen/);
    await app.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await app.getByLabel('Passphrase wiederholen').fill(`${TEST_PASSPHRASE}x`);
    await app.getByRole('button', { name: 'Verschlüsselung einrichten' }).click();
    await expect(app.getByRole('alert')).toHaveText(/stimmen nicht überein/);
    await expect(app.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
  });

  test('sets up, locks and unlocks only with the right passphrase', async ({ app }) => {
    await setUpPassphrase(app);
    await expect(app.getByRole('heading', { name: 'Lokale Daten schützen' })).toHaveCount(0);
    await app.getByRole('button', { name: 'Sperren' }).click();
    await expect(app.getByRole('heading', { name: 'Beratungsraum ist gesperrt' })).toBeVisible();
    await app.getByLabel('Passphrase', { exact: true }).fill('eine ganz andere Passphrase');
    await app.getByRole('button', { name: 'Entsperren' }).click();
    await expect(app.getByRole('alert')).toBeVisible();
    await expect(app.getByRole('heading', { name: 'Beratungsraum ist gesperrt' })).toBeVisible();
    await app.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await app.getByRole('button', { name: 'Entsperren' }).click();
    await expect(app.getByRole('heading', { name: 'Beratungsraum ist gesperrt' })).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Sperren' })).toBeVisible();
  });
});

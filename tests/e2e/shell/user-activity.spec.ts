import { expect, launchWebShell, test } from '../../support/web-shell.js';
import { setUpPassphrase } from '../../support/store-gate.js';

/**
 * The auto-lock measures the user's absence: input in the renderer reaches the back office as `store.activity`
 * (the app's own reads, such as the calendar's after each sync, do not count: tests/unit/store/passphrase-mode).
 */
test('user input is reported to the back office as presence, throttled', async ({ page }) => {
  const shell = await launchWebShell();
  try {
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => void frames.push(String(payload))));
    await page.goto(await shell.launchUrl());
    const reports = () => frames.filter((frame) => frame.includes('"store.activity"')).length;
    await expect(page.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
    expect(reports()).toBe(0);
    await setUpPassphrase(page); // typing and clicking
    await expect.poll(reports).toBe(1);
    // More input within the interval adds no traffic: the lock below is a round trip after these events.
    await page.keyboard.press('Tab');
    await page.mouse.wheel(0, 200);
    await page.getByRole('button', { name: 'Sperren' }).click();
    await expect(page.getByRole('heading', { name: 'Beratungsraum ist gesperrt' })).toBeVisible();
    expect(reports()).toBe(1);
  } finally {
    await shell.stop();
  }
});

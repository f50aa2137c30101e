/**
 * Readable at a glance: every appointment whose note is missing shows "Vermerk fehlt" inside its box, also in
 * boxes of 15 to 60 minutes, and each box shows the customer's name first.
 */
import { expect, test } from '@playwright/test';
import { launchWebShell } from '../../support/web-shell.js';
import { connectBackOffice, signInAs, startDemoServer } from './harness.js';

test('the missing-note mark and the customer’s name are visible in every appointment box', async ({ page }) => {
  const server = await startDemoServer();
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger');
    await page.goto(await shell.launchUrl());
    await page.goto(`${shell.origin}/#/kalender`);
    await page.getByTestId('calendar-today').click();
    await page.getByTestId('calendar-previous').click();
    const marks = page.locator('.sx__time-grid-event [data-testid="calendar-event"] [data-testid="note-overdue"]');
    await expect(marks.first()).toBeVisible();
    // Measured in the page: the mark's and the name's boxes must lie inside the appointment's visible box.
    const clipped = await page.evaluate(() => {
      const inside = (inner: Element, outer: Element) => {
        const a = inner.getBoundingClientRect();
        const b = outer.getBoundingClientRect();
        return a.height > 0 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5 && a.left >= b.left - 0.5 && a.right <= b.right + 0.5;
      };
      const problems: string[] = [];
      let marked = 0;
      for (const box of Array.from(document.querySelectorAll('.sx__time-grid-event'))) {
        const event = box.querySelector('[data-testid="calendar-event"]');
        if (!event) continue;
        const minutes = Math.round(box.getBoundingClientRect().height);
        const mark = event.querySelector('[data-testid="note-overdue"]');
        if (mark) {
          marked += 1;
          if (!inside(mark, box)) problems.push(`mark cut off in a box of ${minutes}px`);
        }
        const name = event.querySelector('.appointment-event__customer');
        if (!name || !inside(name, box)) problems.push(`name cut off in a box of ${minutes}px`);
      }
      return { marked, problems };
    });
    expect(clipped.marked).toBeGreaterThan(0);
    expect(clipped.problems).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await server.dispose();
  }
});

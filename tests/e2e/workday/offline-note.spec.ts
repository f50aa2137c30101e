/**
 * The workday's central journey, offline: a held video Beratung without a note shows as overdue; the counsellor
 * writes the note while the server is unreachable (autosave into the encrypted store, "waiting to be sent"),
 * and after reconnecting the note reaches the server and shows as sent.
 */
import { expect, test } from '@playwright/test';
import { isBeratung } from '../../../src-shared/rules/index.js';
import { launchWebShell, watchProblems } from '../../support/web-shell.js';
import { connectBackOffice, lastMonday, signInAs, startDemoServer, startLink, waitForSync } from './harness.js';

test('a note written offline after a held video appointment is overdue before and synced after reconnect', async ({ page }) => {
  const server = await startDemoServer();
  const link = await startLink(server.url);
  const shell = await launchWebShell();
  const client = await connectBackOffice(shell);
  try {
    await signInAs(client, server, 'av.berger', link.url);
    const from = lastMonday();
    const to = new Date(Date.parse(`${from}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const { items } = await client.call('appointments.range', { from, to });
    const candidates = items.filter((a) => a.status === 'held' && a.channel === 'video' && isBeratung(a.type));
    let target = null;
    for (const candidate of candidates) {
      if ((await client.call('notes.forAppointment', { appointmentId: candidate.id })).versions.length === 0) {
        target = candidate;
        break;
      }
    }
    expect(target, 'the demo data has a held video Beratung without a note').not.toBeNull();

    link.setOnline(false);
    const problems = await watchProblems(page);
    await page.goto(await shell.launchUrl());
    // The day starts on "Heute"; the week is one click away.
    await page.getByRole('link', { name: 'Kalender', exact: true }).click();

    // Calendar: last week, the appointment carries the overdue badge.
    await page.getByTestId('calendar-previous').click();
    const event = page.locator(`[data-appointment-id="${target!.id}"]`);
    await expect(event).toBeVisible();
    await expect(event.getByTestId('note-overdue')).toBeVisible();

    // Notes: listed as overdue, the editor says so.
    await page.goto(`${shell.origin}/#/vermerke/${target!.id}`);
    await expect(page.getByTestId('notes-overdue').locator(`a[href="#/vermerke/${target!.id}"]`)).toBeVisible();
    await expect(page.getByTestId('note-state-overdue')).toBeVisible();

    await page.getByLabel(/^Situation/).fill('Bewerbungen laufen, zwei Vorstellungsgespräche in Aussicht.');
    await page.getByLabel(/^Ziele/).fill('Arbeitsaufnahme als Fachkraft für Lagerlogistik.');
    await page.getByLabel(/^Vereinbarungen/).fill('Zwei weitere Bewerbungen bis zum nächsten Termin.');
    await expect(page.getByTestId('note-save-state')).toContainText('Gespeichert', { timeout: 10_000 });
    await expect(page.getByTestId('note-state-written')).toBeVisible();
    await expect(page.getByTestId('note-version-sync').first()).toHaveText('wartet auf Übertragung');
    expect((await server.core.repository.notes.forAppointment(target!.id)).length).toBe(0);

    // Reconnect: the outbox delivers, the badge turns to "sent".
    link.setOnline(true);
    await waitForSync(client);
    await expect(page.getByTestId('note-version-sync').first()).toHaveText('übertragen', { timeout: 15_000 });
    const stored = await server.core.repository.notes.forAppointment(target!.id);
    expect(stored.at(-1)?.content.fields.vereinbarungen).toBe('Zwei weitere Bewerbungen bis zum nächsten Termin.');

    // And the calendar (still on last week) no longer shows it as overdue.
    await page.goto(`${shell.origin}/#/kalender`);
    await expect(page.locator(`[data-appointment-id="${target!.id}"]`)).toBeVisible();
    await expect(page.locator(`[data-appointment-id="${target!.id}"]`).getByTestId('note-overdue')).toHaveCount(0);
    expect(problems.cspViolations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  } finally {
    client.close();
    await shell.stop();
    await link.close();
    await server.dispose();
  }
});

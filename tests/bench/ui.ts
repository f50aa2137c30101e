/**
 * npm run bench:ui — the calendar under load, in the web shell, against the real server and back office:
 * a counsellor's encrypted cache with 5,000 appointments and 2,000 notes (synced from the server as in real use),
 * time from opening the page to an interactive week view, and the time to switch weeks (p50/p95), against a
 * baseline of 50 appointments and 20 notes measured in the same run. Needs `npm run build` first (out/).
 * Prints one JSON line. Targets (issue 7): interactive ≤ 1500 ms, week switch p95 ≤ 100 ms.
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Appointment, AppointmentType, Channel } from '../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../src-shared/domain/note.js';
import { addCalendarDays, berlinDate } from '../../src-shared/rules/index.js';
import { hashPassword } from '../../src-server/auth/passwords.js';
import { berlinIso } from '../../src-server/time/berlin.js';
import { chromiumLaunch } from '../../playwright.config.js';
import { launchWebShell } from '../support/web-shell.js';
import { connectBackOffice, startDemoServer, waitForSync } from '../e2e/workday/harness.js';

/** The build to measure: `out/` by default; BENCH_UI_OUT names another (e.g. a private build of a branch). */
const BUILD = resolve(process.env.BENCH_UI_OUT ?? 'out');
const LOADS = 5;
const SWITCHES = 30;
const USER = { id: 'u-bench', username: 'bench.vbf', password: 'bench-passwort-lang-genug', displayName: 'Bench VBF' };

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

/** `count` appointments spread evenly over the sync window (14 days back, 27 ahead), every fifth with a note. */
async function seed(server: Awaited<ReturnType<typeof startDemoServer>>, count: number, notes: number): Promise<void> {
  const repository = server.core.repository;
  await repository.accounts.upsert({
    ...USER,
    role: 'counsellor',
    fachdienst: 'AV',
    region: 'RD-Bench',
    passwordHash: await hashPassword(USER.password),
  });
  const today = berlinDate(new Date());
  const days = 41;
  const perDay = Math.ceil(count / days);
  // Evenly over all days, so that every week the benchmark pages to has appointments, in the baseline too.
  const dayOf = (index: number) => Math.floor((index * days) / count);
  const types: AppointmentType[] = ['erstgespraech', 'folgegespraech', 'zwischenkontakt'];
  const channels: Channel[] = ['praesenz', 'video', 'telefon'];
  let written = 0;
  for (let index = 0; index < count; index += 1) {
    const day = addCalendarDays(today, -14 + dayOf(index));
    const slot = index - Math.ceil((dayOf(index) * count) / days);
    const minute = 7 * 60 + Math.floor((slot * 11 * 60) / perDay);
    const start = berlinIso(day, Math.floor(minute / 60), minute % 60);
    const end = berlinIso(day, Math.floor((minute + 30) / 60), (minute + 30) % 60);
    const past = day < today;
    const appointment: Appointment = {
      id: randomUUID(),
      counsellorId: USER.id,
      agencyRegion: 'RD-Bench',
      land: 'NW',
      customer: { customerNumber: `${100 + (index % 800)}A${String(100000 + index).slice(-6)}`, displayName: `Kundin ${index}`, pseudonym: `PS-${index}` },
      type: types[index % types.length]!,
      channel: channels[index % channels.length]!,
      fachdienst: 'AV',
      start,
      end,
      status: past ? 'held' : 'planned',
      registeredOn: null,
      consent: null,
      revision: 0,
      updatedAt: new Date().toISOString(),
    };
    await repository.appointments.put(appointment);
    if (past && written < notes && index % 2 === 0) {
      written += 1;
      const note: NoteVersion = {
        noteId: randomUUID(),
        appointmentId: appointment.id,
        version: 1,
        baseVersion: null,
        content: {
          fields: { anlass: 'Folgegespräch', situation: 'Lage', ziele: 'Ziel', vereinbarungen: 'Schritte', kanal: appointment.channel, dauerMinuten: 30, teilnehmende: ['counsellor', 'customer'] },
          freeText: '',
        },
        healthData: false,
        authorId: USER.id,
        savedAt: end,
        conflictOf: null,
      };
      await repository.notes.append(note);
    }
  }
}

async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('[data-grid-item]').first().waitFor();
  await page.locator('[data-testid="calendar-summary"]').waitFor({ state: 'attached' });
  // Interactive means the whole week as the counsellor needs it: drawn, with the missing notes marked (the
  // calendar sets the loaded range only together with the window's note states).
  await page.waitForFunction(`(() => { const grid = document.querySelector('.calendar-grid'); return grid && grid.dataset.loadedRange; })()`, undefined, { polling: 'raf' });
  return page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))');
}

/**
 * Pages through the weeks inside the page as a counsellor does — three ahead, five back, two ahead, so it stays in
 * the synced window (two weeks back, four ahead) and lands both on weeks seen before and on new ones; each time
 * runs from the click to the painted new week. The script is a string: tsx (esbuild keepNames) would wrap named
 * functions in a `__name` helper the page lacks.
 */
const WEEK_SWITCHES = `async (n) => {
  const grid = document.querySelector('.calendar-grid');
  const ids = () => new Set(Array.from(document.querySelectorAll('[data-grid-item]'), (el) => el.getAttribute('data-grid-item')));
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const before = ids();
    const range = grid.dataset.loadedRange;
    const forward = [true, true, true, false, false, false, false, false, true, true][i % 10];
    const button = document.querySelector(forward ? '[data-testid="calendar-next"]' : '[data-testid="calendar-previous"]');
    const started = performance.now();
    button.click();
    for (;;) {
      await frame();
      const now = ids();
      if (grid.dataset.loadedRange !== range && now.size > 0 && ![...now].some((id) => before.has(id))) break;
      if (performance.now() - started > 10000) throw new Error('week did not switch within 10 s');
    }
    times.push(performance.now() - started);
  }
  return times;
}`;

const weekSwitches = (page: Page, count: number): Promise<number[]> => page.evaluate(`(${WEEK_SWITCHES})(${count})`);

async function scenario(appointments: number, notes: number) {
  const server = await startDemoServer();
  await seed(server, appointments, notes);
  const shell = await launchWebShell({ privateCopyOf: BUILD });
  const client = await connectBackOffice(shell);
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  try {
    await client.call('store.setupPassphrase', { passphrase: 'bench-passphrase-lang-genug' });
    await client.call('sync.signIn', { serverUrl: server.url, username: USER.username, password: USER.password });
    await waitForSync(client, 120_000);
    const today = berlinDate(new Date());
    const cached = (await client.call('appointments.range', { from: addCalendarDays(today, -20), to: addCalendarDays(today, 40) })).items.length;
    console.error(`[bench:ui] ${appointments} Termine: ${cached} im Cache`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const loads: number[] = [];
    for (let run = 0; run < LOADS; run += 1) loads.push(await timeToInteractive(page, shell.url));
    console.error(`[bench:ui] Laden: ${loads.map(Math.round).join(', ')} ms`);
    // No warm-up round: the first visits of each week (read ahead or not yet) count as much as the return visits.
    const switches = await weekSwitches(page, SWITCHES);
    console.error(`[bench:ui] Wochenwechsel: ${switches.map(Math.round).join(', ')} ms`);
    return {
      cachedAppointments: cached,
      interactiveMs: { p50: percentile(loads, 50), p95: percentile(loads, 95) },
      weekSwitchMs: { p50: percentile(switches, 50), p95: percentile(switches, 95) },
    };
  } finally {
    await browser.close();
    client.close();
    await shell.stop();
    await server.dispose();
  }
}

if (!existsSync(join(BUILD, 'main/web-shell.js')) || !existsSync(join(BUILD, 'renderer/index.html'))) {
  console.error('Zuerst „npm run build“ ausführen: der Benchmark startet die gebaute Web-Shell aus out/.');
  process.exit(2);
}
const baseline = await scenario(50, 20);
const loaded = await scenario(5000, 2000);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'ui',
    appointments: 5000,
    notes: 2000,
    ...loaded,
    baseline: { appointments: 50, notes: 20, ...baseline },
    ratio: {
      interactiveP50: ratio(loaded.interactiveMs.p50, baseline.interactiveMs.p50),
      weekSwitchP95: ratio(loaded.weekSwitchMs.p95, baseline.weekSwitchMs.p95),
    },
    targets: { interactiveMs: 1500, weekSwitchP95Ms: 100 },
    meetsTargets: loaded.interactiveMs.p50 <= 1500 && loaded.weekSwitchMs.p95 <= 100,
  }),
);

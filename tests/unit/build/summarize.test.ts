import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** The closing summary of `npm test`, run as run-all.sh runs it, on reports written the way the runners write them. */
const dirs: string[] = [];
function summarize(reports: { checks?: Record<string, 'pass' | 'fail'>; vitest?: unknown; playwright?: unknown; electron?: unknown }) {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  dirs.push(dir);
  for (const [name, result] of Object.entries(reports.checks ?? {})) writeFileSync(join(dir, `check-${name}`), `${result}\n`);
  if (reports.vitest) writeFileSync(join(dir, 'vitest.json'), JSON.stringify(reports.vitest));
  if (reports.playwright) writeFileSync(join(dir, 'playwright-web-shell.json'), JSON.stringify(reports.playwright));
  if (reports.electron) writeFileSync(join(dir, 'playwright-electron.json'), JSON.stringify(reports.electron));
  const run = spawnSync(process.execPath, [resolve('tests/summarize.mjs'), dir], { encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n');
  return { status: run.status, lines, last: lines.at(-1) };
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const vitest = (...suites: unknown[]) => ({ testResults: suites });
const vitestFile = (name: string, tests: { fullName: string; status: string }[], extra = {}) => ({
  name: resolve(name),
  status: tests.some((test) => test.status === 'failed') ? 'failed' : 'passed',
  assertionResults: tests,
  ...extra,
});
const noElectronTests = { suites: [], errors: [] };
const playwright = (specs: unknown[], errors: unknown[] = []) => ({
  suites: [{ title: 'e2e/notes.spec.ts', file: 'e2e/notes.spec.ts', specs: [], suites: [{ title: 'Notizen', specs }] }],
  errors,
});
const spec = (title: string, status: string, annotations: unknown[] = []) => ({
  title,
  file: 'e2e/notes.spec.ts',
  line: 12,
  tests: [{ projectName: 'web-shell', status, annotations }],
});

describe('the closing summary of npm test', () => {
  it('counts everything that passed and exits 0', () => {
    const result = summarize({
      checks: { lint: 'pass', typecheck: 'pass' },
      vitest: vitest(vitestFile('tests/unit/a.test.ts', [{ fullName: 'a works', status: 'passed' }])),
      electron: noElectronTests, playwright: playwright([spec('saves a note', 'expected')]),
    });
    expect(result.last).toBe('4 passed, 0 failed');
    expect(result.status).toBe(0);
  });

  it('names every failed check, test and unloadable file above the closing line', () => {
    const result = summarize({
      checks: { lint: 'fail', build: 'pass' },
      vitest: vitest(
        vitestFile('tests/unit/a.test.ts', [
          { fullName: 'store keeps the key', status: 'failed' },
          { fullName: 'store opens', status: 'passed' },
        ]),
        vitestFile('tests/unit/b.test.ts', [], { status: 'failed', message: "Cannot find module './gone.js'\n  at …" }),
      ),
      electron: noElectronTests, playwright: playwright([spec('saves a note', 'unexpected'), spec('lists notes', 'expected')]),
    });
    expect(result.lines).toContain('  Prüfung fehlgeschlagen: lint');
    expect(result.lines).toContain('  Vitest fehlgeschlagen: tests/unit/a.test.ts › store keeps the key');
    expect(result.lines).toContain("  Vitest-Datei nicht ausführbar: tests/unit/b.test.ts – Cannot find module './gone.js'");
    expect(result.lines).toContain('  Playwright fehlgeschlagen: e2e/notes.spec.ts:12 › [web-shell] Notizen › saves a note');
    expect(result.last).toBe('3 passed, 4 failed');
    expect(result.status).toBe(1);
  });

  it('counts a test that passed only on a retry as failed, and says it was flaky', () => {
    const result = summarize({ vitest: vitest(), electron: noElectronTests, playwright: playwright([spec('joins the call', 'flaky')]) });
    expect(result.lines).toContain('  Playwright instabil (erst in der Wiederholung bestanden): e2e/notes.spec.ts:12 › [web-shell] Notizen › joins the call');
    expect(result.last).toBe('0 passed, 1 failed');
  });

  it('reports skipped tests with their reason and keeps them out of passed and failed', () => {
    const result = summarize({
      vitest: vitest(vitestFile('tests/unit/a.test.ts', [{ fullName: 'later', status: 'skipped' }, { fullName: 'now', status: 'passed' }])),
      playwright: playwright([]),
      electron: {
        suites: [
          {
            title: 'electron/app-shell.spec.ts',
            specs: [
              {
                title: 'starts sandboxed',
                file: 'electron/app-shell.spec.ts',
                line: 3,
                tests: [{ projectName: 'electron', status: 'skipped', annotations: [{ type: 'skip', description: 'Electron binary not available' }] }],
              },
            ],
          },
        ],
      },
    });
    expect(result.lines).toContain('übersprungen: electron/app-shell.spec.ts:3 › [electron] starts sandboxed – Electron binary not available');
    expect(result.last).toBe('1 passed, 0 failed, 2 skipped');
    expect(result.status).toBe(0);
  });

  it('reports a file skipped as a whole in one line, with the count', () => {
    const skippedSpec = (title: string, line: number) => ({
      title,
      file: 'electron/app-shell.spec.ts',
      line,
      tests: [{ projectName: 'electron', status: 'skipped', annotations: [{ type: 'skip', description: 'no binary' }] }],
    });
    const result = summarize({
      vitest: vitest(),
      playwright: playwright([]),
      electron: { suites: [{ title: 'electron/app-shell.spec.ts', specs: [skippedSpec('a', 1), skippedSpec('b', 2)] }] },
    });
    expect(result.lines).toContain('übersprungen: 2 Tests in electron/app-shell.spec.ts – no binary');
    expect(result.last).toBe('0 passed, 0 failed, 2 skipped');
  });

  it('fails when a runner wrote no report, so a crash cannot look like success', () => {
    const result = summarize({ checks: { lint: 'pass' } });
    expect(result.lines).toContain('  Vitest hat keinen Bericht geschrieben');
    expect(result.lines).toContain('  Playwright (web-shell) hat keinen Bericht geschrieben');
    expect(result.lines).toContain('  Playwright (electron) hat keinen Bericht geschrieben');
    expect(result.last).toBe('1 passed, 3 failed');
    expect(result.status).toBe(1);
  });

  it('counts an error outside any test (a broken config, a crashed worker) as a failure', () => {
    const result = summarize({ vitest: vitest(), electron: noElectronTests, playwright: playwright([], [{ message: 'Error: No tests found\nmore' }]) });
    expect(result.lines).toContain('  Playwright: Error: No tests found');
    expect(result.last).toBe('0 passed, 1 failed');
  });
});

// Sums the JSON reports of one `npm test` run into the closing line CI reads, after naming every failed check,
// test and file (a count alone sends the reader back through thousands of lines); exits non-zero on any failure
// or on a runner that produced no report at all (a crash must not look like success). A Playwright test that
// passed only on a retry is flaky and counted as failed: a retry must not turn a failure into a pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
/** Skipped tests by file and reason: a file skipped as a whole (no Electron binary) is one line, not one per test. */
const skips = new Map();

for (const file of readdirSync(dir).filter((name) => name.startsWith('check-')).sort()) {
  if (readFileSync(join(dir, file), 'utf8').trim() === 'pass') passed++;
  else {
    failed++;
    failures.push(`Prüfung fehlgeschlagen: ${file.slice('check-'.length)}`);
  }
}

const vitestFile = join(dir, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  for (const suite of report.testResults) {
    const file = relative(process.cwd(), suite.name);
    // A test file that fails to load has no tests in it, only a failed suite.
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failed++;
      failures.push(`Vitest-Datei nicht ausführbar: ${file} – ${(suite.message ?? '').split('\n')[0]}`);
    }
    for (const test of suite.assertionResults) {
      if (test.status === 'passed') passed++;
      else if (test.status === 'failed') {
        failed++;
        failures.push(`Vitest fehlgeschlagen: ${file} › ${test.fullName}`);
      } else skipped++;
    }
  }
} else {
  failed++;
  failures.push('Vitest hat keinen Bericht geschrieben');
}

// One report per Playwright project, each run on its own (the Electron one under Xvfb where needed).
for (const project of ['web-shell', 'electron']) {
  const playwrightFile = join(dir, `playwright-${project}.json`);
  if (!existsSync(playwrightFile)) {
    failed++;
    failures.push(`Playwright (${project}) hat keinen Bericht geschrieben`);
    continue;
  }
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      const name = [...titles, spec.title].join(' › ');
      for (const test of spec.tests) {
        const where = `${spec.file}:${spec.line} › ${test.projectName ? `[${test.projectName}] ` : ''}${name}`;
        if (test.status === 'expected') passed++;
        else if (test.status === 'skipped') {
          skipped++;
          const reason = (test.annotations ?? []).find((annotation) => annotation.type === 'skip')?.description;
          const key = `${spec.file}\n${reason ?? 'ohne Grund'}`;
          skips.set(key, { file: spec.file, reason: reason ?? 'ohne Grund', tests: [...(skips.get(key)?.tests ?? []), where] });
        } else {
          failed++;
          failures.push(`${test.status === 'flaky' ? 'Playwright instabil (erst in der Wiederholung bestanden)' : 'Playwright fehlgeschlagen'}: ${where}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // The top-level suites are the files; their title is the file name, which `where` already shows.
  for (const file of report.suites ?? []) walk(file, []);
  for (const error of report.errors ?? []) {
    failed++;
    failures.push(`Playwright: ${error.message?.split('\n')[0]}`);
  }
}

for (const { file, reason, tests } of skips.values()) {
  console.log(tests.length === 1 ? `übersprungen: ${tests[0]} – ${reason}` : `übersprungen: ${tests.length} Tests in ${file} – ${reason}`);
}
if (failures.length > 0) console.log(`\nFehlgeschlagen (${failures.length}):`);
for (const line of failures) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

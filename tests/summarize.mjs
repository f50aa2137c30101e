// Sums the JSON reports of one `npm test` run into the closing line CI reads; exits non-zero on any failure
// or on a runner that produced no report at all (a crash must not look like success).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const file of readdirSync(dir).filter((name) => name.startsWith('check-'))) {
  const ok = readFileSync(join(dir, file), 'utf8').trim() === 'pass';
  if (ok) passed++;
  else {
    failed++;
    problems.push(`Prüfung fehlgeschlagen: ${file.slice('check-'.length)}`);
  }
}

const vitestFile = join(dir, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no failed tests in it, only a failed suite.
  const brokenFiles = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
  failed += brokenFiles.length;
  for (const suite of brokenFiles) problems.push(`Vitest-Datei nicht ausführbar: ${suite.name}`);
} else {
  failed++;
  problems.push('Vitest hat keinen Bericht geschrieben');
}

const playwrightFile = join(dir, 'playwright.json');
if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  if (report.errors?.length) {
    failed += report.errors.length;
    for (const error of report.errors) problems.push(`Playwright: ${error.message?.split('\n')[0]}`);
  }
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const annotation of test.annotations ?? []) {
          if (annotation.type === 'skip') console.log(`übersprungen: ${spec.title} – ${annotation.description ?? 'ohne Grund'}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
} else {
  failed++;
  problems.push('Playwright hat keinen Bericht geschrieben');
}

for (const problem of problems) console.log(problem);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

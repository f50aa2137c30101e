/**
 * The verdict rules: a check's status is its worst finding; the overall verdict is
 *   nicht bereit  — any check failed (e.g. open speakers: others overhear the customer),
 *   eingeschränkt — any check warns or could not run although it was wanted,
 *   bereit        — everything that ran is ok.
 * `skipped` checks (not possible in this mode) are listed but do not move the verdict, so the command line can
 * report "bereit" for what it can check and says in each skipped check that the app must do the rest.
 */
import type { CheckResult, CheckStatus, Finding, Verdict } from './report.js';

export function statusFromFindings(findings: readonly Finding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'fail')) return 'fail';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'ok';
}

export function overallVerdict(checks: readonly Pick<CheckResult, 'status'>[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'nicht-bereit';
  if (checks.some((c) => c.status === 'warn' || c.status === 'unavailable')) return 'eingeschraenkt';
  return 'bereit';
}

/** Exit codes of the command-line mode, one per verdict, for fleet roll-out scripts. 3 is "the tool itself failed". */
export const exitCodeOf: Record<Verdict, number> = { bereit: 0, eingeschraenkt: 1, 'nicht-bereit': 2 };
export const EXIT_TOOL_FAILED = 3;

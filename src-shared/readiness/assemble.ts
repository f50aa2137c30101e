/** Building check results and the report from them, the same way in the app and on the command line. */
import { overallVerdict, statusFromFindings } from './verdict.js';
import { ReadinessReport, type CheckId, type CheckResult, type Figure, type Finding, type ReportMode } from './report.js';

export interface Timing {
  readonly startedAt: string;
  readonly durationMs: number;
}

export function completedCheck(id: CheckId, findings: Finding[], figures: Record<string, Figure>, timing: Timing): CheckResult {
  return { id, status: statusFromFindings(findings), figures, findings, ...timing };
}

/** Wanted but impossible (permission, busy device, missing model): counts against readiness and says why. */
export function unavailableCheck(id: CheckId, finding: Finding, timing: Timing): CheckResult {
  return { id, status: 'unavailable', figures: {}, findings: [finding], ...timing };
}

/** Not possible in this mode (camera on the command line): listed, left out of the verdict. */
export function skippedCheck(id: CheckId, finding: Finding, timing: Timing): CheckResult {
  return { id, status: 'skipped', figures: {}, findings: [finding], ...timing };
}

export interface ReportInput {
  readonly id: string;
  readonly createdAt: string;
  readonly mode: ReportMode;
  readonly app: { version: string; platform: string };
  readonly checks: readonly CheckResult[];
}

/** Validated on the way out, so no caller can slip an extra (possibly personal) field into a report. */
export function assembleReport(input: ReportInput): ReadinessReport {
  return ReadinessReport.parse({ schemaVersion: 1, ...input, verdict: overallVerdict(input.checks), checks: [...input.checks] });
}

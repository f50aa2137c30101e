/**
 * Many laptops' reports joined into one table for IT support (`readiness summarize <folder>`): per laptop its
 * newest report's verdict, the checks that did not pass, and the versions. Only what the reports hold — device
 * figures, never a person or a customer — so the table can go round the IT team.
 */
import { CHECK_TITLES, describeFinding, formatTimestamp, VERDICT_LABELS, type ReportLanguage } from './messages.js';
import type { CheckId, CheckStatus, Finding, ReadinessReport, Verdict } from './report.js';

export interface FleetProblem {
  readonly check: CheckId;
  readonly status: CheckStatus;
  /** The first finding that is not a mere note: the reason, with its evidence. */
  readonly finding: Finding;
}

export interface FleetRow {
  /** The laptop's host name from the hardware check; null where the report has none. */
  readonly host: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly appVersion: string;
  readonly platform: string;
  readonly mode: ReadinessReport['mode'];
  readonly createdAt: string;
  readonly verdict: Verdict;
  readonly problems: readonly FleetProblem[];
  /** Reports of this laptop in the folder; the row shows the newest. */
  readonly reports: number;
  readonly file: string;
}

export interface FleetSummary {
  readonly rows: readonly FleetRow[];
  readonly verdicts: Record<Verdict, number>;
  /** Files that are not readiness reports (or not valid ones), with the reason, so nothing is silently dropped. */
  readonly skipped: readonly { file: string; reason: string }[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const VERDICT_ORDER: Record<Verdict, number> = { 'nicht-bereit': 0, eingeschraenkt: 1, bereit: 2 };

export function summarizeFleet(reports: readonly { file: string; report: ReadinessReport }[], skipped: FleetSummary['skipped'] = []): FleetSummary {
  const byHost = new Map<string, { file: string; report: ReadinessReport; count: number }>();
  for (const entry of reports) {
    const hardware = entry.report.checks.find((c) => c.id === 'hardware');
    const key = text(hardware?.figures.hostname)?.toLowerCase() ?? `report:${entry.report.id}`;
    const seen = byHost.get(key);
    const newer = !seen || Date.parse(entry.report.createdAt) > Date.parse(seen.report.createdAt);
    byHost.set(key, { ...(newer ? entry : (seen as { file: string; report: ReadinessReport })), count: (seen?.count ?? 0) + 1 });
  }
  const rows = [...byHost.values()].map(({ file, report, count }): FleetRow => {
    const hardware = report.checks.find((c) => c.id === 'hardware');
    return {
      host: text(hardware?.figures.hostname),
      model: text(hardware?.figures.model),
      os: text(hardware?.figures.os),
      appVersion: report.app.version,
      platform: report.app.platform,
      mode: report.mode,
      createdAt: report.createdAt,
      verdict: report.verdict,
      problems: report.checks
        .filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'unavailable')
        .flatMap((c) => {
          const finding = c.findings.find((f) => f.severity !== 'info') ?? c.findings[0];
          return finding ? [{ check: c.id, status: c.status, finding }] : [];
        }),
      reports: count,
      file,
    };
  });
  // Worst first: the laptops that need IT support's attention head the table.
  rows.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || (a.host ?? '').localeCompare(b.host ?? ''));
  const verdicts: Record<Verdict, number> = { bereit: 0, eingeschraenkt: 0, 'nicht-bereit': 0 };
  for (const row of rows) verdicts[row.verdict]++;
  return { rows, verdicts, skipped };
}

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const TEXT = {
  de: {
    title: 'Geräteprüfung: Übersicht',
    counts: (n: number, r: number) => `${n} Geräte aus ${r} Berichten`,
    head: ['Gerät', 'Ergebnis', 'Nicht bestanden', 'App-Version', 'System', 'Geprüft', 'Datei'],
    none: 'alle bestanden',
    unknownHost: 'ohne Hardwareprüfung',
    skipped: 'Nicht aufgenommene Dateien',
  },
  en: {
    title: 'Device check: overview',
    counts: (n: number, r: number) => `${n} devices from ${r} reports`,
    head: ['Device', 'Result', 'Not passed', 'App version', 'System', 'Checked', 'File'],
    none: 'all passed',
    unknownHost: 'no hardware check',
    skipped: 'Files not included',
  },
} as const;

/** A self-contained page (no scripts), like the single report's (html.ts). */
export function renderFleetHtml(summary: FleetSummary, language: ReportLanguage = 'de'): string {
  const t = TEXT[language];
  const total = summary.rows.reduce((n, r) => n + r.reports, 0);
  const rows = summary.rows
    .map((r) => {
      const problems = r.problems.length
        ? `<ul>${r.problems.map((p) => `<li class="${escapeHtml(p.status)}">${escapeHtml(CHECK_TITLES[p.check][language])}: ${escapeHtml(describeFinding(p.finding, language).text)}</li>`).join('')}</ul>`
        : escapeHtml(t.none);
      return `<tr><th scope="row">${escapeHtml(r.host ?? t.unknownHost)}${r.model ? `<br><small>${escapeHtml(r.model)}</small>` : ''}</th><td class="${escapeHtml(r.verdict)}">${escapeHtml(VERDICT_LABELS[r.verdict][language])}</td><td>${problems}</td><td>${escapeHtml(r.appVersion)}</td><td>${escapeHtml(r.os ?? r.platform)}</td><td>${escapeHtml(formatTimestamp(r.createdAt, language))}</td><td>${escapeHtml(r.file)}</td></tr>`;
    })
    .join('\n');
  const counts = (Object.keys(summary.verdicts) as Verdict[]).map((v) => `${escapeHtml(VERDICT_LABELS[v][language])}: ${summary.verdicts[v]}`).join(' · ');
  const skipped = summary.skipped.length ? `<h2>${escapeHtml(t.skipped)}</h2><ul>${summary.skipped.map((s) => `<li>${escapeHtml(s.file)}: ${escapeHtml(s.reason)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top;font-weight:normal}
thead th{font-weight:bold;background:#eee}ul{margin:0;padding-left:1.1rem}.bereit{color:#0a6b2d}.eingeschraenkt,.warn,.unavailable{color:#8a5300}.nicht-bereit,.fail{color:#a4161a}
@media print{body{margin:1cm}tr{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.counts(summary.rows.length, total))} — ${counts}</p>
<table><thead><tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${skipped}
</body></html>
`;
}

/**
 * The report as a self-contained, printable HTML page (no scripts, inline styles only), for IT support's files
 * and for "Drucken → Als PDF speichern". Every value is escaped: device labels come from drivers.
 */
import { CHECK_TITLES, describeFinding, formatFigure, formatTimestamp, VERDICT_LABELS, type ReportLanguage } from './messages.js';
import type { CheckStatus, ReadinessReport } from './report.js';

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STATUS_LABELS: Record<CheckStatus, Record<ReportLanguage, string>> = {
  ok: { de: 'in Ordnung', en: 'fine' },
  warn: { de: 'Hinweis', en: 'warning' },
  fail: { de: 'nicht erfüllt', en: 'failed' },
  unavailable: { de: 'nicht prüfbar', en: 'could not run' },
  skipped: { de: 'nicht Teil dieser Prüfung', en: 'not part of this run' },
};

const TEXT = {
  de: { title: 'Geräteprüfung', verdict: 'Ergebnis', created: 'Erstellt', mode: 'Art', modes: { app: 'in der App', cli: 'Kommandozeile (IT-Service)' }, version: 'Version', figures: 'Messwerte', hint: 'Was tun' },
  en: { title: 'Device check', verdict: 'Result', created: 'Created', mode: 'Mode', modes: { app: 'in the app', cli: 'command line (IT support)' }, version: 'Version', figures: 'Figures', hint: 'What to do' },
} as const;

export function renderReportHtml(report: ReadinessReport, language: ReportLanguage = 'de'): string {
  const t = TEXT[language];
  const checks = report.checks
    .map((check) => {
      const findings = check.findings
        .map((finding) => {
          const { text, hint } = describeFinding(finding, language);
          return `<li class="${escapeHtml(finding.severity)}">${escapeHtml(text)}${hint ? `<br><span class="hint">${escapeHtml(t.hint)}: ${escapeHtml(hint)}</span>` : ''}</li>`;
        })
        .join('');
      const figures = Object.entries(check.figures)
        .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(formatFigure(value, language))}</td></tr>`)
        .join('');
      return `<section><h2>${escapeHtml(CHECK_TITLES[check.id][language])} — <span class="${escapeHtml(check.status)}">${escapeHtml(STATUS_LABELS[check.status][language])}</span></h2><ul>${findings}</ul>${
        figures ? `<table aria-label="${escapeHtml(t.figures)}">${figures}</table>` : ''
      }</section>`;
    })
    .join('');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}h1{margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.2rem 0 .3rem}
.verdict{font-size:1.3rem;font-weight:bold}.ok,.bereit{color:#0a6b2d}.warn,.eingeschraenkt,.unavailable{color:#8a5300}.fail,.nicht-bereit{color:#a4161a}
.hint{color:#333}table{border-collapse:collapse;margin:.3rem 0}th,td{border:1px solid #bbb;padding:.15rem .5rem;text-align:left;font-weight:normal}
@media print{body{margin:1cm}section{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(t.title)}</h1>
<p class="verdict">${escapeHtml(t.verdict)}: <span class="${escapeHtml(report.verdict)}">${escapeHtml(VERDICT_LABELS[report.verdict][language])}</span></p>
<p>${escapeHtml(t.created)}: ${escapeHtml(formatTimestamp(report.createdAt, language))} (<time datetime="${escapeHtml(report.createdAt)}">${escapeHtml(report.createdAt)}</time>) · ${escapeHtml(t.mode)}: ${escapeHtml(t.modes[report.mode])} · ${escapeHtml(t.version)}: ${escapeHtml(report.app.version)} (${escapeHtml(report.app.platform)})</p>
${checks}
</body></html>
`;
}

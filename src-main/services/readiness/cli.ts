/**
 * Command-line mode for IT support: `npm run readiness -- --out report.json [--html report.html]
 * [--turn turn:host:3478?transport=udp …] [--server https://host] [--lang en]`. Runs the automatic checks
 * (hardware, headset endpoints on Windows and macOS, TURN reachability, the server's health endpoint), writes the JSON report and exits with one code per verdict, for fleet roll-outs:
 *   0 bereit · 1 eingeschränkt · 2 nicht bereit · 3 the tool itself failed (bad arguments, unwritable file).
 * Camera, microphone, background and relay throughput need the app and are listed as not part of this run.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:process';
import { parseArgs } from 'node:util';
import { assembleReport, skippedCheck } from '../../../src-shared/readiness/assemble.js';
import { renderReportHtml } from '../../../src-shared/readiness/html.js';
import { CHECK_TITLES, describeFinding, VERDICT_LABELS, type ReportLanguage } from '../../../src-shared/readiness/messages.js';
import type { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { EXIT_TOOL_FAILED, exitCodeOf } from '../../../src-shared/readiness/verdict.js';
import { appVersion } from '../app-version.js';
import { hardwareCheck, platformHeadsetCheck, turnReachabilityCheck } from './automatic-checks.js';
import { turnUrlsFromEnv } from './turn-config.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions {
  readonly out: string;
  readonly html: string | null;
  readonly turnUrls: string[];
  /** The Beratungsraum server whose /api/v1/health is probed; null skips it. */
  readonly serverUrl: string | null;
  readonly language: ReportLanguage;
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, html: { type: 'string' }, turn: { type: 'string', multiple: true }, server: { type: 'string' }, lang: { type: 'string', default: 'de' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nAufruf: npm run readiness -- --out bericht.json [--html bericht.html] [--turn turn:host:3478] [--server https://host] [--lang de|en]`);
  }
  if (!values.out) throw new UsageError('Bitte mit --out angeben, wohin der JSON-Bericht geschrieben wird, z. B. --out bericht.json.');
  if (values.lang !== 'de' && values.lang !== 'en') throw new UsageError(`--lang kennt nur de und en, nicht „${values.lang}“.`);
  return {
    out: values.out,
    html: values.html ?? null,
    turnUrls: values.turn?.length ? values.turn : turnUrlsFromEnv(env),
    serverUrl: values.server ?? env.BERATUNGSRAUM_SERVER_URL ?? null,
    language: values.lang,
  };
}

export async function runAutomaticChecks(options: Pick<CliOptions, 'turnUrls'> & Partial<Pick<CliOptions, 'serverUrl'>>): Promise<ReadinessReport> {
  const now = new Date().toISOString();
  const appOnly = (id: 'camera' | 'microphone' | 'background') => skippedCheck(id, { code: 'check.app-only', severity: 'info', params: {} }, { startedAt: now, durationMs: 0 });
  const [hardware, headset, network] = await Promise.all([hardwareCheck(), platformHeadsetCheck(), turnReachabilityCheck(options.turnUrls, undefined, options.serverUrl ?? null)]);
  return assembleReport({
    id: randomUUID(),
    createdAt: now,
    mode: 'cli',
    app: { version: appVersion(), platform: `${platform}-${arch}` },
    checks: [headset, appOnly('microphone'), appOnly('camera'), appOnly('background'), network, hardware],
  });
}

export function summary(report: ReadinessReport, language: ReportLanguage): string {
  const lines = [`${language === 'de' ? 'Ergebnis' : 'Result'}: ${VERDICT_LABELS[report.verdict][language]}`];
  for (const check of report.checks) {
    for (const finding of check.findings) {
      const { text, hint } = describeFinding(finding, language);
      lines.push(`  ${CHECK_TITLES[check.id][language]} [${check.status}]: ${text}${hint ? ` → ${hint}` : ''}`);
    }
  }
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return EXIT_TOOL_FAILED;
  }
  try {
    const report = await runAutomaticChecks(options);
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    if (options.html) await writeFile(options.html, renderReportHtml(report, options.language));
    console.log(summary(report, options.language));
    return exitCodeOf[report.verdict];
  } catch (error) {
    console.error(`Geräteprüfung fehlgeschlagen: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_TOOL_FAILED;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}

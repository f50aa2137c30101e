/**
 * Command-line mode for IT support, for fleet roll-outs:
 *
 *   readiness --out report.json [--html report.html] [--turn turn:host:3478?transport=udp …] [--server https://host]
 *             [--ca agency-ca.pem] [--lang en]
 *   readiness summarize <folder> [--html fleet.html] [--lang en]
 *
 * run as `npm run readiness -- …` from a checkout, as `Beratungsraum --readiness …` from the installed app, or as
 * `node beratungsraum-readiness.mjs …` (the standalone bundle, system Node). The check runs the automatic checks
 * (hardware, headset endpoints on Windows and macOS, TURN reachability, the server's health endpoint), writes the
 * JSON report and exits with one code per verdict:
 *   0 bereit · 1 eingeschränkt · 2 nicht bereit · 3 the tool itself failed (bad arguments, unwritable file).
 * Camera, microphone, background and relay throughput need the app and are listed as not part of this run.
 * `summarize` joins the reports of many laptops into one table (exit 0, or 3 when it cannot).
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { arch, platform } from 'node:process';
import { parseArgs } from 'node:util';
import { assembleReport, skippedCheck } from '../../../src-shared/readiness/assemble.js';
import { renderFleetHtml, summarizeFleet, type FleetSummary } from '../../../src-shared/readiness/fleet.js';
import { renderReportHtml } from '../../../src-shared/readiness/html.js';
import { CHECK_TITLES, describeFinding, VERDICT_LABELS, type ReportLanguage } from '../../../src-shared/readiness/messages.js';
import { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { reportTimestamp } from '../../../src-shared/readiness/timestamp.js';
import { EXIT_TOOL_FAILED, exitCodeOf } from '../../../src-shared/readiness/verdict.js';
import { appVersion } from '../app-version.js';
import { hardwareCheck, platformHeadsetCheck, turnReachabilityCheck } from './automatic-checks.js';
import { probeTargets } from '../../../src-shared/readiness/turn-url.js';
import { DEFAULT_PROBES } from './stun-probe.js';
import { turnUrlsFromEnv } from './turn-config.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const USAGE = [
  'Aufruf: readiness --out bericht.json [--html bericht.html] [--turn turn:host:3478] [--server https://host] [--ca ca.pem] [--lang de|en]',
  '        readiness summarize <ordner> [--html uebersicht.html] [--lang de|en]',
].join('\n');

export interface CliOptions {
  readonly out: string;
  readonly html: string | null;
  readonly turnUrls: string[];
  /** The Beratungsraum server whose /api/v1/health is probed; null skips it. */
  readonly serverUrl: string | null;
  /** PEM files of CAs trusted for `turns:` besides Node's own (an agency's internal CA). */
  readonly caFiles: string[];
  readonly language: ReportLanguage;
}

/** parseArgs' own complaint (unknown option, missing value) with the usage below it. */
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function language(value: unknown): ReportLanguage {
  if (value !== 'de' && value !== 'en') throw new UsageError(`--lang kennt nur de und en, nicht „${String(value)}“.`);
  return value;
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = asUsage(() =>
    parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        html: { type: 'string' },
        turn: { type: 'string', multiple: true },
        server: { type: 'string' },
        ca: { type: 'string', multiple: true },
        lang: { type: 'string', default: 'de' },
      },
      strict: true,
    }),
  );
  if (!values.out) throw new UsageError('Bitte mit --out angeben, wohin der JSON-Bericht geschrieben wird, z. B. --out bericht.json.');
  const turnUrls = values.turn?.length ? values.turn : turnUrlsFromEnv(env);
  // Checked before anything runs, so a typo costs no waiting and writes no half report.
  probeTargets(turnUrls);
  return {
    out: values.out,
    html: values.html ?? null,
    turnUrls,
    serverUrl: values.server ?? env.BERATUNGSRAUM_SERVER_URL ?? null,
    caFiles: values.ca ?? [],
    language: language(values.lang),
  };
}

export interface AutomaticCheckOptions {
  readonly turnUrls: readonly string[];
  readonly serverUrl?: string | null;
  readonly extraCa?: readonly string[];
}

export async function runAutomaticChecks(options: AutomaticCheckOptions): Promise<ReadinessReport> {
  const now = reportTimestamp();
  const appOnly = (id: 'camera' | 'microphone' | 'background') => skippedCheck(id, { code: 'check.app-only', severity: 'info', params: {} }, { startedAt: now, durationMs: 0 });
  // The inventory (systeminformation, PowerShell, system_profiler) first, the probes after it: probes that share
  // the process with it measure its work, not the network.
  const [hardware, headset] = await Promise.all([hardwareCheck(), platformHeadsetCheck()]);
  const network = await turnReachabilityCheck(options.turnUrls, { ...DEFAULT_PROBES, extraCa: options.extraCa ?? [] }, options.serverUrl ?? null);
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

async function runCheck(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  const extraCa = await Promise.all(
    options.caFiles.map((file) =>
      readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`Die Zertifikatsdatei „${file}“ ließ sich nicht lesen (${error.code ?? 'Fehler'}).`);
      }),
    ),
  );
  const report = await runAutomaticChecks({ ...options, extraCa });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  if (options.html) await writeFile(options.html, renderReportHtml(report, options.language));
  console.log(summary(report, options.language));
  return exitCodeOf[report.verdict];
}

/** Every *.json below the folder (IT support collects them from a share, often one subfolder per site). */
export async function readFleetFolder(folder: string): Promise<FleetSummary> {
  let names: string[];
  try {
    names = (await readdir(folder, { recursive: true })).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    throw new UsageError(`Der Ordner „${folder}“ ließ sich nicht lesen (${(error as NodeJS.ErrnoException).code ?? 'Fehler'}).`);
  }
  const reports: { file: string; report: ReadinessReport }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const name of names) {
    const file = relative(folder, join(folder, name));
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(folder, name), 'utf8'));
    } catch {
      skipped.push({ file, reason: 'kein gültiges JSON' });
      continue;
    }
    const parsed = ReadinessReport.safeParse(json);
    if (parsed.success) reports.push({ file, report: parsed.data });
    else skipped.push({ file, reason: 'kein Bericht der Geräteprüfung (oder aus einer anderen Version)' });
  }
  return summarizeFleet(reports, skipped);
}

async function runSummarize(argv: readonly string[]): Promise<number> {
  const { values, positionals } = asUsage(() =>
    parseArgs({ args: [...argv], options: { html: { type: 'string' }, lang: { type: 'string', default: 'de' } }, strict: true, allowPositionals: true }),
  );
  const lang = language(values.lang);
  if (positionals.length !== 1) throw new UsageError(`Bitte genau einen Ordner mit Berichten angeben.\n${USAGE}`);
  const fleet = await readFleetFolder(positionals[0] as string);
  if (fleet.rows.length === 0) throw new UsageError(`Im Ordner „${positionals[0]}“ liegt kein Bericht der Geräteprüfung.`);
  if (values.html) await writeFile(values.html, renderFleetHtml(fleet, lang));
  const de = lang === 'de';
  console.log(
    `${fleet.rows.length} ${de ? 'Geräte' : 'devices'}: ` +
      (Object.keys(fleet.verdicts) as (keyof typeof fleet.verdicts)[]).map((v) => `${fleet.verdicts[v]} ${VERDICT_LABELS[v][lang]}`).join(', ') +
      (fleet.skipped.length ? ` (${fleet.skipped.length} ${de ? 'Dateien nicht aufgenommen' : 'files not included'})` : ''),
  );
  for (const row of fleet.rows) {
    const problems = row.problems.map((p) => CHECK_TITLES[p.check][lang]).join(', ');
    console.log(`  ${row.host ?? row.file}: ${VERDICT_LABELS[row.verdict][lang]}${problems ? ` (${problems})` : ''} · ${row.appVersion}`);
  }
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    return argv[0] === 'summarize' ? await runSummarize(argv.slice(1)) : await runCheck(argv);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'InvalidTurnUrlError')) console.error(error.message);
    else console.error(`Geräteprüfung fehlgeschlagen: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_TOOL_FAILED;
  }
}

/**
 * The installed app's flag: `Beratungsraum --readiness --out C:\Temp\bericht.json` (or `--readiness summarize …`)
 * runs this CLI headless and exits with its code. Returns the CLI's arguments, or null without the flag.
 */
export function readinessAppArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--readiness');
  return at < 0 ? null : argv.slice(at + 1);
}

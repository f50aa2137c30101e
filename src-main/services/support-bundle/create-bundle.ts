/**
 * The support bundle: one zip for IT support with the logs, the versions, the policy in force and the last
 * device-readiness report — and no customer data.
 *
 * Why it holds none: the logs were redacted when written (logging/redact.ts), and every line is redacted again
 * here, so a line written by an older version or by a process that did not know the customer's values is still
 * covered; the settings hold addresses and numbers, never people; the readiness report's schema admits only
 * device figures (src-shared/readiness/report.ts), and its text passes the same scrubber. The host name and
 * the user's name are left out (the home folder becomes `~`). The manifest says what is in the zip and what is
 * absent, with a SHA-256 of each file, so IT can tell a complete bundle from a damaged one.
 *
 * fflate builds the zip in memory: a bundle is a few megabytes at most (five rotated 5 MiB logs), and a
 * synchronous, dependency-free zipper keeps this usable from the command line without Electron.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem, type as osType } from 'node:os';
import { basename, dirname } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ReadinessReport } from '../../../src-shared/readiness/report.js';
import type { EffectiveSettings } from '../../../src-shared/policy/settings.js';
import type { Redactor } from '../logging/redact.js';

export const BUNDLE_SCHEMA_VERSION = 1;

export type ReadinessSource =
  | { readonly state: 'present'; readonly report: ReadinessReport }
  | { readonly state: 'absent'; readonly reason: string };

export interface BundleInputs {
  readonly appVersion: string;
  readonly shell: 'electron' | 'web' | 'cli';
  readonly runtime: { readonly electron: string | null; readonly chrome: string | null };
  readonly settings: EffectiveSettings;
  readonly logFiles: readonly string[];
  readonly readiness: ReadinessSource;
  readonly redactor: Redactor;
  readonly now?: () => Date;
}

export interface BundleManifest {
  schemaVersion: number;
  createdAt: string;
  statement: string;
  app: { name: string; version: string; shell: string };
  versions: Record<string, string | null>;
  system: { platform: string; arch: string; osType: string; osRelease: string; cpuCount: number; memoryMiB: number };
  policy: { state: EffectiveSettings['policy']['state']; sources: string[] };
  readinessReport: { state: 'included' | 'absent'; reason: string | null };
  logs: { files: number; lines: number; unparsedLines: number };
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

const STATEMENT =
  'Dieses Paket enthält keine Kundendaten: Protokolle wurden beim Schreiben und beim Export bereinigt, ' +
  'Einstellungen und Geräteprüfung enthalten nur technische Werte. Rechnername und Benutzername sind nicht enthalten.';

/** Each log line once more through the redactor; lines that are not JSON are scrubbed as text. */
function redactLogText(text: string, redactor: Redactor): { text: string; lines: number; unparsed: number } {
  let lines = 0;
  let unparsed = 0;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    try {
      const record = JSON.parse(line) as unknown;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not a record');
      out.push(JSON.stringify(redactor.scrubRecord(record as Record<string, unknown>)));
    } catch {
      unparsed++;
      out.push(JSON.stringify({ msg: redactor.scrubText(line) }));
    }
  }
  return { text: out.length ? `${out.join('\n')}\n` : '', lines, unparsed };
}

// Timestamps and ids of the report are technical by schema; the digit rule would otherwise blank them.
const TECHNICAL_VALUE = /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** String values of the readiness report pass the scrubber too (its schema already forbids free text). */
function redactDeep(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return TECHNICAL_VALUE.test(value) ? value : redactor.scrubText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redactor)]));
  }
  return value;
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

export async function buildSupportBundle(inputs: BundleInputs): Promise<{ zip: Uint8Array; manifest: BundleManifest }> {
  const now = (inputs.now ?? (() => new Date()))();
  const entries: Record<string, Uint8Array> = {};

  const versions: Record<string, string | null> = {
    app: inputs.appVersion,
    node: process.versions.node,
    v8: process.versions.v8,
    electron: inputs.runtime.electron,
    chrome: inputs.runtime.chrome,
  };
  entries['versions.json'] = json(versions);
  entries['policy.json'] = json(inputs.settings);

  let lines = 0;
  let unparsedLines = 0;
  for (const file of inputs.logFiles) {
    const redacted = redactLogText(await readFile(file, 'utf8'), inputs.redactor);
    lines += redacted.lines;
    unparsedLines += redacted.unparsed;
    entries[`logs/${basename(file)}`] = strToU8(redacted.text);
  }

  if (inputs.readiness.state === 'present') entries['readiness-report.json'] = json(redactDeep(inputs.readiness.report, inputs.redactor));

  const files = Object.entries(entries).map(([path, data]) => ({
    path,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  }));
  const manifest: BundleManifest = {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    statement: STATEMENT,
    app: { name: 'Beratungsraum', version: inputs.appVersion, shell: inputs.shell },
    versions,
    system: {
      platform: platform(),
      arch: arch(),
      osType: osType(),
      osRelease: release(),
      cpuCount: cpus().length,
      memoryMiB: Math.round(totalmem() / 1024 / 1024),
    },
    policy: { state: inputs.settings.policy.state, sources: inputs.settings.policy.sources.map((s) => `${s.kind}:${s.state}`) },
    readinessReport:
      inputs.readiness.state === 'present'
        ? { state: 'included', reason: null }
        : { state: 'absent', reason: inputs.readiness.reason },
    logs: { files: inputs.logFiles.length, lines, unparsedLines },
    files,
  };

  const zippable: Zippable = { 'manifest.json': json(manifest) };
  for (const [path, data] of Object.entries(entries)) zippable[path] = data;
  // Fixed modification time per bundle; level 6 is zlib's default trade-off.
  return { zip: zipSync(zippable, { level: 6, mtime: now }), manifest };
}

/** Writes the zip next to its final name first, so IT never picks up half a file. */
export async function writeSupportBundle(outFile: string, inputs: BundleInputs): Promise<{ bytes: number; manifest: BundleManifest }> {
  const { zip, manifest } = await buildSupportBundle(inputs);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(`${outFile}.part`, zip);
  await rename(`${outFile}.part`, outFile);
  return { bytes: zip.byteLength, manifest };
}

export const bundleFileName = (now: Date): string =>
  `Beratungsraum-Support-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.zip`;

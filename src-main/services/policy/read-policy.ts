/**
 * Reads the machine-wide policy from every source of this platform and validates it with the shared schema.
 *
 * Sources: Windows — the Group Policy registry key and `%ProgramData%\Beratungsraum\policy.json` (registry
 * values win where both set a key, as Group Policy is the usual tool); Linux — `/etc/beratungsraum/policy.json`;
 * macOS — `/Library/Application Support/Beratungsraum/policy.json`. `BERATUNGSRAUM_POLICY_FILE` replaces the
 * file path (tests, and installations that keep it elsewhere). A source that exists but cannot be read or
 * validated makes the whole policy invalid: a half-applied policy would be harder to reason about than none.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type z } from 'zod';
import {
  PolicyDocument,
  type PolicyReading,
  type PolicySourceReport,
} from '../../../src-shared/policy/settings.js';
import { queryRegistry, REGISTRY_KEY, registryToDocument, type RegQueryRunner } from './registry.js';

export const POLICY_FILE_ENV = 'BERATUNGSRAUM_POLICY_FILE';
/** A policy is a handful of values; anything larger is not one. */
const MAX_POLICY_BYTES = 64 * 1024;

export interface PolicySources {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** Windows only; replaced in tests by a runner that returns captured reg.exe output. */
  readonly regQuery?: RegQueryRunner;
}

export function policyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const override = env[POLICY_FILE_ENV];
  if (override) return override;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Beratungsraum', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Beratungsraum/policy.json';
  return '/etc/beratungsraum/policy.json';
}

/** Zod issues as German lines: the path and what is expected, never the value (it could be anything). */
const describeIssues = (error: z.ZodError): string[] =>
  error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(Datei)';
    if (issue.code === 'unrecognized_keys') return `Unbekannte Einstellung(en): ${issue.keys.join(', ')} – bitte Schreibweise prüfen.`;
    return `${path}: ${issue.message}`;
  });

interface SourceOutcome {
  report: PolicySourceReport;
  document: PolicyDocument | null;
}

async function readPolicyFile(path: string, platform: NodeJS.Platform): Promise<SourceOutcome> {
  const invalid = (problems: string[]): SourceOutcome => ({ report: { kind: 'file', location: path, state: 'invalid', problems }, document: null });
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return invalid(['Der Pfad ist keine Datei.']);
    if (info.size > MAX_POLICY_BYTES) return invalid([`Die Datei ist größer als ${MAX_POLICY_BYTES / 1024} KiB.`]);
    // A policy that any local user can rewrite is no policy: refuse group/world-writable files on POSIX.
    if (platform !== 'win32' && (info.mode & 0o022) !== 0) {
      return invalid(['Die Datei ist für andere Benutzer beschreibbar – nur Administratoren dürfen sie ändern (chmod 644).']);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { report: { kind: 'file', location: path, state: 'absent', problems: [] }, document: null };
    return invalid([`Die Datei konnte nicht gelesen werden (${code ?? 'Fehler'}).`]);
  }
  let json: unknown;
  try {
    // Tools on Windows like to write a byte-order mark; JSON.parse does not accept one.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return invalid(['Die Datei ist kein gültiges JSON.']);
  }
  const parsed = PolicyDocument.safeParse(json);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  return { report: { kind: 'file', location: path, state: 'valid', problems: [] }, document: parsed.data };
}

async function readRegistryPolicy(run: RegQueryRunner | undefined): Promise<SourceOutcome> {
  const location = REGISTRY_KEY;
  const query = await queryRegistry(run);
  if (query.state === 'absent') return { report: { kind: 'registry', location, state: 'absent', problems: [] }, document: null };
  if (query.state === 'failed') return { report: { kind: 'registry', location, state: 'invalid', problems: [query.problem] }, document: null };
  const { document, problems } = registryToDocument(query.values);
  const parsed = PolicyDocument.safeParse(document);
  const all = [...problems, ...(parsed.success ? [] : describeIssues(parsed.error))];
  if (all.length > 0) return { report: { kind: 'registry', location, state: 'invalid', problems: all }, document: null };
  return { report: { kind: 'registry', location, state: 'valid', problems: [] }, document: parsed.data ?? null };
}

export async function readPolicy(sources: PolicySources, now: () => Date = () => new Date()): Promise<PolicyReading> {
  const outcomes: SourceOutcome[] = [];
  if (sources.platform === 'win32') outcomes.push(await readRegistryPolicy(sources.regQuery));
  outcomes.push(await readPolicyFile(policyFilePath(sources.platform, sources.env), sources.platform));

  const reports = outcomes.map((outcome) => outcome.report);
  const readAt = now().toISOString();
  if (reports.some((report) => report.state === 'invalid')) return { state: 'invalid', document: null, sources: reports, readAt };
  const found = outcomes.filter((outcome) => outcome.document !== null);
  if (found.length === 0) return { state: 'absent', document: null, sources: reports, readAt };
  // Registry first in `outcomes`, so merge file first and let the registry override it.
  const document = [...found].reverse().reduce<PolicyDocument>((merged, outcome) => ({ ...merged, ...outcome.document }), {});
  return { state: 'valid', document, sources: reports, readAt };
}

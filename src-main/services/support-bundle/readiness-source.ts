/**
 * Where the support bundle finds the last device-readiness report: from the running app (the readiness
 * service's latest report, passed in by the composition root) or, on the command line, from a JSON file
 * written by the readiness CLI. Either way it is validated with the report's schema before it is included.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReadinessReport } from '../../../src-shared/readiness/report.js';
import type { ReadinessSource } from './create-bundle.js';

/** The file the CLI looks at when none is named: `<dataDir>/readiness/last-report.json`. */
export const defaultReadinessReportFile = (dataDir: string): string => join(dataDir, 'readiness', 'last-report.json');

export function readinessFromValue(value: unknown): ReadinessSource {
  if (value === null || value === undefined) {
    return { state: 'absent', reason: 'Kein Prüfbericht vorhanden: Es wurde noch keine Geräteprüfung gespeichert, oder der lokale Speicher ist gesperrt.' };
  }
  const parsed = ReadinessReport.safeParse(value);
  if (!parsed.success) return { state: 'absent', reason: 'Der letzte Prüfbericht entspricht nicht dem erwarteten Format und wurde nicht aufgenommen.' };
  return { state: 'present', report: parsed.data };
}

export async function readinessFromFile(path: string): Promise<ReadinessSource> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return readinessFromValue(null);
    return { state: 'absent', reason: `Der Prüfbericht konnte nicht gelesen werden (${(error as NodeJS.ErrnoException).code ?? 'Fehler'}).` };
  }
  try {
    return readinessFromValue(JSON.parse(text));
  } catch {
    return { state: 'absent', reason: 'Der Prüfbericht ist kein gültiges JSON und wurde nicht aufgenommen.' };
  }
}

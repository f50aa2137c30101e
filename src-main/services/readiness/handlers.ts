/**
 * The contract's readiness methods. Reports go into the encrypted store (device_check_reports) when it is
 * unlocked; before set-up or while locked — IT support checks laptops before anyone signs in — they are kept in
 * memory for this run and the reply says so, so the view can tell the user.
 */
import type { readinessMethods } from '../../../src-shared/ipc/features/readiness.js';
import { ReadinessReport } from '../../../src-shared/readiness/report.js';
import type { Handlers } from '../../ipc/router.js';
import type { LocalData } from '../store/local-data.js';
import { hardwareCheck } from './automatic-checks.js';
import { probeServer } from './server-health.js';
import { fetchTurnTarget, type ReadinessSession } from './turn-grant.js';
import { queryAudioEndpoints } from './platform-endpoints.js';

type ReadinessHandlers = Pick<Handlers, keyof typeof readinessMethods>;

export interface ReadinessDeps {
  /** The store, or null where there is none (tests of the handlers alone). */
  readonly localData: Pick<LocalData, 'status' | 'use'> | null;
  /** The sync engine's signed-in session (server URL and bearer token), or null when signed out. */
  readonly serverSession: () => ReadinessSession | null;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

const MEMORY_LIMIT = 20;

export function readinessHandlers({ localData, serverSession, fetch: fetchImpl = fetch, log }: ReadinessDeps): ReadinessHandlers {
  const inMemory: ReadinessReport[] = [];
  const openStore = () => (localData && localData.status().state === 'unlocked' ? localData.use() : null);
  return {
    'readiness.hardware': () => hardwareCheck(),
    'readiness.audioEndpoints': async () => {
      const result = await queryAudioEndpoints();
      return result.available ? result : { available: false, reason: result.reason };
    },
    'readiness.turnTarget': () => fetchTurnTarget(serverSession(), fetchImpl),
    'readiness.probeServer': async () => {
      const session = serverSession();
      if (!session) return { signedIn: false as const };
      return { signedIn: true as const, ...(await probeServer(session.serverUrl, 3, 3_000, fetchImpl)) };
    },
    'readiness.saveReport': ({ report }) => {
      const store = openStore();
      if (store) {
        store.addDeviceCheckReport(report.id, report, new Date(report.createdAt));
        return { storedIn: 'store' as const };
      }
      inMemory.unshift(report);
      inMemory.splice(MEMORY_LIMIT);
      return { storedIn: 'memory' as const };
    },
    'readiness.history': () => {
      const store = openStore();
      if (!store) return { reports: [...inMemory], storedIn: 'memory' as const };
      // A row that no longer matches the schema (an older version's report) is skipped, not fatal.
      const reports = store.deviceCheckReports(50).flatMap((row) => {
        const parsed = ReadinessReport.safeParse(row.report);
        if (!parsed.success) log?.(`Gerätebericht ${row.id} passt nicht zum Schema und wird übersprungen.`);
        return parsed.success ? [parsed.data] : [];
      });
      return { reports, storedIn: 'store' as const };
    },
  };
}

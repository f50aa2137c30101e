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
import { DEFAULT_PROBES, parseTurnUrl, probeTurn } from './stun-probe.js';
import { readinessIceServers, turnUrlsFromEnv } from './turn-config.js';
import { queryAudioEndpoints } from './windows-endpoints.js';

type ReadinessHandlers = Pick<Handlers, keyof typeof readinessMethods>;

export interface ReadinessDeps {
  /** The store, or null where there is none (tests of the handlers alone). */
  readonly localData: Pick<LocalData, 'status' | 'use'> | null;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (message: string) => void;
}

const MEMORY_LIMIT = 20;

export function readinessHandlers({ localData, env = process.env, log }: ReadinessDeps): ReadinessHandlers {
  const inMemory: ReadinessReport[] = [];
  const openStore = () => (localData && localData.status().state === 'unlocked' ? localData.use() : null);
  return {
    'readiness.hardware': () => hardwareCheck(),
    'readiness.audioEndpoints': async () => {
      const result = await queryAudioEndpoints();
      return result.available ? result : { available: false, reason: result.reason };
    },
    'readiness.turnTarget': () => ({ turnUrls: turnUrlsFromEnv(env).slice(0, 8), iceServers: readinessIceServers(env) }),
    'readiness.probeTurn': async () => {
      const urls = turnUrlsFromEnv(env);
      if (urls.length === 0) return { links: [] };
      const targets = urls.map(parseTurnUrl);
      const pick = (t: 'udp' | 'tcp') => targets.find((x) => x.transport === t) ?? targets.find((x) => x.transport === null) ?? (targets[0] as (typeof targets)[number]);
      return { links: await Promise.all((['udp', 'tcp'] as const).map((t) => probeTurn(pick(t), t, DEFAULT_PROBES))) };
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

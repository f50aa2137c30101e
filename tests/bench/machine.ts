/**
 * What every benchmark prints beside its figures, so that none can be read without the state of the machine it
 * ran on: the cores, the load average before and after (on a shared 2-core machine a load of 7 makes every
 * figure an upper bound), and peak resident memory — of the bench's own process, and of each process it started
 * (the server under test, a baseline, a browser), read before they exit.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

const two = (n: number): number => Math.round(n * 100) / 100;
const loadAverage = (): { '1m': number; '5m': number } => {
  const [one = 0, five = 0] = loadavg();
  return { '1m': two(one), '5m': two(five) };
};

/** Peak RSS (VmHWM) of a running process in MiB, or null where /proc cannot tell (not Linux, already gone). */
export function peakRssMb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU time a running process has used so far, in µs (Linux: /proc/<pid>/schedstat counts nanoseconds on a CPU). */
export function cpuMicros(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
}

/** Call first thing; spread `report()` into the bench's one JSON line last thing. */
export function watchMachine(): { report(extra?: Record<string, number | null>): { machine: Record<string, unknown> } } {
  const before = loadAverage();
  return {
    report: (peakRssOfChildrenMb = {}) => ({
      machine: {
        cores: availableParallelism(),
        loadAverageBefore: before,
        loadAverageAfter: loadAverage(),
        // maxRSS is in KiB.
        benchProcessPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        ...(Object.keys(peakRssOfChildrenMb).length > 0 ? { peakRssMb: peakRssOfChildrenMb } : {}),
      },
    }),
  };
}

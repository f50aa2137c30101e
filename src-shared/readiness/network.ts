/**
 * The network check's result from what was measured, the same for the command line (STUN probes) and the app
 * (relay data channel): findings from the rules, and figures that name every address tested, so a report says
 * which TURN and which server it is about.
 */
import type { ProbeCause } from './causes.js';
import type { Figure, Finding } from './report.js';
import { networkFindings, type LinkResult } from './rules.js';

export interface ServerProbe {
  readonly url: string;
  readonly reachable: boolean;
  readonly rttMs: number | null;
  /** "HTTP <status>" or the cause. */
  readonly detail: string;
  readonly cause: ProbeCause | null;
}

export interface NetworkMeasurement {
  readonly links: readonly LinkResult[];
  readonly throughputKbps: number | null;
  /** The project's server's health endpoint; null when none was given. */
  readonly server: ServerProbe | null;
}

const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export function networkOutcome({ links, throughputKbps, server }: NetworkMeasurement): { findings: Finding[]; figures: Record<string, Figure> } {
  const figures: Record<string, Figure> = {};
  const findings: Finding[] = [];
  if (server) {
    Object.assign(figures, { serverUrl: server.url.slice(0, 200), serverReachable: server.reachable, serverRttMs: round1(server.rttMs), serverStatus: server.detail.slice(0, 200) });
    if (!server.reachable) findings.push({ code: 'network.server-unreachable', severity: 'fail', params: { url: server.url.slice(0, 200), cause: server.cause ?? 'other' } });
  }
  if (links.length === 0) return { findings, figures };
  figures.throughputKbps = throughputKbps === null ? null : Math.round(throughputKbps);
  for (const l of links) {
    figures[`${l.transport}Address`] = l.address.slice(0, 200);
    figures[`${l.transport}Reachable`] = l.reachable;
    figures[`${l.transport}RttMs`] = round1(l.rttMs);
    figures[`${l.transport}JitterMs`] = round1(l.jitterMs);
    figures[`${l.transport}LossPercent`] = round1(l.lossPercent);
    if (l.cause) figures[`${l.transport}Cause`] = l.cause;
  }
  findings.push(...networkFindings({ links, throughputKbps }));
  return { findings, figures };
}

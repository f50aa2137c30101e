/**
 * The checks that need no camera, microphone or person: hardware, the platform's audio endpoints, and the TURN
 * server's reachability by STUN. The command line runs exactly these; the app runs them too (through the
 * contract) next to the media checks in the renderer.
 */
import { classifyOutput, type PlatformEndpoint } from '../../../src-shared/readiness/audio-devices.js';
import { completedCheck, skippedCheck, unavailableCheck, type Timing } from '../../../src-shared/readiness/assemble.js';
import type { CheckResult, Finding } from '../../../src-shared/readiness/report.js';
import { hardwareFindings, networkFindings, type LinkResult } from '../../../src-shared/readiness/rules.js';
import { readHardware } from './hardware.js';
import { probeServer, type ServerHealth } from './server-health.js';
import { DEFAULT_PROBES, parseTurnUrl, probeTurn, type ProbeOptions } from './stun-probe.js';
import { queryAudioEndpoints, type EndpointQuery } from './platform-endpoints.js';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; timing: Timing }> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const value = await work();
  return { value, timing: { startedAt, durationMs: Math.round(performance.now() - began) } };
}

const failure = (error: unknown): Finding => ({ code: 'check.failed', severity: 'warn', params: { reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) } });

export async function hardwareCheck(): Promise<CheckResult> {
  const began = new Date().toISOString();
  try {
    const { value, timing } = await timed(readHardware);
    return completedCheck('hardware', hardwareFindings(value.facts), value.figures, timing);
  } catch (error) {
    return unavailableCheck('hardware', failure(error), { startedAt: began, durationMs: 0 });
  }
}

/**
 * Without the app there is no chosen output device and no listening test: IT support learns whether a headset
 * endpoint is present at all (Windows form factor, macOS transport and data source), which is what a roll-out
 * check needs.
 */
export async function platformHeadsetCheck(query: () => Promise<EndpointQuery> = () => queryAudioEndpoints()): Promise<CheckResult> {
  const { value, timing } = await timed(query);
  if (!value.available) {
    return value.reason === 'unsupported-platform'
      ? skippedCheck('headset', { code: 'check.app-only', severity: 'info', params: {} }, timing)
      : unavailableCheck('headset', failure(value.detail ?? 'system query'), timing);
  }
  const render = value.endpoints.filter((e) => e.flow === 'render');
  const classes = render.map((e) => classifyOutput({ kind: 'audiooutput', label: e.name, groupId: '', deviceId: e.name }, undefined, [e]).outputClass);
  const figures = {
    renderEndpoints: render.length,
    headsetEndpoints: classes.filter((c) => c === 'headset').length,
    formFactors: render.map((e: PlatformEndpoint) => e.formFactor).join(', ').slice(0, 200),
  };
  if (render.length === 0) return completedCheck('headset', [{ code: 'headset.no-devices', severity: 'fail', params: {} }], figures, timing);
  const finding: Finding = classes.includes('headset')
    ? { code: 'headset.device-headset', severity: 'info', params: {} }
    : { code: 'headset.device-speakers', severity: 'fail', params: {} };
  return completedCheck('headset', [finding], figures, timing);
}

/**
 * STUN probes over UDP and TCP to each configured TURN address, and the server's health endpoint when one is
 * given; throughput is left to the app.
 */
export async function turnReachabilityCheck(turnUrls: readonly string[], options: ProbeOptions = DEFAULT_PROBES, serverUrl: string | null = null): Promise<CheckResult> {
  if (turnUrls.length === 0) {
    return unavailableCheck('network', { code: 'network.not-configured', severity: 'warn', params: {} }, { startedAt: new Date().toISOString(), durationMs: 0 });
  }
  const { value, timing } = await timed(async () => {
    const targets = turnUrls.map(parseTurnUrl);
    const first = targets[0] as (typeof targets)[number];
    const byTransport = (t: 'udp' | 'tcp') => targets.find((x) => x.transport === t) ?? targets.find((x) => x.transport === null) ?? first;
    const [links, server] = await Promise.all([
      Promise.all((['udp', 'tcp'] as const).map((t) => probeTurn(byTransport(t), t, options))),
      serverUrl ? probeServer(serverUrl) : Promise.resolve(null),
    ]);
    return { links, server };
  });
  const findings = networkFindings({ links: value.links, throughputKbps: null });
  const figures: Record<string, number | boolean | string | null> = linkFigures(value.links, null);
  if (value.server) {
    Object.assign(figures, serverFigures(value.server));
    if (!value.server.reachable) findings.unshift({ code: 'network.server-unreachable', severity: 'fail', params: { detail: value.server.detail } });
  }
  return completedCheck('network', findings, figures, timing);
}

const serverFigures = (s: ServerHealth) => ({ serverReachable: s.reachable, serverRttMs: s.rttMs === null ? null : Math.round(s.rttMs * 10) / 10, serverStatus: s.detail });

export function linkFigures(links: readonly LinkResult[], throughputKbps: number | null): Record<string, number | boolean | null> {
  const figures: Record<string, number | boolean | null> = { throughputKbps: throughputKbps === null ? null : Math.round(throughputKbps) };
  for (const l of links) {
    figures[`${l.transport}Reachable`] = l.reachable;
    figures[`${l.transport}RttMs`] = l.rttMs === null ? null : Math.round(l.rttMs * 10) / 10;
    figures[`${l.transport}JitterMs`] = l.jitterMs === null ? null : Math.round(l.jitterMs * 10) / 10;
    figures[`${l.transport}LossPercent`] = Math.round(l.lossPercent * 10) / 10;
  }
  return figures;
}

/**
 * The checks that need no camera, microphone or person: hardware, the platform's audio endpoints, and the TURN
 * server's reachability by STUN. The command line runs exactly these; the app runs them too (through the
 * contract) next to the media checks in the renderer.
 */
import { classifyOutput, labelSignal, type PlatformEndpoint } from '../../../src-shared/readiness/audio-devices.js';
import { completedCheck, skippedCheck, unavailableCheck, type Timing } from '../../../src-shared/readiness/assemble.js';
import type { CheckResult, Finding } from '../../../src-shared/readiness/report.js';
import { networkOutcome } from '../../../src-shared/readiness/network.js';
import { hardwareFindings, type LinkResult } from '../../../src-shared/readiness/rules.js';
import { reportTimestamp } from '../../../src-shared/readiness/timestamp.js';
import { readHardware } from './hardware.js';
import { probeServer } from './server-health.js';
import { probeTargets } from '../../../src-shared/readiness/turn-url.js';
import { DEFAULT_PROBES, probeTurn, type ProbeOptions } from './stun-probe.js';
import { queryAudioEndpoints, type EndpointQuery } from './platform-endpoints.js';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; timing: Timing }> {
  const startedAt = reportTimestamp();
  const began = performance.now();
  const value = await work();
  return { value, timing: { startedAt, durationMs: Math.round(performance.now() - began) } };
}

const failure = (error: unknown): Finding => ({ code: 'check.failed', severity: 'warn', params: { reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) } });

export async function hardwareCheck(): Promise<CheckResult> {
  const began = reportTimestamp();
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
    // Known speakerphones count as speakers above; named here so IT support sees why.
    speakerphoneEndpoints: render.filter((e) => labelSignal(e.name)?.source === 'model-list').length,
    formFactors: render.map((e: PlatformEndpoint) => e.formFactor).join(', ').slice(0, 200),
  };
  if (render.length === 0) return completedCheck('headset', [{ code: 'headset.no-devices', severity: 'fail', params: {} }], figures, timing);
  const finding: Finding = classes.includes('headset')
    ? { code: 'headset.device-headset', severity: 'info', params: {} }
    : { code: 'headset.device-speakers', severity: 'fail', params: {} };
  return completedCheck('headset', [finding], figures, timing);
}

/**
 * STUN probes to each configured TURN transport, then the server's health endpoint when one is given — one
 * after the other and after the inventory, so no probe waits behind another's work in this process (that made
 * loopback look like 60 ms of jitter). Throughput is left to the app.
 */
export async function turnReachabilityCheck(turnUrls: readonly string[], options: ProbeOptions = DEFAULT_PROBES, serverUrl: string | null = null): Promise<CheckResult> {
  if (turnUrls.length === 0) {
    return unavailableCheck('network', { code: 'network.not-configured', severity: 'warn', params: {} }, { startedAt: reportTimestamp(), durationMs: 0 });
  }
  const targets = probeTargets(turnUrls);
  const { value, timing } = await timed(async () => {
    const links: LinkResult[] = [];
    for (const target of targets) links.push(await probeTurn(target, options));
    return { links, server: serverUrl ? await probeServer(serverUrl) : null };
  });
  const { findings, figures } = networkOutcome({ links: value.links, throughputKbps: null, server: value.server });
  return completedCheck('network', findings, figures, timing);
}

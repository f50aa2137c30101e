/**
 * Connection quality of one peer from `RTCPeerConnection.getStats()`: round-trip time, packet loss, incoming
 * bitrate and frame rate over the last interval, rated with the thresholds video services commonly use
 * (RTT < 150 ms and loss < 2 % good; RTT > 400 ms, loss > 8 % or < 8 fps poor), and a hint in plain words.
 */
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';
/** Key of the plain-language hint (locales: call:quality.hint.*). */
export type QualityHint = 'ok' | 'latency' | 'loss' | 'bandwidth' | 'frames' | 'waiting';

export interface QualityCounters {
  readonly at: number;
  readonly bytesReceived: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly framesDecoded: number;
}

export interface QualitySample {
  readonly level: QualityLevel;
  readonly hint: QualityHint;
  readonly rttMs: number | null;
  readonly lossPercent: number | null;
  readonly bitrateKbps: number | null;
  readonly framesPerSecond: number | null;
  /** The media goes through the TURN relay (shown, since it explains a higher latency). */
  readonly relayed: boolean;
  readonly counters: QualityCounters;
}

interface StatLike {
  readonly type: string;
  readonly [key: string]: unknown;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Rates the interval between `previous` (null on the first call) and the report just taken. */
export function rateConnection(report: Iterable<StatLike>, previous: QualityCounters | null, at: number): QualitySample {
  const stats = [...report];
  const byId = new Map(stats.map((s) => [s.id as string, s]));
  let pair: StatLike | undefined;
  const transport = stats.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  if (transport) pair = byId.get(transport.selectedCandidatePairId as string);
  pair ??= stats.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated === true);
  const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
  const remote = pair ? byId.get(pair.remoteCandidateId as string) : undefined;
  const relayed = local?.candidateType === 'relay' || remote?.candidateType === 'relay';
  const rttMs = pair && typeof pair.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null;

  const counters = { at, bytesReceived: 0, packetsReceived: 0, packetsLost: 0, framesDecoded: 0 };
  let reportedFps: number | null = null;
  for (const s of stats) {
    if (s.type !== 'inbound-rtp') continue;
    counters.bytesReceived += num(s.bytesReceived);
    counters.packetsReceived += num(s.packetsReceived);
    counters.packetsLost += Math.max(0, num(s.packetsLost));
    if (s.kind === 'video') {
      counters.framesDecoded += num(s.framesDecoded);
      if (typeof s.framesPerSecond === 'number') reportedFps = s.framesPerSecond;
    }
  }

  let lossPercent: number | null = null;
  let bitrateKbps: number | null = null;
  let framesPerSecond: number | null = reportedFps;
  if (previous && at > previous.at) {
    const seconds = (at - previous.at) / 1000;
    const received = counters.packetsReceived - previous.packetsReceived;
    const lost = counters.packetsLost - previous.packetsLost;
    lossPercent = received + lost > 0 ? Math.round((1000 * Math.max(0, lost)) / (received + lost)) / 10 : 0;
    bitrateKbps = Math.round(((counters.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds);
    framesPerSecond ??= Math.round((counters.framesDecoded - previous.framesDecoded) / seconds);
  }

  const { level, hint } = judge(rttMs, lossPercent, bitrateKbps, framesPerSecond, pair !== undefined);
  return { level, hint, rttMs, lossPercent, bitrateKbps, framesPerSecond, relayed, counters };
}

function judge(rttMs: number | null, loss: number | null, kbps: number | null, fps: number | null, connected: boolean): { level: QualityLevel; hint: QualityHint } {
  if (!connected || loss === null) return { level: 'unknown', hint: 'waiting' };
  if (loss > 8) return { level: 'poor', hint: 'loss' };
  if (rttMs !== null && rttMs > 400) return { level: 'poor', hint: 'latency' };
  if (fps !== null && fps > 0 && fps < 8) return { level: 'poor', hint: 'frames' };
  if (loss > 2) return { level: 'fair', hint: 'loss' };
  if (rttMs !== null && rttMs > 150) return { level: 'fair', hint: 'latency' };
  // Below ~150 kbps no camera picture stays sharp; a muted camera sends little, which the frame rate shows.
  if (kbps !== null && kbps < 150 && fps !== null && fps > 0) return { level: 'fair', hint: 'bandwidth' };
  return { level: 'good', hint: 'ok' };
}

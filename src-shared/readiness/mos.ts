/**
 * E-model (ITU-T G.107) estimate of the call quality a user would give, from what the network check measures.
 * The reduced form used by WebRTC diagnostics tools (Twilio's rtc-diagnostics `mos.ts`, callstats): the
 * effective latency folds jitter in twice (the jitter buffer delays playout by about that much), delay costs a
 * little below 160 ms and much more above it, and each percent of loss costs 2.5 R points.
 */
export interface LinkFigures {
  readonly rttMs: number;
  readonly jitterMs: number;
  /** 0…100 */
  readonly lossPercent: number;
}

export function rFactor({ rttMs, jitterMs, lossPercent }: LinkFigures): number {
  const effectiveLatency = rttMs + 2 * jitterMs + 10;
  const r = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  return r - 2.5 * lossPercent;
}

/** MOS 1…4.5 from the R factor (G.107 Annex B). */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
}

export const estimateMos = (link: LinkFigures): number => mosFromR(rFactor(link));

/** Thresholds from the issue, as the common diagnostics tools use them. */
export const NETWORK_LIMITS = {
  rttGoodMs: 100,
  rttFailMs: 400,
  lossGoodPercent: 1,
  lossFailPercent: 5,
  jitterGoodMs: 30,
  videoKbps: 750,
  audioOnlyKbps: 100,
  mosGood: 3.5,
  mosFail: 2.5,
} as const;

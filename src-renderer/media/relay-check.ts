/**
 * The network check through the project's own TURN: two peer connections in this page, both forced onto the relay
 * (`iceTransportPolicy: 'relay'`), joined by data channels. Every byte goes page → TURN → page, so what we
 * measure is the path a call would take when no direct path exists:
 *   - RTT, jitter and loss from numbered probes on an unreliable channel (no retransmits, like RTP),
 *   - throughput from a reliable channel kept full for a moment (it crosses the client–TURN link both ways).
 * One transport at a time (UDP, TCP, TLS — whichever the server offers), so each gets its own figures.
 */
import type { LinkResult, LinkTransport } from '../../src-shared/readiness/rules.js';
import { summariseProbes } from '../../src-shared/readiness/stun.js';
import { parseTurnUrl, targetAddress, urlTransport } from '../../src-shared/readiness/turn-url.js';

export interface RelayOptions {
  readonly probes: number;
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  readonly throughputMs: number;
  readonly connectTimeoutMs: number;
}

export const DEFAULT_RELAY: RelayOptions = { probes: 40, probeIntervalMs: 20, probeTimeoutMs: 600, throughputMs: 1_200, connectTimeoutMs: 8_000 };

export interface RelayResult {
  readonly link: LinkResult;
  readonly throughputKbps: number | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const urlsOf = (server: RTCIceServer): string[] => (Array.isArray(server.urls) ? server.urls : [server.urls]);

function forTransport(servers: readonly RTCIceServer[], transport: LinkTransport): RTCIceServer[] {
  return servers.flatMap((server) => {
    const urls = urlsOf(server).filter((u) => urlTransport(u) === transport);
    return urls.length ? [{ ...server, urls }] : [];
  });
}

/** The transports the server's ICE servers offer, in the order they are measured. */
export const offeredTransports = (servers: readonly RTCIceServer[]): LinkTransport[] =>
  (['udp', 'tcp', 'tls'] as const).filter((t) => forTransport(servers, t).length > 0);

function opened(channel: RTCDataChannel): Promise<void> {
  return channel.readyState === 'open' ? Promise.resolve() : new Promise((resolve) => channel.addEventListener('open', () => resolve(), { once: true }));
}

async function connectPair(iceServers: RTCIceServer[], timeoutMs: number) {
  const a = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const b = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate).catch(() => undefined));
  b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate).catch(() => undefined));
  const probe = a.createDataChannel('probe', { ordered: false, maxRetransmits: 0 });
  const bulk = a.createDataChannel('bulk', { ordered: true });
  const remote = new Map<string, RTCDataChannel>();
  const remoteReady = new Promise<void>((resolve) => {
    b.ondatachannel = (e) => {
      remote.set(e.channel.label, e.channel);
      if (remote.size === 2) resolve();
    };
  });
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription as RTCSessionDescription);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription as RTCSessionDescription);
  const close = (): void => {
    a.close();
    b.close();
  };
  const ok = await Promise.race([Promise.all([opened(probe), opened(bulk), remoteReady]).then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!ok) {
    close();
    return null;
  }
  return { probe, bulk, remoteProbe: remote.get('probe') as RTCDataChannel, remoteBulk: remote.get('bulk') as RTCDataChannel, close };
}

async function measureProbes(probe: RTCDataChannel, echo: RTCDataChannel, options: RelayOptions): Promise<(number | null)[]> {
  echo.onmessage = (e) => echo.send(e.data as string);
  const sent = new Map<number, number>();
  const rtts = new Map<number, number>();
  probe.onmessage = (e) => {
    const seq = Number(e.data);
    const at = sent.get(seq);
    if (at !== undefined && !rtts.has(seq)) rtts.set(seq, performance.now() - at);
  };
  for (let seq = 0; seq < options.probes; seq++) {
    sent.set(seq, performance.now());
    probe.send(String(seq));
    await sleep(options.probeIntervalMs);
  }
  await sleep(options.probeTimeoutMs);
  return [...sent.keys()].map((seq) => rtts.get(seq) ?? null);
}

async function measureThroughput(bulk: RTCDataChannel, sink: RTCDataChannel, durationMs: number): Promise<number | null> {
  const chunk = new Uint8Array(16 * 1024);
  let received = 0;
  let first = 0;
  let last = 0;
  sink.binaryType = 'arraybuffer';
  sink.onmessage = (e) => {
    const now = performance.now();
    if (!first) first = now;
    last = now;
    received += (e.data as ArrayBuffer).byteLength;
  };
  bulk.bufferedAmountLowThreshold = 256 * 1024;
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    if (bulk.bufferedAmount > 1024 * 1024) {
      await new Promise<void>((resolve) => {
        bulk.addEventListener('bufferedamountlow', () => resolve(), { once: true });
        setTimeout(resolve, 200);
      });
      continue;
    }
    bulk.send(chunk);
  }
  // Let what is still in flight arrive; the rate is counted over the receiving span only.
  await sleep(300);
  const seconds = (last - first) / 1_000;
  return seconds > 0.2 ? (received * 8) / 1_000 / seconds : null;
}

export async function measureRelay(iceServers: readonly RTCIceServer[], transport: LinkTransport, options: RelayOptions = DEFAULT_RELAY): Promise<RelayResult> {
  const servers = forTransport(iceServers, transport);
  const first = servers[0] ? urlsOf(servers[0])[0] : undefined;
  const address = first ? targetAddress(parseTurnUrl(first)) : '–';
  const unreachable: RelayResult = { link: { transport, address, reachable: false, rttMs: null, jitterMs: null, lossPercent: 100, cause: 'no-relay' }, throughputKbps: null };
  if (servers.length === 0) return unreachable;
  const pair = await connectPair(servers, options.connectTimeoutMs);
  if (!pair) return unreachable;
  try {
    const summary = summariseProbes(await measureProbes(pair.probe, pair.remoteProbe, options));
    const throughputKbps = await measureThroughput(pair.bulk, pair.remoteBulk, options.throughputMs);
    return {
      link: { transport, address, reachable: summary.rttMs !== null, rttMs: summary.rttMs, jitterMs: summary.jitterMs, lossPercent: summary.lossPercent, cause: summary.rttMs === null ? 'timeout' : null },
      throughputKbps,
    };
  } finally {
    pair.close();
  }
}

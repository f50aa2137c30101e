import { describe, expect, it } from 'vitest';
import { rateConnection } from '../../../src-renderer/call/connection-quality.js';

/** A getStats report as Chromium shapes it: transport → selected pair → candidates, plus inbound RTP. */
function report(o: { rtt?: number; bytes: number; packets: number; lost: number; frames: number; fps?: number; relay?: boolean }) {
  return [
    { type: 'transport', id: 'T', selectedCandidatePairId: 'P' },
    { type: 'candidate-pair', id: 'P', state: 'succeeded', nominated: true, currentRoundTripTime: o.rtt, localCandidateId: 'L', remoteCandidateId: 'R' },
    { type: 'local-candidate', id: 'L', candidateType: o.relay ? 'relay' : 'host' },
    { type: 'remote-candidate', id: 'R', candidateType: 'host' },
    { type: 'inbound-rtp', id: 'V', kind: 'video', bytesReceived: o.bytes, packetsReceived: o.packets, packetsLost: o.lost, framesDecoded: o.frames, framesPerSecond: o.fps },
    { type: 'inbound-rtp', id: 'A', kind: 'audio', bytesReceived: 0, packetsReceived: 0, packetsLost: 0 },
  ];
}

describe('rateConnection', () => {
  it('has no verdict on the first sample (no interval yet)', () => {
    const sample = rateConnection(report({ rtt: 0.02, bytes: 1000, packets: 10, lost: 0, frames: 5 }), null, 0);
    expect(sample.level).toBe('unknown');
    expect(sample.hint).toBe('waiting');
    expect(sample.rttMs).toBe(20);
  });

  it('rates a clean fast path good and computes bitrate, loss and frame rate over the interval', () => {
    const first = rateConnection(report({ rtt: 0.03, bytes: 0, packets: 0, lost: 0, frames: 0 }), null, 0);
    const second = rateConnection(report({ rtt: 0.03, bytes: 250_000, packets: 300, lost: 0, frames: 60 }), first.counters, 2000);
    expect(second).toMatchObject({ level: 'good', hint: 'ok', rttMs: 30, lossPercent: 0, bitrateKbps: 1000, framesPerSecond: 30, relayed: false });
  });

  it('calls heavy loss poor and moderate loss fair, with the loss hint', () => {
    const first = rateConnection(report({ rtt: 0.03, bytes: 0, packets: 0, lost: 0, frames: 0 }), null, 0);
    expect(rateConnection(report({ rtt: 0.03, bytes: 250_000, packets: 90, lost: 10, frames: 60 }), first.counters, 2000)).toMatchObject({ level: 'poor', hint: 'loss', lossPercent: 10 });
    expect(rateConnection(report({ rtt: 0.03, bytes: 250_000, packets: 96, lost: 4, frames: 60 }), first.counters, 2000)).toMatchObject({ level: 'fair', hint: 'loss', lossPercent: 4 });
  });

  it('flags latency, stutter and a relayed path', () => {
    const first = rateConnection(report({ rtt: 0.5, bytes: 0, packets: 0, lost: 0, frames: 0 }), null, 0);
    expect(rateConnection(report({ rtt: 0.5, bytes: 250_000, packets: 100, lost: 0, frames: 60 }), first.counters, 2000)).toMatchObject({ level: 'poor', hint: 'latency', rttMs: 500 });
    expect(rateConnection(report({ rtt: 0.2, bytes: 250_000, packets: 100, lost: 0, frames: 60, relay: true }), first.counters, 2000)).toMatchObject({ level: 'fair', hint: 'latency', relayed: true });
    expect(rateConnection(report({ rtt: 0.03, bytes: 250_000, packets: 100, lost: 0, frames: 8, fps: 4 }), first.counters, 2000)).toMatchObject({ level: 'poor', hint: 'frames', framesPerSecond: 4 });
  });
});

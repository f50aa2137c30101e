import { describe, expect, it } from 'vitest';
import { networkFindings, type LinkResult } from '../../../src-shared/readiness/rules.js';
import { bindingRequest, parseStunHeader, sameTransaction, summariseProbes } from '../../../src-shared/readiness/stun.js';

const udp = (over: Partial<LinkResult> = {}): LinkResult => ({ transport: 'udp', reachable: true, rttMs: 30, jitterMs: 3, lossPercent: 0, ...over });
const tcp = (over: Partial<LinkResult> = {}): LinkResult => ({ transport: 'tcp', reachable: true, rttMs: 40, jitterMs: 4, lossPercent: 0, ...over });
const codes = (links: LinkResult[], kbps: number | null = 2_000) => networkFindings({ links, throughputKbps: kbps }).map((f) => `${f.code}:${f.severity}`);

describe('network rules', () => {
  it('passes a good link with enough throughput', () => {
    expect(codes([udp(), tcp()])).toEqual(['network.ok:info']);
  });
  it('fails when TURN is unreachable on every transport', () => {
    expect(codes([udp({ reachable: false, rttMs: null }), tcp({ reachable: false, rttMs: null })])).toEqual(['network.turn-unreachable:fail']);
  });
  it('warns when only TCP gets through', () => {
    expect(codes([udp({ reachable: false, rttMs: null }), tcp()])).toEqual(['network.udp-blocked:warn']);
  });
  it('applies the thresholds: RTT 100 ms, loss 1 % / 5 %, 750 kbps for video', () => {
    expect(codes([udp({ rttMs: 150 })])).toContain('network.rtt-high:warn');
    expect(codes([udp({ lossPercent: 2 })])).toContain('network.loss-high:warn');
    expect(codes([udp({ lossPercent: 8 })])).toContain('network.loss-high:fail');
    expect(codes([udp()], 500)).toEqual(['network.throughput-low:warn']);
    expect(codes([udp()], 50)).toEqual(['network.throughput-low:fail']);
    expect(codes([udp()], null)).toEqual(['network.throughput-not-measured:info', 'network.ok:info']);
  });
});

describe('STUN probes', () => {
  it('writes a Binding request and recognises the matching reply', () => {
    const id = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
    const request = bindingRequest(id);
    expect(request.length).toBe(20);
    const reply = new Uint8Array(32);
    reply.set(request);
    reply[0] = 0x01;
    reply[1] = 0x01;
    reply[3] = 12;
    const parsed = parseStunHeader(reply);
    expect(parsed?.success).toBe(true);
    expect(parsed?.length).toBe(32);
    expect(sameTransaction(parsed!.transactionId, id)).toBe(true);
    expect(parseStunHeader(new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n\r\n'))).toBeNull();
    expect(() => bindingRequest(new Uint8Array(4))).toThrow(RangeError);
  });
  it('summarises probes into median RTT, jitter and loss', () => {
    expect(summariseProbes([10, 12, null, 14, 10])).toEqual({ rttMs: 10, jitterMs: (2 + 2 + 4) / 3, lossPercent: 20, sent: 5 });
    expect(summariseProbes([null, null])).toEqual({ rttMs: null, jitterMs: null, lossPercent: 100, sent: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src-shared/readiness/messages.js';
import { networkFindings, type LinkResult } from '../../../src-shared/readiness/rules.js';
import { bindingRequest, parseStunHeader, sameTransaction, summariseProbes } from '../../../src-shared/readiness/stun.js';

const link = (transport: LinkResult['transport'], rttMs: number) => (over: Partial<LinkResult> = {}): LinkResult => ({ transport, address: 'turn.example:3478', reachable: true, rttMs, jitterMs: 3, lossPercent: 0, cause: null, ...over });
const udp = link('udp', 30);
const tcp = link('tcp', 40);
const tls = link('tls', 45);
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
  it('judges only what was configured: TLS alone is fine, TLS failing beside UDP is its own warning with the cause', () => {
    expect(codes([tls()])).toEqual(['network.ok:info']);
    const findings = networkFindings({ links: [udp(), tls({ reachable: false, rttMs: null, cause: 'tls-certificate' })], throughputKbps: 2_000 });
    expect(findings[0]).toEqual({ code: 'network.transport-unreachable', severity: 'warn', params: { transport: 'TLS', address: 'turn.example:3478', cause: 'tls-certificate' } });
    expect(describeFinding(findings[0]!, 'de').text).toBe('TURN über TLS (turn.example:3478) geht nicht: das Zertifikat des Servers ist nicht vertrauenswürdig, abgelaufen oder für einen anderen Namen ausgestellt. Andere Wege sind erreichbar.');
  });
  it('says why nothing answered, in words', () => {
    const [finding] = networkFindings({ links: [udp({ reachable: false, rttMs: null, cause: 'refused' })], throughputKbps: null });
    expect(describeFinding(finding!, 'en').text).toBe('The TURN server cannot be reached: connection refused (no service listens at this address) (tried: UDP turn.example:3478).');
  });
  it('writes numbers the reader\'s way', () => {
    const [finding] = networkFindings({ links: [udp({ rttMs: 150.25, jitterMs: 2.5 })], throughputKbps: 2_000 });
    expect(describeFinding(finding!, 'de').text).toBe('Hohe Laufzeit: 150,3 ms hin und zurück über UDP (gut: unter 100 ms).');
    expect(describeFinding(finding!, 'en').text).toBe('High round trip: 150.3 ms over UDP (good: below 100 ms).');
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

/**
 * Reachability, RTT, jitter and loss of the TURN server from the command line: STUN Binding requests to the TURN
 * port (coturn answers them without credentials) over the transports the configured URLs name (turn-url.ts);
 * `turns:` really speaks TLS, certificate checked. The relay throughput needs a WebRTC data channel and is
 * measured in the app only.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, rootCertificates } from 'node:tls';
import type { ProbeCause } from '../../../src-shared/readiness/causes.js';
import type { LinkResult } from '../../../src-shared/readiness/rules.js';
import { bindingRequest, parseStunHeader, sameTransaction, summariseProbes } from '../../../src-shared/readiness/stun.js';
import { targetAddress, type ProbeTarget, type TurnTarget } from '../../../src-shared/readiness/turn-url.js';
import { causeOf } from './socket-errors.js';


export interface ProbeOptions {
  readonly count: number;
  readonly intervalMs: number;
  /** A probe without a reply after this long counts as lost. */
  readonly timeoutMs: number;
  /** PEM certificates trusted for `turns:` besides Node's own roots (an agency's internal CA, `--ca`). */
  readonly extraCa?: readonly string[];
}

export const DEFAULT_PROBES: ProbeOptions = { count: 20, intervalMs: 50, timeoutMs: 1_000 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Samples {
  readonly rtts: (number | null)[];
  readonly cause: ProbeCause | null;
}

function waiter(timeoutMs: number): { promise: Promise<number | null>; settle(rtt: number | null): void; sent: number } {
  let settle: (rtt: number | null) => void = () => undefined;
  const sent = performance.now();
  const promise = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    settle = (rtt) => {
      clearTimeout(timer);
      resolve(rtt);
    };
  });
  return { promise, settle: (rtt) => settle(rtt), sent };
}

async function probeUdp(target: TurnTarget, options: ProbeOptions): Promise<Samples> {
  const socket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4');
  const pending = new Map<string, ReturnType<typeof waiter>>();
  let cause: ProbeCause | null = null;
  socket.on('message', (message) => {
    const reply = parseStunHeader(new Uint8Array(message));
    if (!reply) return;
    const waiting = pending.get(Buffer.from(reply.transactionId).toString('hex'));
    if (waiting && reply.success) waiting.settle(performance.now() - waiting.sent);
  });
  // A connected UDP socket hears the ICMP "port unreachable" as ECONNREFUSED: a closed port is told apart from
  // a firewall that drops (timeout). Any socket error ends the run, the remaining probes count as lost.
  socket.on('error', (error) => {
    cause ??= causeOf(error);
    for (const w of pending.values()) w.settle(null);
  });
  try {
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.connect(target.port, target.host, () => resolve(true));
    });
    if (!connected) return { rtts: Array.from({ length: options.count }, () => null), cause };
    const results: Promise<number | null>[] = [];
    for (let i = 0; i < options.count && cause === null; i++) {
      const id = new Uint8Array(randomBytes(12));
      const w = waiter(options.timeoutMs);
      pending.set(Buffer.from(id).toString('hex'), w);
      results.push(w.promise);
      socket.send(bindingRequest(id));
      await sleep(options.intervalMs);
    }
    const rtts = await Promise.all(results);
    while (rtts.length < options.count) rtts.push(null);
    return { rtts, cause: cause ?? (rtts.every((r) => r === null) ? 'timeout' : null) };
  } finally {
    socket.close();
  }
}

function openStream(target: ProbeTarget, options: ProbeOptions): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const s =
      target.transport === 'tls'
        ? connectTls({
            host: target.host,
            port: target.port,
            // SNI is for names only; the certificate is checked against the name or address either way.
            ...(isIP(target.host) ? {} : { servername: target.host }),
            ...(options.extraCa?.length ? { ca: [...rootCertificates, ...options.extraCa] } : {}),
          }, () => resolve(s))
        : connectTcp({ host: target.host, port: target.port }, () => resolve(s));
    s.setTimeout(options.timeoutMs * 3, () => s.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    s.once('error', reject);
  });
}

/** TCP and TLS carry STUN messages back to back (RFC 5389 §7.2.2); the header's length frames them. */
async function probeStream(target: ProbeTarget, options: ProbeOptions): Promise<Samples> {
  const lost = (cause: ProbeCause): Samples => ({ rtts: Array.from({ length: options.count }, () => null), cause });
  let socket: Socket;
  try {
    socket = await openStream(target, options);
  } catch (error) {
    return lost(causeOf(error));
  }
  socket.setTimeout(0);
  let cause: ProbeCause | null = null;
  let notStun = false;
  let buffered = Buffer.alloc(0);
  let waiting: (ReturnType<typeof waiter> & { id: Uint8Array }) | null = null;
  socket.on('error', (error) => {
    cause ??= causeOf(error);
    waiting?.settle(null);
  });
  socket.on('close', () => {
    cause ??= 'reset';
    waiting?.settle(null);
  });
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length >= 20 && !parseStunHeader(new Uint8Array(buffered))) {
        notStun = true;
        buffered = Buffer.alloc(0);
      }
      const reply = parseStunHeader(new Uint8Array(buffered));
      if (!reply || buffered.length < reply.length) break;
      buffered = buffered.subarray(reply.length);
      if (waiting && reply.success && sameTransaction(reply.transactionId, waiting.id)) waiting.settle(performance.now() - waiting.sent);
    }
  });
  const rtts: (number | null)[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      if (cause !== null) {
        rtts.push(null);
        continue;
      }
      const id = new Uint8Array(randomBytes(12));
      const w = { ...waiter(options.timeoutMs), id };
      waiting = w;
      socket.write(bindingRequest(id));
      rtts.push(await w.promise);
      await sleep(options.intervalMs);
    }
    const none = rtts.every((r) => r === null);
    return { rtts, cause: none ? (notStun ? 'not-stun' : (cause ?? 'timeout')) : null };
  } finally {
    socket.removeAllListeners('close');
    socket.destroy();
  }
}

export async function probeTurn(target: ProbeTarget, options: ProbeOptions = DEFAULT_PROBES): Promise<LinkResult> {
  const { rtts, cause } = target.transport === 'udp' ? await probeUdp(target, options) : await probeStream(target, options);
  const summary = summariseProbes(rtts);
  const reachable = summary.rttMs !== null;
  return { transport: target.transport, address: targetAddress(target), reachable, rttMs: summary.rttMs, jitterMs: summary.jitterMs, lossPercent: summary.lossPercent, cause: reachable ? null : cause };
}

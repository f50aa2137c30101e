/**
 * Reachability, RTT, jitter and loss of the TURN server from the command line: STUN Binding requests over UDP
 * and over TCP to the TURN port (coturn answers them without credentials). The relay throughput needs a WebRTC
 * data channel and is measured in the app only.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import type { LinkResult } from '../../../src-shared/readiness/rules.js';
import { bindingRequest, parseStunHeader, sameTransaction, summariseProbes } from '../../../src-shared/readiness/stun.js';

export interface TurnTarget {
  readonly host: string;
  readonly port: number;
}

export interface ProbeOptions {
  readonly count: number;
  readonly intervalMs: number;
  /** A probe without a reply after this long counts as lost. */
  readonly timeoutMs: number;
}

export const DEFAULT_PROBES: ProbeOptions = { count: 20, intervalMs: 50, timeoutMs: 1_000 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Parses `turn:host:port?transport=udp` (and `turns:`, `stun:`); the default port is 3478. */
export function parseTurnUrl(url: string): TurnTarget & { transport: 'udp' | 'tcp' | null } {
  const match = /^(?:turns?|stuns?):(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(url.trim());
  if (!match) throw new InvalidTurnUrlError(url);
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 3478, transport: (match[3]?.toLowerCase() as 'udp' | 'tcp' | undefined) ?? null };
}

export class InvalidTurnUrlError extends Error {
  override readonly name = 'InvalidTurnUrlError';
  constructor(url: string) {
    super(`„${url}“ ist keine TURN-Adresse. Erwartet wird z. B. turn:turn.example.org:3478?transport=udp.`);
  }
}

async function probeUdp(target: TurnTarget, options: ProbeOptions): Promise<(number | null)[]> {
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  const pending = new Map<string, { sent: number; resolve: (rtt: number | null) => void }>();
  socket.on('message', (message) => {
    const reply = parseStunHeader(new Uint8Array(message));
    if (!reply) return;
    const key = Buffer.from(reply.transactionId).toString('hex');
    const waiting = pending.get(key);
    if (waiting && reply.success) waiting.resolve(performance.now() - waiting.sent);
  });
  socket.on('error', () => undefined);
  const results: Promise<number | null>[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const id = new Uint8Array(randomBytes(12));
      const key = Buffer.from(id).toString('hex');
      results.push(
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(null), options.timeoutMs);
          pending.set(key, {
            sent: performance.now(),
            resolve: (rtt) => {
              clearTimeout(timer);
              resolve(rtt);
            },
          });
        }),
      );
      socket.send(bindingRequest(id), target.port, target.host);
      await sleep(options.intervalMs);
    }
    return await Promise.all(results);
  } finally {
    socket.close();
  }
}

async function probeTcp(target: TurnTarget, options: ProbeOptions): Promise<(number | null)[]> {
  let socket: Socket;
  try {
    socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: target.host, port: target.port }, () => resolve(s));
      s.setTimeout(options.timeoutMs * 3, () => s.destroy(new Error('Zeitüberschreitung beim Verbindungsaufbau')));
      s.once('error', reject);
    });
  } catch {
    return Array.from({ length: options.count }, () => null);
  }
  socket.setTimeout(0);
  socket.on('error', () => undefined);
  let buffered = Buffer.alloc(0);
  let waiting: { id: Uint8Array; sent: number; resolve: (rtt: number | null) => void } | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    // TCP carries STUN messages back to back; the header's length frames them.
    for (;;) {
      const reply = parseStunHeader(new Uint8Array(buffered));
      if (!reply || buffered.length < reply.length) break;
      buffered = buffered.subarray(reply.length);
      if (waiting && reply.success && sameTransaction(reply.transactionId, waiting.id)) waiting.resolve(performance.now() - waiting.sent);
    }
  });
  const results: (number | null)[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const id = new Uint8Array(randomBytes(12));
      results.push(
        await new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), options.timeoutMs);
          waiting = {
            id,
            sent: performance.now(),
            resolve: (rtt) => {
              clearTimeout(timer);
              resolve(rtt);
            },
          };
          socket.write(bindingRequest(id));
        }),
      );
      await sleep(options.intervalMs);
    }
    return results;
  } finally {
    socket.destroy();
  }
}

export async function probeTurn(target: TurnTarget, transport: 'udp' | 'tcp', options: ProbeOptions = DEFAULT_PROBES): Promise<LinkResult> {
  const samples = transport === 'udp' ? await probeUdp(target, options) : await probeTcp(target, options);
  const summary = summariseProbes(samples);
  return { transport, reachable: summary.rttMs !== null, rttMs: summary.rttMs, jitterMs: summary.jitterMs, lossPercent: summary.lossPercent };
}

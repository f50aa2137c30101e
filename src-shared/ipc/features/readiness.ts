/**
 * Device readiness: the parts of the check that need the back office (hardware facts, the platform's audio
 * endpoints, the TURN server to measure, STUN probes, and keeping reports). Camera, microphone and the relay data
 * channel run in the renderer.
 */
import { z } from 'zod';
import { PlatformEndpoint } from '../../readiness/audio-devices.js';
import { CheckResult, ReadinessReport } from '../../readiness/report.js';
import { IceServer } from '../../signalling/messages.js';
import { method } from '../define.js';

const Empty = z.object({}).strict();

export const LinkResultSchema = z.object({
  transport: z.enum(['udp', 'tcp']),
  reachable: z.boolean(),
  rttMs: z.number().nonnegative().nullable(),
  jitterMs: z.number().nonnegative().nullable(),
  lossPercent: z.number().min(0).max(100),
});

export const AudioEndpointsReply = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), endpoints: z.array(PlatformEndpoint) }),
  z.object({ available: z.literal(false), reason: z.enum(['not-windows', 'query-failed']) }),
]);

export const TurnTargetReply = z.object({
  /** TURN URLs to measure; empty when none is configured. */
  turnUrls: z.array(z.string().max(512)).max(8),
  /** Short-lived credentials for the relay-only data channel; empty when only STUN probes are possible. */
  iceServers: z.array(IceServer).max(4),
});
export type TurnTargetReply = z.infer<typeof TurnTargetReply>;

export const StoredIn = z.enum(['store', 'memory']);
export type StoredIn = z.infer<typeof StoredIn>;

export const readinessMethods = {
  'readiness.hardware': method(Empty, CheckResult),
  'readiness.audioEndpoints': method(Empty, AudioEndpointsReply),
  'readiness.turnTarget': method(Empty, TurnTargetReply),
  'readiness.probeTurn': method(Empty, z.object({ links: z.array(LinkResultSchema) })),
  'readiness.saveReport': method(z.object({ report: ReadinessReport }).strict(), z.object({ storedIn: StoredIn })),
  'readiness.history': method(Empty, z.object({ reports: z.array(ReadinessReport), storedIn: StoredIn })),
} as const;

export const readinessEvents = {} as const;

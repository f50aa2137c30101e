/**
 * Device readiness: the parts of the check that need the back office (hardware facts, the platform's audio
 * endpoints, the TURN target and credentials from the signed-in server, that server's health, and keeping reports). Camera, microphone and the relay data
 * channel run in the renderer.
 */
import { z } from 'zod';
import { PlatformEndpoint } from '../../readiness/audio-devices.js';
import { PROBE_CAUSES } from '../../readiness/causes.js';
import { CheckResult, ReadinessReport } from '../../readiness/report.js';
import { IceServer } from '../../signalling/messages.js';
import { method } from '../define.js';

const Empty = z.object({}).strict();

export const AudioEndpointsReply = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), endpoints: z.array(PlatformEndpoint) }),
  z.object({ available: z.literal(false), reason: z.enum(['unsupported-platform', 'query-failed']) }),
]);

/**
 * The TURN target of the in-app network check, from the signed-in session's server
 * (GET /api/v1/readiness/turn-credentials): `signed-out` when there is no session or the server no longer
 * accepts its token, `refused` for a role without TURN access, `not-configured` when the server has no TURN,
 * `failed` when the server could not be asked.
 */
export const TurnTargetReply = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ready'),
    turnUrls: z.array(z.string().max(512)).min(1).max(8),
    /** Short-lived credentials for the relay-only data channel. */
    iceServers: z.array(IceServer).min(1).max(4),
    expiresAt: z.string().max(64).nullable(),
  }),
  z.object({ status: z.enum(['signed-out', 'refused', 'not-configured']) }),
  z.object({ status: z.literal('failed'), detail: z.string().max(200) }),
]);
export type TurnTargetReply = z.infer<typeof TurnTargetReply>;

/** GET <server>/api/v1/health of the signed-in session's server; `signedIn: false` when there is none. */
export const ServerHealthReply = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  z.object({
    signedIn: z.literal(true),
    reachable: z.boolean(),
    rttMs: z.number().nonnegative().nullable(),
    /** The server's address, for the report. */
    url: z.string().max(200),
    /** "HTTP <status>" or the cause. */
    detail: z.string().max(100),
    cause: z.enum(PROBE_CAUSES).nullable(),
  }),
]);
export type ServerHealthReply = z.infer<typeof ServerHealthReply>;

export const StoredIn = z.enum(['store', 'memory']);
export type StoredIn = z.infer<typeof StoredIn>;

export const readinessMethods = {
  'readiness.hardware': method(Empty, CheckResult),
  'readiness.audioEndpoints': method(Empty, AudioEndpointsReply),
  'readiness.turnTarget': method(Empty, TurnTargetReply),
  'readiness.probeServer': method(Empty, ServerHealthReply),
  'readiness.saveReport': method(z.object({ report: ReadinessReport }).strict(), z.object({ storedIn: StoredIn })),
  'readiness.history': method(Empty, z.object({ reports: z.array(ReadinessReport), storedIn: StoredIn })),
} as const;

export const readinessEvents = {} as const;

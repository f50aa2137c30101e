/**
 * The `signalling`, `guest` and `turn` sections of the server's config file (src-shared/http/server-config.ts
 * passes them through unread; the signalling extension validates them here). Every key is optional.
 */
import { z } from 'zod';

export const SignallingSettings = z
  .object({
    /**
     * HMAC key (≥ 32 characters) for guest links and resume tokens; the same on every process of a deployment.
     * Unset: a random key is created once and kept in the data folder (single process only).
     */
    secret: z.string().min(32).optional(),
    /** Redis for scale-out (`redis://host:6379/0`); unset = one process, rooms in memory. */
    redisUrl: z.string().min(1).optional(),
    /** Admitted participants per room, counsellor included; a simple-peer mesh stays usable up to 4. */
    maxParticipants: z.number().int().min(2).max(16).default(4),
    maxWaiting: z.number().int().min(1).max(64).default(8),
    resumeGraceMs: z.number().int().min(1000).max(10 * 60_000).default(30_000),
    heartbeatMs: z.number().int().min(1000).max(120_000).default(15_000),
    helloTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    maxMessageBytes: z.number().int().min(1024).max(512 * 1024).default(64 * 1024),
    ratePerSecond: z.number().int().min(1).max(100_000).default(100),
    rateBurst: z.number().int().min(1).max(100_000).default(200),
    maxConsecutiveErrors: z.number().int().min(1).max(1_000_000).default(50),
    /**
     * Open signalling WebSockets per client address (X-Forwarded-For behind a trusted proxy) and in total; one more
     * is closed at once with 1013 (try again later). Per address generously: an office behind NAT shares one.
     */
    maxSocketsPerIp: z.number().int().min(1).max(1_000_000).default(64),
    maxSockets: z.number().int().min(1).max(1_000_000).default(4000),
    /**
     * With Redis: how long a process's liveness key lives, and how often the process refreshes it. A crashed
     * process's participants are handed to a live one within about TTL + refresh, then leave after
     * `resumeGraceMs` unless they resume. Short values only for tests; a refresh must fit twice into the TTL.
     */
    livenessTtlMs: z.number().int().min(100).max(10 * 60_000).default(15_000),
    livenessRefreshMs: z.number().int().min(50).max(5 * 60_000).default(5_000),
  })
  .strict()
  .refine((settings) => settings.livenessRefreshMs * 2 <= settings.livenessTtlMs, {
    message: '„livenessRefreshMs“ darf höchstens die Hälfte von „livenessTtlMs“ sein, sonst läuft der Schlüssel eines lebenden Prozesses ab.',
    path: ['livenessRefreshMs'],
  })
  .prefault({});
export type SignallingSettings = z.infer<typeof SignallingSettings>;

export const GuestSettings = z
  .object({
    /** Folder of the built page (`npx vite build` output with guest.html and assets/). */
    pageDir: z.string().min(1).default('out/renderer'),
  })
  .strict()
  .prefault({});
export type GuestSettings = z.infer<typeof GuestSettings>;

export const TurnSettings = z
  .object({
    /** coturn's `static-auth-secret`; unset = no TURN (only direct paths). */
    secret: z.string().min(16).optional(),
    /** e.g. ["turn:turn.example:3478?transport=udp", "turns:turn.example:5349?transport=tcp"]. */
    urls: z.array(z.string().regex(/^turns?:/)).max(8).default([]),
    ttlSeconds: z.number().int().min(60).max(24 * 3600).default(3600),
  })
  .strict()
  .prefault({});
export type TurnSettings = z.infer<typeof TurnSettings>;

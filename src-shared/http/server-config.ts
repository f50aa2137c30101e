/**
 * The configuration file of the self-hosted server (src-server), JSON. Every key is optional; the defaults give
 * the embedded setup (loopback, SQLite in `./server-data`, demo data). Environment variables override the file
 * (see src-server/README.md). The sections `signalling`, `guest`, `turn` and `review` belong to the server's
 * extensions, which validate them with their own schemas; here they pass through unread.
 */
import { z } from 'zod';
import { Fachdienst } from '../domain/appointment.js';
import { Role } from './sync-api.js';

/** A built-in account for deployments without an identity provider. */
export const ConfiguredAccount = z.object({
  id: z.string().min(1).max(64),
  username: z.string().min(1).max(128),
  displayName: z.string().min(1).max(200),
  role: Role,
  fachdienst: Fachdienst.nullable(),
  region: z.string().min(1).max(64),
  /** `scrypt$N$r$p$salt$hash` as printed by `npm run server -- hash-password`. Never a clear-text password. */
  passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
});
export type ConfiguredAccount = z.infer<typeof ConfiguredAccount>;

/** Bearer tokens (JWT) from the agency's identity provider (OIDC), checked against its signing keys (JWKS). */
export const OidcConfig = z
  .object({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    /** Where the identity provider publishes its keys; exactly one of jwksUrl and jwksFile. */
    jwksUrl: z.url().optional(),
    jwksFile: z.string().min(1).optional(),
    algorithms: z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])).min(1).default(['RS256', 'ES256']),
    clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
    /** Names of the claims that carry the user's attributes. */
    claims: z
      .object({
        name: z.string().min(1).default('name'),
        role: z.string().min(1).default('beratungsraum_role'),
        fachdienst: z.string().min(1).default('fachdienst'),
        region: z.string().min(1).default('region'),
      })
      .prefault({}),
  })
  .refine((oidc) => (oidc.jwksUrl === undefined) !== (oidc.jwksFile === undefined), {
    message: 'Genau eines von jwksUrl und jwksFile angeben.',
    path: ['jwksUrl'],
  });
export type OidcConfig = z.infer<typeof OidcConfig>;

export const ServerConfig = z.object({
  http: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 picks a free port. */
      port: z.number().int().min(0).max(65535).default(8470),
      /** The address customers and clients use (behind a reverse proxy); defaults to the listening address. */
      publicUrl: z.url().optional(),
      /** Upper bound of a request body; a bigger one is refused with 413 before it is read to the end. */
      bodyLimitBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(4 * 1024 * 1024),
      /** Send Strict-Transport-Security: set when TLS terminates in front of the server. */
      hsts: z.boolean().default(false),
      /** Take the client address from X-Forwarded-For (only behind a trusted reverse proxy). */
      trustProxy: z.boolean().default(false),
      /** Open TCP connections in total (HTTP and WebSocket); more are answered 503 and closed. */
      maxConnections: z.number().int().min(16).max(1_000_000).default(4096),
      /**
       * Open TCP connections per client address (not applied with `trustProxy`: there the proxy is the peer). Generous,
       * because an office behind NAT shares one address.
       */
      maxConnectionsPerIp: z.number().int().min(4).max(1_000_000).default(256),
      /** A request's headers must arrive within this; slow-header sockets are cut after it. */
      headersTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
      /** A whole request (headers and body) must arrive within this. */
      requestTimeoutMs: z.number().int().min(2000).max(600_000).default(20_000),
    })
    .refine((http) => http.headersTimeoutMs < http.requestTimeoutMs, {
      message: '„headersTimeoutMs“ muss kleiner als „requestTimeoutMs“ sein.',
      path: ['headersTimeoutMs'],
    })
    .prefault({}),
  storage: z
    .object({
      kind: z.literal('sqlite').default('sqlite'),
      /** Folder of the SQLite file; relative paths are resolved against the working directory. */
      dataDir: z.string().min(1).default('server-data'),
    })
    .prefault({}),
  demo: z
    .object({
      /** Seed demo accounts and two weeks of appointments into an empty store. */
      enabled: z.boolean().default(false),
      seed: z.number().int().default(4711),
      /** First day (Monday) of the demo fortnight; defaults to the Monday of the current week. */
      startDate: z.iso.date().optional(),
      /** The instant the statuses are drawn for (over: held/no-show/cancelled; later: planned); default: now. */
      asOf: z.iso.datetime({ offset: true }).optional(),
    })
    .prefault({}),
  auth: z
    .object({
      sessionTtlMinutes: z.number().int().min(5).max(24 * 60).default(10 * 60),
      /** A refresh token not spent within this many days expires (a laptop left unused must sign in again). */
      refreshIdleDays: z.number().int().min(1).max(90).default(7),
      /** However often it is refreshed, a sign-in ends after this many days and asks for the password again. */
      refreshMaxDays: z.number().int().min(1).max(365).default(30),
      /**
       * Failed logins per (username, client address) within `lockoutWindowMinutes` before each further attempt from
       * that address waits a doubling delay (1 s, 2 s, … up to the window). Never a lock: other addresses are untouched.
       */
      maxFailedLogins: z.number().int().min(1).max(100).default(5),
      lockoutWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
      accounts: z.array(ConfiguredAccount).default([]),
      oidc: OidcConfig.optional(),
    })
    .prefault({}),
  signalling: z.unknown().optional(),
  guest: z.unknown().optional(),
  turn: z.unknown().optional(),
  review: z.unknown().optional(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
/** The file as written by people: every key optional. */
export type ServerConfigInput = z.input<typeof ServerConfig>;

/**
 * Bearer tokens from the agency's identity provider: a JWT signed with one of the keys the IdP publishes
 * (JWKS), checked with `jose` for signature, algorithm, issuer, audience, expiry and not-before. The user's
 * role, Fachdienst and region come from claims whose names the config sets; a token without a valid role is
 * refused rather than given a default, so a misconfigured IdP never grants more than it meant to.
 */
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { Fachdienst } from '../../src-shared/domain/appointment.js';
import type { OidcConfig } from '../../src-shared/http/server-config.js';
import { Role, SessionUser } from '../../src-shared/http/sync-api.js';

const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) });

export type BearerRejection = 'expired' | 'bad_signature' | 'bad_claims' | 'malformed';

/** The identity provider's keys could not be fetched: the token may be fine, the check could not run. */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

export class BearerRejected extends Error {
  override readonly name = 'BearerRejected';
  constructor(
    readonly reason: BearerRejection,
    message: string,
  ) {
    super(message);
  }
}

export interface JwtValidator {
  /** The user a valid token stands for; throws BearerRejected otherwise. */
  validate(token: string): Promise<SessionUser>;
}

export async function loadJwks(config: OidcConfig): Promise<JWTVerifyGetKey> {
  if (config.jwksFile !== undefined) {
    const parsed = Jwks.safeParse(JSON.parse(await readFile(config.jwksFile, 'utf8')));
    if (!parsed.success) throw new Error(`Die Schlüsseldatei ${config.jwksFile} ist kein JWKS ({"keys": [...]}).`);
    return createLocalJWKSet(parsed.data as Parameters<typeof createLocalJWKSet>[0]);
  }
  // Cached and refreshed by jose when a token names an unknown key id (key rotation at the IdP).
  return createRemoteJWKSet(new URL(config.jwksUrl as string), { timeoutDuration: 5000, cooldownDuration: 30_000 });
}

export async function createJwtValidator(config: OidcConfig): Promise<JwtValidator> {
  const keys = await loadJwks(config);
  const claimValue = (payload: Record<string, unknown>, name: string): unknown => payload[name];

  return {
    async validate(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: config.algorithms,
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new BearerRejected('expired', 'Die Anmeldung ist abgelaufen. Melden Sie sich neu an.');
        if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
          throw new KeysUnavailable(`Schlüssel des Identitätsanbieters nicht abrufbar: ${String(error)}`);
        }
        if (error instanceof errors.JWTClaimValidationFailed) {
          throw new BearerRejected('bad_claims', `Das Token ist nicht für diesen Server ausgestellt (${error.claim}). Melden Sie sich neu an.`);
        }
        throw new BearerRejected('bad_signature', 'Das Token ist nicht gültig signiert. Melden Sie sich neu an.');
      }
      const role = Role.safeParse(claimValue(payload, config.claims.role));
      const fachdienstRaw = claimValue(payload, config.claims.fachdienst);
      const fachdienst = fachdienstRaw === undefined || fachdienstRaw === null ? { success: true as const, data: null } : Fachdienst.safeParse(fachdienstRaw);
      const user = SessionUser.safeParse({
        id: payload.sub,
        displayName: claimValue(payload, config.claims.name) ?? payload.sub,
        role: role.success ? role.data : undefined,
        fachdienst: fachdienst.success ? fachdienst.data : undefined,
        region: claimValue(payload, config.claims.region),
      });
      if (!role.success || !fachdienst.success || !user.success) {
        throw new BearerRejected(
          'bad_claims',
          `Das Token enthält keine gültige Rolle, keinen gültigen Fachdienst oder keine Region (Claims ${config.claims.role}, ${config.claims.fachdienst}, ${config.claims.region}). Wenden Sie sich an die Administration des Identitätsanbieters.`,
        );
      }
      // Counsellors without a Fachdienst would fall through every visibility rule; refuse them explicitly.
      if (user.data.role === 'counsellor' && user.data.fachdienst === null) {
        throw new BearerRejected('bad_claims', 'Das Token nennt für eine Beratungsfachkraft keinen Fachdienst. Wenden Sie sich an die Administration des Identitätsanbieters.');
      }
      return user.data;
    },
  };
}

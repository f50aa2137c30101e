/**
 * Who is calling: built-in accounts (username + password → opaque session token, stored only as its SHA-256)
 * or, where configured, a JWT from the identity provider. Every refusal is audited.
 *
 * A built-in sign-in also gets a refresh token, so a laptop stays signed in across restarts without keeping the
 * password: spent once per refresh, rotated each time, its family revoked on sign-out or when a spent one is
 * shown again (it was copied). It ends after `refreshIdleDays` unused and `refreshMaxDays` in all.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { LoginReply, SessionUser } from '../../src-shared/http/sync-api.js';
import type { Auditor } from '../access/audit.js';
import { HttpError } from '../http/errors.js';
import type { Repository } from '../storage/repository.js';
import { createLoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { BearerRejected, KeysUnavailable, type JwtValidator } from './oidc.js';

export interface AuthSettings {
  readonly sessionTtlMinutes: number;
  readonly maxFailedLogins: number;
  readonly lockoutWindowMinutes: number;
  readonly refreshIdleDays: number;
  readonly refreshMaxDays: number;
}

export interface Authenticator {
  login(username: string, password: string, ip: string): Promise<z.infer<typeof LoginReply>>;
  /** The caller of `req`; throws a 401 HttpError (after auditing it) when there is none. */
  authenticate(req: IncomingMessage, ip: string, action: string): Promise<SessionUser>;
  /** Spends a refresh token for a new sign-in pair; throws a 401 HttpError (audited) when it is not valid. */
  refresh(refreshToken: string, ip: string): Promise<z.infer<typeof LoginReply>>;
  /** Ends the bearer's session and, with a refresh token, every credential of its sign-in. */
  logout(req: IncomingMessage, refreshToken?: string): Promise<void>;
}

const SESSION_PREFIX = 'brs_';
const REFRESH_PREFIX = 'brr_';
const DAY_MS = 86_400_000;
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,8192})$/.exec(header.trim());
  return match?.[1] ?? null;
}

const unauthenticated = (message: string): HttpError => new HttpError(401, 'UNAUTHENTICATED', message);

export function createAuthenticator(
  repository: Repository,
  audit: Auditor,
  settings: AuthSettings,
  jwt: JwtValidator | null,
  log: (message: string) => void,
): Authenticator {
  const throttle = createLoginThrottle({ freeFailures: settings.maxFailedLogins, windowMs: settings.lockoutWindowMinutes * 60_000 });

  /** A session token and the next refresh token of the sign-in `familyId`. */
  async function issue(user: SessionUser, familyId: string, familyExpiresAtMs: number, now: number): Promise<z.infer<typeof LoginReply>> {
    const token = SESSION_PREFIX + randomBytes(32).toString('base64url');
    const expiresAtMs = now + settings.sessionTtlMinutes * 60_000;
    await repository.sessions.create(hashToken(token), user.id, expiresAtMs);
    const refreshToken = REFRESH_PREFIX + randomBytes(32).toString('base64url');
    const refreshExpiresAtMs = Math.min(now + settings.refreshIdleDays * DAY_MS, familyExpiresAtMs);
    await repository.refreshTokens.create({ hash: hashToken(refreshToken), userId: user.id, familyId, expiresAtMs: refreshExpiresAtMs, familyExpiresAtMs });
    return { token, user, expiresAt: new Date(expiresAtMs).toISOString(), refreshToken, refreshExpiresAt: new Date(refreshExpiresAtMs).toISOString() };
  }

  return {
    async login(username, password, ip) {
      const now = Date.now();
      const verdict = throttle.check(username, ip, now);
      if (!verdict.allowed) {
        // Refused before the password is looked at: waiting is the only way on, for a guesser as for a typo.
        await audit.denied(null, ip, 'auth.login', username, 'throttled');
        const seconds = Math.ceil(verdict.retryAfterMs / 1000);
        throw new HttpError(
          429,
          'LOGIN_THROTTLED',
          `Zu viele fehlgeschlagene Anmeldungen von diesem Gerät. Bitte warten Sie ${seconds} Sekunde${seconds === 1 ? '' : 'n'} und versuchen Sie es dann erneut.`,
        );
      }
      const account = await repository.accounts.byUsername(username);
      const ok = await verifyPassword(password, account?.passwordHash ?? null);
      if (!account || !ok) {
        throttle.failed(username, ip, now);
        await audit.denied(null, ip, 'auth.login', username, account ? 'bad_password' : 'unknown_user');
        throw new HttpError(401, 'LOGIN_FAILED', 'Benutzername oder Passwort ist falsch. Prüfen Sie die Eingabe (Groß-/Kleinschreibung).');
      }
      throttle.succeeded(username, ip);
      const { username: _username, passwordHash: _hash, ...user } = account;
      return issue(user, randomUUID(), now + settings.refreshMaxDays * DAY_MS, now);
    },

    async refresh(refreshToken, ip) {
      const now = Date.now();
      const spent = refreshToken.startsWith(REFRESH_PREFIX) ? await repository.refreshTokens.spend(hashToken(refreshToken), now) : null;
      const user = spent ? await repository.accounts.byId(spent.userId) : null;
      if (spent?.state !== 'valid' || !user) {
        await audit.denied(user, ip, 'auth.refresh', null, spent?.state === 'reused' ? 'refresh_reused' : 'refresh_invalid');
        throw unauthenticated('Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.');
      }
      return issue(user, spent.familyId, spent.familyExpiresAtMs, now);
    },

    async authenticate(req, ip, action) {
      const token = bearerOf(req);
      if (token === null) {
        await audit.denied(null, ip, action, null, 'no_token');
        throw unauthenticated('Anmeldung erforderlich: senden Sie das Token als "Authorization: Bearer <token>".');
      }
      if (token.startsWith(SESSION_PREFIX)) {
        const userId = await repository.sessions.lookup(hashToken(token), Date.now());
        const user = userId === null ? null : await repository.accounts.byId(userId);
        if (!user) {
          await audit.denied(null, ip, action, null, 'session_invalid');
          throw unauthenticated('Die Sitzung ist abgelaufen oder ungültig. Melden Sie sich neu an.');
        }
        return user;
      }
      if (jwt === null) {
        await audit.denied(null, ip, action, null, 'token_unknown');
        throw unauthenticated('Das Token ist unbekannt. Melden Sie sich neu an.');
      }
      try {
        return await jwt.validate(token);
      } catch (error) {
        if (error instanceof KeysUnavailable) {
          log(error.message);
          throw new HttpError(503, 'IDP_UNREACHABLE', 'Der Identitätsanbieter ist gerade nicht erreichbar. Versuchen Sie es in einigen Minuten erneut.');
        }
        if (!(error instanceof BearerRejected)) throw error;
        await audit.denied(null, ip, action, null, `jwt_${error.reason}`);
        throw unauthenticated(error.message);
      }
    },

    async logout(req, refreshToken) {
      const token = bearerOf(req);
      if (token?.startsWith(SESSION_PREFIX)) await repository.sessions.remove(hashToken(token));
      if (refreshToken?.startsWith(REFRESH_PREFIX)) await repository.refreshTokens.revokeFamilyOf(hashToken(refreshToken));
    },
  };
}

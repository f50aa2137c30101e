/**
 * GET /api/v1/readiness/turn-credentials — TURN credentials for the device-readiness check outside any room, so
 * staff laptops measure the relay without holding coturn's static secret (whoever holds it can mint credentials
 * at will). Counsellors and IT support get one grant, lifetime the `turn.ttlSeconds` of the config capped at ten
 * minutes; the username names the account, never a customer. Nothing here touches customer data, so nothing is
 * audited beyond the authenticator's own refusals.
 */
import { READINESS_TURN_MAX_TTL_SECONDS, READINESS_TURN_PATH, type ReadinessTurnGrant } from '../../src-shared/readiness/turn-grant.js';
import { TurnSettings } from '../../src-shared/signalling/config.js';
import type { ServerExtension } from '../core.js';
import { HttpError } from '../http/errors.js';
import { sendJson } from '../http/router.js';
import { turnCredentials } from './credentials.js';

const STAFF_ROLES: ReadonlySet<string> = new Set(['counsellor', 'it_support']);

export const readinessTurnExtension: ServerExtension = {
  name: 'readiness-turn',
  setup(core) {
    const turn = TurnSettings.parse(core.config.turn ?? {});
    const config = { secret: turn.secret ?? '', urls: turn.urls, ttlSeconds: Math.min(turn.ttlSeconds, READINESS_TURN_MAX_TTL_SECONDS) };
    return {
      routes: [
        {
          method: 'GET',
          path: READINESS_TURN_PATH,
          async handle(ctx) {
            const user = await core.auth.authenticate(ctx.req, ctx.ip, 'readiness.turn');
            if (!STAFF_ROLES.has(user.role)) {
              throw new HttpError(403, 'FORBIDDEN', 'Die Netzprüfung mit TURN-Zugang ist Beraterinnen, Beratern und dem IT-Support vorbehalten. Melden Sie sich mit einem dieser Konten an.');
            }
            const grant = turnCredentials(config, `geraetepruefung.${user.id}`);
            const reply: ReadinessTurnGrant = { turnUrls: grant.iceServers.length ? config.urls : [], iceServers: grant.iceServers, expiresAt: grant.expiresAt };
            sendJson(ctx.res, 200, reply);
          },
        },
      ],
    };
  },
};

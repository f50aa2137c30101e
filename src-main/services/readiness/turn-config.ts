/**
 * Which TURN server the readiness check measures, until the server hands staff clients their TURN grant outside a
 * room: `BERATUNGSRAUM_TURN_URLS` (comma-separated turn: URLs) for both the app and the command line, and for the
 * app's relay data channel `BERATUNGSRAUM_TURN_SECRET` (coturn's static-auth-secret) to mint short-lived
 * credentials the way the server does. Without a secret the app still probes reachability by STUN.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../../src-shared/signalling/messages.js';

export const turnUrlsFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env.BERATUNGSRAUM_TURN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

/** Credentials valid for ten minutes: long enough for one check, useless soon after. */
export function readinessIceServers(env: NodeJS.ProcessEnv = process.env, now = Date.now()): IceServer[] {
  const urls = turnUrlsFromEnv(env);
  const secret = env.BERATUNGSRAUM_TURN_SECRET ?? '';
  if (urls.length === 0 || !secret) return [];
  const username = `${Math.floor(now / 1000) + 600}:geraetepruefung`;
  return [{ urls, username, credential: createHmac('sha1', secret).update(username).digest('base64') }];
}

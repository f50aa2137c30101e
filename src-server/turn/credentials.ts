/**
 * Time-limited TURN credentials in coturn's `use-auth-secret` scheme ("TURN REST API",
 * draft-uberti-behave-turn-rest-00): username = `<expiry unix seconds>:<user>`,
 * credential = base64(HMAC-SHA1(static-auth-secret, username)). coturn checks both without a database.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../src-shared/signalling/messages.js';

export interface TurnConfig {
  /** coturn's `static-auth-secret`; empty disables TURN (direct paths only). */
  secret: string;
  /** e.g. `turn:turn.example.org:3478?transport=udp`, `turns:turn.example.org:5349?transport=tcp`. */
  urls: string[];
  /** Lifetime of one credential in seconds. */
  ttlSeconds: number;
}

export interface TurnGrant {
  iceServers: IceServer[];
  expiresAt: string | null;
}

export function turnCredentials(config: TurnConfig, user: string, now: number = Date.now()): TurnGrant {
  if (!config.secret || config.urls.length === 0) return { iceServers: [], expiresAt: null };
  const expiry = Math.floor(now / 1000) + config.ttlSeconds;
  const username = `${expiry}:${user}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return { iceServers: [{ urls: config.urls, username, credential }], expiresAt: new Date(expiry * 1000).toISOString() };
}

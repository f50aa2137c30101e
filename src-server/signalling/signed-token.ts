/**
 * Compact HMAC-SHA256 signed tokens: `base64url(json).base64url(mac)`. Used for guest links and resume tokens.
 * Each use passes its own `purpose`, mixed into the MAC, so a resume token can never pass as a guest link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenCheck<T> = { ok: true; payload: T } | { ok: false; reason: 'malformed' | 'bad_signature' };

export class TokenSigner {
  private readonly secret: Buffer;

  constructor(secret: string | Buffer) {
    this.secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    // A short secret makes forging feasible; refuse to start rather than run weakly.
    if (this.secret.length < 32) throw new Error('Das Server-Geheimnis muss mindestens 32 Byte lang sein (BERATUNGSRAUM_SECRET).');
  }

  sign(purpose: string, payload: object): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(purpose, body).toString('base64url')}`;
  }

  verify<T>(purpose: string, token: string): TokenCheck<T> {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(purpose, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    try {
      return { ok: true, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  }

  private mac(purpose: string, body: string): Buffer {
    return createHmac('sha256', this.secret).update(purpose).update('\0').update(body).digest();
  }
}

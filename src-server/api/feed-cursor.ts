/**
 * The appointment feed's cursor, sealed: AES-256-GCM under the data set's cursor key, with a fresh nonce on every
 * reply and a fixed-width plaintext. It used to be readable base64 JSON with the store's global change counter, so
 * a user without the BPS role saw it jump when BPS data changed (issue 13, B2). Sealed, a cursor tells its holder
 * nothing (not the counter, not whether anything changed: every reply's cursor is new and of the same length), and
 * one that was altered or comes from another data set does not open, so the feed starts over with a snapshot.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface FeedPosition {
  /** The data set's epoch. */
  e: string;
  /** Change sequence number the cursor continues after. */
  s: number;
  /** The window it was issued for. */
  f: string;
  t: string;
}

const Position = z.object({ e: z.string(), s: z.string().regex(/^\d{15}$/), f: z.string(), t: z.string() });
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Fifteen digits: the counter's width never shows in the cursor's length. */
const SEQ_WIDTH = 15;

export function sealCursor(key: Buffer, position: FeedPosition): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const plain = JSON.stringify({ e: position.e, s: String(position.s).padStart(SEQ_WIDTH, '0'), f: position.f, t: position.t });
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The position, or null for a cursor that does not open with this key (altered, forged, another data set). */
export function openCursor(key: Buffer, cursor: string): FeedPosition | null {
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const position = Position.parse(JSON.parse(plain));
    return { ...position, s: Number(position.s) };
  } catch {
    return null;
  }
}

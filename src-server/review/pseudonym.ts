/**
 * Keyed pseudonyms for the case review: HMAC-SHA256 under a secret that never leaves the server. Without the
 * secret a pseudonym cannot be linked back to a customer number (unlike a plain hash, which anyone can compute
 * for all ~10^10 possible customer numbers); with it, the same customer gets the same pseudonym in every export,
 * so a reviewer can follow a case over months.
 */
import { createHmac } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a pseudonym read aloud or copied by hand stays unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export const MIN_SECRET_BYTES = 32;

export class ReviewSecretError extends Error {
  override readonly name = 'ReviewSecretError';
}

export interface Pseudonymizer {
  customer(customerNumber: string): string;
  note(noteId: string): string;
}

export function createPseudonymizer(secret: string): Pseudonymizer {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new ReviewSecretError(
      `Das Geheimnis für Pseudonyme (BERATUNGSRAUM_VKB_SECRET) muss mindestens ${MIN_SECRET_BYTES} Bytes lang sein. Bitte z. B. mit „openssl rand -base64 48“ erzeugen.`,
    );
  }
  // Domain separation: a customer number and a note id never share a pseudonym space.
  const keyed = (domain: string, value: string): Buffer => createHmac('sha256', secret).update(`${domain}\0${value}`).digest();
  return {
    customer: (customerNumber) => `K-${base32(keyed('customer', customerNumber.trim().toUpperCase()), 16)}`,
    note: (noteId) => `F-${base32(keyed('note', noteId.toLowerCase()), 16)}`,
  };
}

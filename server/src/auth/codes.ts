/**
 * Join codes: short enough to read aloud, high in entropy, stored only as a keyed hash.
 *
 * A code is 12 characters of Crockford base32 in three groups (e.g. `K7QM-2XHD-9PRA`): 60 bits
 * of entropy, no I/L/O/U to confuse a listener. Input is normalised (case, spaces, dashes, and
 * the Crockford look-alikes) before it is hashed with HMAC-SHA-256 and the server secret.
 */
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

export function newCode(): string {
  let out = '';
  // Each byte's low 5 bits pick one of the 32 letters.
  for (const byte of randomBytes(CODE_LENGTH)) out += ALPHABET.charAt(byte & 31);
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** Canonical form of what someone typed, or null if it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s;
}

export function hashCode(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

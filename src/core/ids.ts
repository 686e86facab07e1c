import { randomInt } from 'node:crypto';

/** Crockford-style alphabet: no I, L, O, U, so ids read aloud and typed from a phone survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REQUEST_ID = /^R-[0-9A-HJKMNP-TV-Z]{6,12}$/;

export type RequestId = `R-${string}`;

/** A new request id such as `R-7KQ2M9AB`. Callers must still claim it atomically (SET NX) in Redis. */
export function newRequestId(length = 8): RequestId {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `R-${s}`;
}

export function isRequestId(value: string): value is RequestId {
  return REQUEST_ID.test(value);
}

import { crc32 } from './crc32.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function toBase62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62))
    out = BASE62.charAt(rest % 62) + out;
  return out.padStart(width, '0');
}

/**
 * GitHub's and npm's token format: `<prefix>_` + 30 random base62 characters + the 6-character
 * base62 CRC-32 of those 30 characters. Rejects random strings that merely look like tokens.
 */
export function hasBase62Crc32(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length < 7) return false;
  const random = body.slice(0, -6);
  return toBase62(crc32(random), 6) === body.slice(-6);
}

/** Builds a well-formed token from a prefix and its random part (for examples and tests). */
export function withBase62Crc32(prefix: string, random: string): string {
  return `${prefix}_${random}${toBase62(crc32(random), 6)}`;
}

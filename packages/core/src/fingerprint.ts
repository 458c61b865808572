import { createHash } from 'node:crypto';

/**
 * A content-based fingerprint: a hash of the rule, the path and what was found
 * (e.g. the hash of a secret, a normalised code snippet, a package and advisory).
 * Line numbers are deliberately left out so the fingerprint survives code moving.
 */
export function fingerprint(ruleId: string, path: string, content: string): string {
  return createHash('sha256')
    .update(ruleId)
    .update('\0')
    .update(path)
    .update('\0')
    .update(content)
    .digest('hex')
    .slice(0, 32);
}

/** SHA-256 hex digest, for hashing a secret before it goes anywhere near a fingerprint. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

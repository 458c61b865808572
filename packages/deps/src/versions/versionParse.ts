import { compareText } from './ordering.js';

/**
 * The outcome of parsing a version string. Versions come from lockfiles and advisories written by
 * others, so an unparseable one is an expected value, not an exception.
 */
export type VersionParse<V> = { ok: true; version: V } | { ok: false; reason: string };

/** Orders two parse results: versions in their ecosystem's order, unparseable text before them. */
export function compareParsed<V>(
  a: VersionParse<V>,
  b: VersionParse<V>,
  rawA: string,
  rawB: string,
  compare: (x: V, y: V) => number,
): number {
  if (a.ok && b.ok) return compare(a.version, b.version);
  if (a.ok) return 1;
  if (b.ok) return -1;
  return compareText(rawA, rawB);
}

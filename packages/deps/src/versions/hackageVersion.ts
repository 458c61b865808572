import { compareNumberLists, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A Hackage (Cabal) version: non-negative integers separated by `.`, ordered as lists, so
 * `1.0` < `1.0.0`.
 */
export interface HackageVersion {
  readonly components: readonly string[];
}

/** Parses a Hackage version. */
export function parseHackageVersion(text: string): VersionParse<HackageVersion> {
  const components = text.trim().split('.');
  if (!components.every(isDigits))
    return { ok: false, reason: 'expected integers separated by "."' };
  return { ok: true, version: { components } };
}

/**
 * Compares two Hackage versions.
 *
 * @example compareHackageVersions('1.0', '1.0.0') // < 0
 */
export function compareHackageVersions(a: string, b: string): number {
  return compareParsed(parseHackageVersion(a), parseHackageVersion(b), a, b, (x, y) =>
    compareNumberLists(x.components, y.components),
  );
}

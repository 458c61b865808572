import { compareText } from './ordering.js';
import {
  compareIdentifiers,
  compareSemver,
  parseSemverVersion,
  type SemverVersion,
} from './semverVersion.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/** Pub (Dart) versions are semantic versions; `pub_semver` orders them the same way. */
export function parsePubVersion(text: string): VersionParse<SemverVersion> {
  return parseSemverVersion(text);
}

/**
 * Dart's order differs from SemVer's in one point: build metadata counts. A version with a build
 * follows the same version without one, and builds compare like pre-release identifiers.
 */
function comparePub(a: SemverVersion, b: SemverVersion): number {
  const order = compareSemver(a, b);
  if (order !== 0) return order;
  if (a.build.length === 0) return b.build.length === 0 ? 0 : -1;
  if (b.build.length === 0) return 1;
  return compareIdentifiers(a.build, b.build, compareText);
}

/**
 * Compares two Pub versions.
 *
 * @example comparePubVersions('1.0.0', '1.0.0+build') // < 0
 */
export function comparePubVersions(a: string, b: string): number {
  return compareParsed(parsePubVersion(a), parsePubVersion(b), a, b, comparePub);
}

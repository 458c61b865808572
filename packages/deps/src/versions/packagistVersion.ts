import { compareDigits, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A Packagist (Composer) version, canonicalised as PHP's `version_compare` does: a leading `v`
 * dropped, `-`, `_` and `+` read as `.`, and a `.` inserted wherever digits meet non-digits, so
 * `1.0.0rc2` = `1.0.0.rc2` and `1.25.0-beta2.1` = `1.25.0.beta.2.1`.
 */
export interface PackagistVersion {
  readonly parts: readonly string[];
}

/** Parses a Packagist version; anything without spaces is one to PHP. */
export function parsePackagistVersion(text: string): VersionParse<PackagistVersion> {
  let version = text.trim();
  if (version === '' || /\s/.test(version))
    return { ok: false, reason: 'empty or contains spaces' };
  if (version.startsWith('v') || version.startsWith('V')) version = version.slice(1);
  const parts = version
    .replace(/[-_+]/g, '.')
    .replace(/(?<=\d)(?=[^\d.])|(?<=[^\d.])(?=\d)/g, '.')
    .split('.');
  return { ok: true, version: { parts } };
}

/**
 * PHP's special forms, matched as prefixes in this order (so `alpha2` is alpha and `patch` is
 * `p`); anything else sorts before all of them. A number counts as `#`.
 */
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_RANK = 4;

function specialRank(part: string): number {
  if (isDigits(part)) return NUMBER_RANK;
  for (const [form, rank] of SPECIAL_FORMS) if (part.startsWith(form)) return rank;
  return -1;
}

function comparePart(a: string, b: string): number {
  if (isDigits(a) && isDigits(b)) return compareDigits(a, b);
  return Math.sign(specialRank(a) - specialRank(b));
}

/** What is left of the longer version decides: a number wins, a special form meets `#`. */
function compareTail(parts: readonly string[]): number {
  for (const part of parts) {
    if (isDigits(part)) return 1;
    const order = Math.sign(specialRank(part) - NUMBER_RANK);
    if (order !== 0) return order;
  }
  return 0;
}

function comparePackagist(a: PackagistVersion, b: PackagistVersion): number {
  const length = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < length; i++) {
    const order = comparePart(a.parts[i] ?? '', b.parts[i] ?? '');
    if (order !== 0) return order;
  }
  if (a.parts.length > length) return compareTail(a.parts.slice(length));
  if (b.parts.length > length) return -compareTail(b.parts.slice(length));
  return 0;
}

/**
 * Compares two Packagist versions.
 *
 * @example comparePackagistVersions('1.0-dev', '1.0a1') // < 0
 */
export function comparePackagistVersions(a: string, b: string): number {
  return compareParsed(parsePackagistVersion(a), parsePackagistVersion(b), a, b, comparePackagist);
}

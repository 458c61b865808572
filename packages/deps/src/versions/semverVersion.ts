import { compareDigits, compareText, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A Semantic Versioning 2.0 version, read leniently the way OSV reads `SEMVER` and `ECOSYSTEM`
 * versions of npm, crates.io and Hex: a `v` prefix is allowed, missing minor and patch are zero,
 * and numeric components beyond the third belong to the build metadata.
 */
export interface SemverVersion {
  /** major, minor and patch as digit strings (unbounded). */
  readonly core: readonly [string, string, string];
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

const IDENTIFIER = /^[0-9A-Za-z-]+$/;

/** Parses a semantic version. */
export function parseSemverVersion(text: string): VersionParse<SemverVersion> {
  let rest = text.trim();
  if (rest.startsWith('v') || rest.startsWith('V')) rest = rest.slice(1);
  const plus = rest.indexOf('+');
  const buildText = plus === -1 ? undefined : rest.slice(plus + 1);
  if (plus !== -1) rest = rest.slice(0, plus);
  const dash = rest.indexOf('-');
  const prereleaseText = dash === -1 ? undefined : rest.slice(dash + 1);
  if (dash !== -1) rest = rest.slice(0, dash);

  const numbers = rest.split('.');
  if (!numbers.every(isDigits))
    return { ok: false, reason: `not a numeric version core: "${rest}"` };
  const [major = '0', minor = '0', patch = '0', ...extra] = numbers;
  const prerelease = prereleaseText === undefined ? [] : prereleaseText.split('.');
  const build = [...extra, ...(buildText === undefined ? [] : buildText.split('.'))];
  for (const identifier of [...prerelease, ...build]) {
    if (!IDENTIFIER.test(identifier))
      return { ok: false, reason: `invalid identifier "${identifier}"` };
  }
  return { ok: true, version: { core: [major, minor, patch], prerelease, build } };
}

/** Orders two parsed semantic versions by precedence; build metadata is ignored. */
export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  for (let i = 0; i < 3; i++) {
    const order = compareDigits(a.core[i] ?? '0', b.core[i] ?? '0');
    if (order !== 0) return order;
  }
  // A release follows every pre-release of the same core.
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  return compareIdentifiers(a.prerelease, b.prerelease, compareText);
}

/**
 * Orders dot-separated identifier lists as SemVer orders pre-releases: numeric identifiers
 * numerically and before alphanumeric ones, which compare as text; a shorter list that is a prefix
 * of the other comes first.
 */
export function compareIdentifiers(
  a: readonly string[],
  b: readonly string[],
  compareAlphanumeric: (x: string, y: string) => number,
): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNumeric = isDigits(x);
    const yNumeric = isDigits(y);
    let order: number;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric) order = -1;
    else if (yNumeric) order = 1;
    else order = compareAlphanumeric(x, y);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

/**
 * Compares two npm, crates.io or Hex versions by SemVer precedence.
 *
 * @example compareSemverVersions('1.0.0-rc.1', '1.0.0') // < 0
 */
export function compareSemverVersions(a: string, b: string): number {
  return compareParsed(parseSemverVersion(a), parseSemverVersion(b), a, b, compareSemver);
}

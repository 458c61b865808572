import { compareSemver, parseSemverVersion, type SemverVersion } from './semverVersion.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * Go module versions are semantic versions, written with a `v` prefix in go.mod and without it in
 * OSV. A pseudo-version (`v0.0.0-20200101000000-abcdef123456`, `v1.2.4-0.2020…`) is an ordinary
 * pre-release and orders by its timestamp; `+incompatible` is build metadata and does not count.
 */
export function parseGoVersion(text: string): VersionParse<SemverVersion> {
  const trimmed = text.trim();
  if (trimmed.startsWith('V')) return { ok: false, reason: 'Go versions use a lowercase "v"' };
  return parseSemverVersion(trimmed);
}

/**
 * Compares two Go module versions.
 *
 * @example compareGoVersions('v1.2.3+incompatible', '1.2.3') // 0
 */
export function compareGoVersions(a: string, b: string): number {
  return compareParsed(parseGoVersion(a), parseGoVersion(b), a, b, compareSemver);
}

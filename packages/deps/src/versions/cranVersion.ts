import { compareNumberLists, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A CRAN package version: at least two non-negative integers separated by `.` or `-` (R's
 * `package_version`). Components compare numerically; a version that extends another follows it,
 * so `0.1.0` < `0.1.0.0`.
 */
export interface CranVersion {
  readonly components: readonly string[];
}

/** Parses a CRAN version. A single number (such as OSV's `0`) is accepted too. */
export function parseCranVersion(text: string): VersionParse<CranVersion> {
  const components = text.trim().split(/[.-]/);
  if (!components.every(isDigits)) {
    return { ok: false, reason: 'expected integers separated by "." or "-"' };
  }
  return { ok: true, version: { components } };
}

/**
 * Compares two CRAN versions.
 *
 * @example compareCranVersions('0.9', '0.75') // < 0
 */
export function compareCranVersions(a: string, b: string): number {
  return compareParsed(parseCranVersion(a), parseCranVersion(b), a, b, (x, y) =>
    compareNumberLists(x.components, y.components),
  );
}

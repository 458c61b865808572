import { compareDigits, isDigits } from './ordering.js';
import { compareIdentifiers } from './semverVersion.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A NuGet version: SemVer 2 extended to four numeric parts (the fourth is `Revision`), missing
 * parts zero, pre-release labels compared without regard to case, build metadata ignored.
 */
export interface NuGetVersion {
  /** The four numeric parts as digit strings. */
  readonly numbers: readonly [string, string, string, string];
  readonly prerelease: readonly string[];
}

const LABEL = /^[0-9A-Za-z-]+$/;

/** Parses a NuGet version. */
export function parseNuGetVersion(text: string): VersionParse<NuGetVersion> {
  let rest = text.trim();
  const plus = rest.indexOf('+');
  if (plus !== -1) rest = rest.slice(0, plus);
  const dash = rest.indexOf('-');
  const prerelease = dash === -1 ? [] : rest.slice(dash + 1).split('.');
  if (dash !== -1) rest = rest.slice(0, dash);
  const parts = rest.split('.');
  if (parts.length > 4 || !parts.every(isDigits)) {
    return { ok: false, reason: `expected one to four numeric parts, got "${rest}"` };
  }
  if (!prerelease.every((label) => LABEL.test(label))) {
    return { ok: false, reason: 'invalid pre-release label' };
  }
  const [major = '0', minor = '0', patch = '0', revision = '0'] = parts;
  return { ok: true, version: { numbers: [major, minor, patch, revision], prerelease } };
}

function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const order = compareDigits(a.numbers[i] ?? '0', b.numbers[i] ?? '0');
    if (order !== 0) return order;
  }
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  return compareIdentifiers(a.prerelease, b.prerelease, compareIgnoringCase);
}

function compareIgnoringCase(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

/**
 * Compares two NuGet versions.
 *
 * @example compareNuGetVersions('1.0', '1.0.0.0') // 0
 */
export function compareNuGetVersions(a: string, b: string): number {
  return compareParsed(parseNuGetVersion(a), parseNuGetVersion(b), a, b, compareNuGet);
}

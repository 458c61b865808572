import { compareDigits, compareText, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * A RubyGems version as `Gem::Version` sees it: numeric and letter segments. Any letter segment
 * makes it a prerelease (`1.0.a1` < `1.0`); `-` stands for `.pre.`.
 */
export interface RubyGemsVersion {
  /** Canonical segments: trailing zeros dropped from the release part and the prerelease part. */
  readonly segments: readonly string[];
}

const VERSION = /^[0-9][0-9A-Za-z.-]*$/;
const SEGMENT = /[0-9]+|[A-Za-z]+/g;

/** Parses a RubyGems version. */
export function parseRubyGemsVersion(text: string): VersionParse<RubyGemsVersion> {
  const trimmed = text.trim();
  if (!VERSION.test(trimmed)) return { ok: false, reason: 'not a RubyGems version' };
  const segments = trimmed.replaceAll('-', '.pre.').match(SEGMENT) ?? [];
  const firstLetters = segments.findIndex((segment) => !isDigits(segment));
  const split = firstLetters === -1 ? segments.length : firstLetters;
  return {
    ok: true,
    version: {
      segments: [
        ...withoutTrailingZeros(segments.slice(0, split)),
        ...withoutTrailingZeros(segments.slice(split)),
      ],
    },
  };
}

function withoutTrailingZeros(segments: string[]): string[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1])) end--;
  return segments.slice(0, end);
}

function isZero(segment: string | undefined): boolean {
  return segment !== undefined && /^0+$/.test(segment);
}

/** `Gem::Version#<=>`: missing segments are 0, letters sort before numbers. */
function compareRubyGems(a: RubyGemsVersion, b: RubyGemsVersion): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const x = a.segments[i] ?? '0';
    const y = b.segments[i] ?? '0';
    const xNumeric = isDigits(x);
    const yNumeric = isDigits(y);
    let order: number;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric) order = 1;
    else if (yNumeric) order = -1;
    else order = compareText(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Compares two RubyGems versions.
 *
 * @example compareRubyGemsVersions('1.0.a10', '1.0.a.9') // > 0
 */
export function compareRubyGemsVersions(a: string, b: string): number {
  return compareParsed(parseRubyGemsVersion(a), parseRubyGemsVersion(b), a, b, compareRubyGems);
}

import { compareDigits, isDigits } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/** A Debian package version, `[epoch:]upstream_version[-debian_revision]` (Debian Policy 5.6.12). */
export interface DebianVersion {
  readonly epoch: string;
  readonly upstream: string;
  /** Empty when absent, which orders the same as `0`. */
  readonly revision: string;
}

const UPSTREAM = /^[A-Za-z0-9.+~:-]+$/;
const REVISION = /^[A-Za-z0-9.+~]*$/;

/** Parses a Debian version. */
export function parseDebianVersion(text: string): VersionParse<DebianVersion> {
  let rest = text.trim();
  let epoch = '0';
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
    if (!isDigits(epoch)) return { ok: false, reason: `epoch "${epoch}" is not a number` };
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? '' : rest.slice(dash + 1);
  if (!UPSTREAM.test(upstream)) return { ok: false, reason: 'invalid upstream version' };
  if (!REVISION.test(revision)) return { ok: false, reason: 'invalid Debian revision' };
  return { ok: true, version: { epoch, upstream, revision } };
}

/**
 * The weight of one character in dpkg's non-digit comparison: `~` before the end of the part,
 * the end before letters, letters before every other character.
 */
function weight(text: string, index: number): number {
  if (index >= text.length) return 0;
  const c = text.charCodeAt(index);
  if (c === 126) return -1;
  if (isAsciiDigit(c)) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  return c + 256;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** dpkg's `verrevcmp`: alternate non-digit runs (by weight) and digit runs (numerically). */
function compareVersionPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isAsciiDigit(a.charCodeAt(i))) ||
      (j < b.length && !isAsciiDigit(b.charCodeAt(j)))
    ) {
      const order = weight(a, i) - weight(b, j);
      if (order !== 0) return order;
      i++;
      j++;
    }
    const startA = i;
    const startB = j;
    while (i < a.length && isAsciiDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isAsciiDigit(b.charCodeAt(j))) j++;
    const order = compareDigits(a.slice(startA, i) || '0', b.slice(startB, j) || '0');
    if (order !== 0) return order;
  }
  return 0;
}

function compareDebian(a: DebianVersion, b: DebianVersion): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareVersionPart(a.upstream, b.upstream) ||
    compareVersionPart(a.revision, b.revision)
  );
}

/**
 * Compares two Debian (or Ubuntu) package versions as dpkg does.
 *
 * @example compareDebianVersions('1.2.3-1~deb7u1', '1.2.3-1') // < 0
 */
export function compareDebianVersions(a: string, b: string): number {
  return compareParsed(parseDebianVersion(a), parseDebianVersion(b), a, b, compareDebian);
}

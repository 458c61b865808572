import { compareDigits, compareText } from './ordering.js';
import type { VersionParse } from './versionParse.js';

/**
 * An Alpine (apk) package version, `number{.number}…{letter}{_suffix{number}}…{~hash}{-r#}`
 * (apk-package(5)), split the way OSV's reference implementation (osv-scalibr `semantic`) reads
 * it, so that ranges in Alpine advisories order as OSV itself orders them (one deliberate
 * difference: see the suffix weights).
 */
export interface AlpineVersion {
  /** The dot-separated digit runs, as written (leading zeros kept: they matter, see below). */
  readonly numbers: readonly string[];
  /** One lower-case letter after the numbers, or `''`. */
  readonly letter: string;
  readonly suffixes: readonly AlpineSuffix[];
  /** `~` and lower-case hex digits, or `''`; a commit cannot be ordered, so it never counts. */
  readonly hash: string;
  /** The digits of `-r#`; `'0'` when absent or written as a bare `-r`. */
  readonly release: string;
  /** Text after the last part understood, `''` for a well-formed version. */
  readonly rest: string;
  /**
   * Whether the text stops making sense before the `-r` release: the version is then invalid,
   * and two invalid versions fall back to plain text order.
   */
  readonly invalid: boolean;
}

export interface AlpineSuffix {
  readonly name: AlpineSuffixName;
  /** Digits after the name; `'0'` when none. */
  readonly number: string;
}

export type AlpineSuffixName = 'alpha' | 'beta' | 'pre' | 'rc' | 'cvs' | 'svn' | 'git' | 'hg' | 'p';

/**
 * Suffix order: pre-release suffixes, then none, then post-release ones. osv-scalibr weighs a
 * missing suffix like `cvs` (`1.2_cvs` = `1.2`); apk puts `1.2_cvs` after `1.2`, and so does
 * Vigil — no fixture line tells the two apart.
 */
const SUFFIX_WEIGHT: Readonly<Record<AlpineSuffixName, number>> = {
  alpha: 0,
  beta: 1,
  pre: 2,
  rc: 3,
  cvs: 5,
  svn: 6,
  git: 7,
  hg: 8,
  p: 9,
};
const NO_SUFFIX = { weight: 4, number: '0' };

const NUMBERS = /^(?:\d+\.?)*/;
const LETTER = /^[a-z]/;
// Listed longest-first where one name starts another (`pre` before `p`).
const SUFFIX = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;
const HASH = /^~[0-9a-f]+/;
const RELEASE = /^-r(\d*)/;

function isSuffixName(name: string): name is AlpineSuffixName {
  return Object.hasOwn(SUFFIX_WEIGHT, name);
}

/**
 * Parses a well-formed Alpine version: it starts with a digit and every character belongs to a
 * part. Installed apk packages always have such versions; the reason names the first offending
 * offset otherwise.
 *
 * @example parseAlpineVersion('1.2.3b_rc1-r4') // { ok: true, version: { numbers: ['1', '2', '3'], letter: 'b', … } }
 */
export function parseAlpineVersion(text: string): VersionParse<AlpineVersion> {
  const version = readAlpineVersion(text);
  if (version.numbers.length === 0)
    return { ok: false, reason: 'an Alpine version starts with a digit' };
  if (version.rest !== '') {
    const offset = text.length - version.rest.length;
    return {
      ok: false,
      reason: `unexpected "${version.rest.slice(0, 16)}" at offset ${offset}`,
    };
  }
  return { ok: true, version };
}

/**
 * Reads any string as an Alpine version, as far as it goes: text apk does not understand is
 * kept in `rest`, and `invalid` tells whether it came before the release part.
 */
function readAlpineVersion(text: string): AlpineVersion {
  const numberText = NUMBERS.exec(text)?.[0] ?? '';
  // A trailing dot is swallowed with the numbers: apk accepts `1.` as `1`.
  const numbers = numberText.split('.').filter((part) => part !== '');
  let rest = text.slice(numberText.length);

  const letter = LETTER.test(rest) ? rest.slice(0, 1) : '';
  rest = rest.slice(letter.length);

  // Every `_suffix` anywhere in what is left counts, but only an unbroken run of them at the
  // start is consumed; a stray one further on leaves the version invalid and still orders it.
  const suffixes: AlpineSuffix[] = [];
  let consumed = 0;
  for (const match of rest.matchAll(SUFFIX)) {
    const [whole, name = '', digits = ''] = match;
    if (!isSuffixName(name)) continue;
    suffixes.push({ name, number: digits === '' ? '0' : digits });
    if (match.index === consumed) consumed += whole.length;
  }
  rest = rest.slice(consumed);

  const hash = HASH.exec(rest)?.[0] ?? '';
  rest = rest.slice(hash.length);

  let release = '0';
  let invalid = false;
  if (rest !== '') {
    const releaseMatch = RELEASE.exec(rest);
    if (releaseMatch === null) {
      invalid = true;
    } else {
      const digits = releaseMatch[1] ?? '';
      release = digits === '' ? '0' : digits;
      rest = rest.slice(releaseMatch[0].length);
    }
  }
  return { numbers, letter, suffixes, hash, release, rest, invalid };
}

/**
 * Orders two number parts. After the first, a part with a leading zero compares as text
 * (`1.01` < `1.1`, `1.10` > `1.01`), as apk's "fractional" reading does.
 */
function compareNumberAt(a: AlpineVersion, b: AlpineVersion, index: number): number {
  const x = a.numbers[index];
  const y = b.numbers[index];
  if (index > 0 && x !== undefined && y !== undefined && (x.startsWith('0') || y.startsWith('0')))
    return compareText(x, y);
  return compareDigits(x ?? '0', y ?? '0');
}

function compareSuffixAt(a: AlpineVersion, b: AlpineVersion, index: number): number {
  const x = a.suffixes[index];
  const y = b.suffixes[index];
  const left = x === undefined ? NO_SUFFIX : { weight: SUFFIX_WEIGHT[x.name], number: x.number };
  const right = y === undefined ? NO_SUFFIX : { weight: SUFFIX_WEIGHT[y.name], number: y.number };
  return Math.sign(left.weight - right.weight) || compareDigits(left.number, right.number);
}

function compareLetters(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  return compareText(a, b);
}

function compareReadVersions(a: AlpineVersion, b: AlpineVersion): number {
  const numberCount = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < numberCount; i++) {
    const order = compareNumberAt(a, b, i);
    if (order !== 0) return order;
  }
  const letterOrder = compareLetters(a.letter, b.letter);
  if (letterOrder !== 0) return letterOrder;
  const suffixCount = Math.max(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < suffixCount; i++) {
    const order = compareSuffixAt(a, b, i);
    if (order !== 0) return order;
  }
  const releaseOrder = compareDigits(a.release, b.release);
  if (releaseOrder !== 0) return releaseOrder;
  // Clean text after everything beats leftovers; two leftovers tie, whatever they say.
  if ((a.rest === '') !== (b.rest === '')) return a.rest === '' ? 1 : -1;
  return 0;
}

/**
 * Compares two Alpine package versions the way OSV does (the osv-scalibr `semantic` rules, which
 * follow apk-tools 2 for most inputs): numbers, then letter, then `_suffix`es, then `-r`
 * release; commit hashes are ignored. Not a total order on invalid text (mixing the two rules
 * below can break transitivity), as in OSV. Two versions that are both invalid compare as text; an
 * invalid one against a valid one compares by the parts that could be read, then loses.
 *
 * @example compareAlpineVersions('1.2.3_rc1-r0', '1.2.3-r0') // < 0
 */
export function compareAlpineVersions(a: string, b: string): number {
  const x = readAlpineVersion(a);
  const y = readAlpineVersion(b);
  if (x.invalid && y.invalid) return compareText(a, b);
  return compareReadVersions(x, y);
}

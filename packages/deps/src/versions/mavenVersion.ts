import { compareDigits, compareText } from './ordering.js';
import { compareParsed, type VersionParse } from './versionParse.js';

/**
 * One token of a Maven version (POM reference, "Version Order Specification"). The version splits
 * at `.`, `-` and every switch between digits and letters; a switch counts as `-`. The separator
 * before a token takes part in the order.
 */
export type MavenToken =
  | { readonly kind: 'number'; readonly separator: Separator; readonly digits: string }
  | { readonly kind: 'qualifier'; readonly separator: Separator; readonly rank: string };

type Separator = '.' | '-';

export interface MavenVersion {
  /**
   * Tokens with the "null" ones (`0`, `ga`, `final`, `release`) trimmed at the end and before each
   * remaining `-`; the first token always stays.
   */
  readonly tokens: readonly MavenToken[];
}

/** Known qualifiers in order; the empty qualifier is the release itself. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
/** `a`, `b` and `m` mean alpha, beta and milestone only when a number follows directly. */
const SHORT_ALIASES: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

/** Parses a Maven version. Maven accepts any string as a version, so this never fails. */
export function parseMavenVersion(text: string): VersionParse<MavenVersion> {
  const version = text.trim().toLowerCase();
  const tokens: MavenToken[] = [];
  let separator: Separator = '.';
  let start = 0;
  const emit = (end: number, followedByDigit: boolean): void => {
    const token = makeToken(version.slice(start, end), separator, followedByDigit);
    if (token.separator === '-') trimNulls(tokens);
    tokens.push(token);
  };
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 || c === 45) {
      emit(i, false);
      separator = c === 46 ? '.' : '-';
      start = i + 1;
    } else if (i > start && isDigit(c) !== isDigit(version.charCodeAt(i - 1))) {
      emit(i, isDigit(c));
      separator = '-';
      start = i;
    }
  }
  emit(version.length, false);
  trimNulls(tokens);
  return { ok: true, version: { tokens } };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function makeToken(text: string, separator: Separator, followedByDigit: boolean): MavenToken {
  // An empty token (`1..2`, `1-`) is a zero.
  if (text === '' || isDigit(text.charCodeAt(0))) {
    return { kind: 'number', separator, digits: text === '' ? '0' : text };
  }
  const expanded = (followedByDigit ? SHORT_ALIASES[text] : undefined) ?? text;
  const qualifier = ALIASES[expanded] ?? expanded;
  const index = QUALIFIERS.indexOf(qualifier);
  // Unknown qualifiers follow the known ones and order among themselves as text.
  return {
    kind: 'qualifier',
    separator,
    rank: index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index),
  };
}

function trimNulls(tokens: MavenToken[]): void {
  for (let last = tokens.at(-1); tokens.length > 1 && last !== undefined && isNull(last);) {
    tokens.pop();
    last = tokens.at(-1);
  }
}

function isNull(token: MavenToken): boolean {
  return token.kind === 'number' ? /^0+$/.test(token.digits) : token.rank === RELEASE_RANK;
}

/** `.qualifier` < `-qualifier` < `-number` < `.number`; within a class, by value. */
function weight(token: MavenToken): number {
  if (token.kind === 'qualifier') return token.separator === '.' ? 0 : 1;
  return token.separator === '-' ? 2 : 3;
}

function compareTokens(a: MavenToken, b: MavenToken): number {
  const order = weight(a) - weight(b);
  if (order !== 0) return Math.sign(order);
  if (a.kind === 'number' && b.kind === 'number') return compareDigits(a.digits, b.digits);
  if (a.kind === 'qualifier' && b.kind === 'qualifier') return compareText(a.rank, b.rank);
  return 0;
}

/** The null a shorter version is padded with: the other token's kind and separator, zero or release. */
function padding(other: MavenToken): MavenToken {
  return other.kind === 'number'
    ? { kind: 'number', separator: other.separator, digits: '0' }
    : { kind: 'qualifier', separator: other.separator, rank: RELEASE_RANK };
}

function compareMaven(a: MavenVersion, b: MavenVersion): number {
  const length = Math.max(a.tokens.length, b.tokens.length);
  for (let i = 0; i < length; i++) {
    const x = a.tokens[i];
    const y = b.tokens[i];
    let order = 0;
    if (x !== undefined && y !== undefined) order = compareTokens(x, y);
    else if (x !== undefined) order = compareTokens(x, padding(x));
    else if (y !== undefined) order = compareTokens(padding(y), y);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Compares two Maven versions.
 *
 * @example compareMavenVersions('1.0-alpha-1', '1.0-SNAPSHOT') // < 0
 */
export function compareMavenVersions(a: string, b: string): number {
  return compareParsed(parseMavenVersion(a), parseMavenVersion(b), a, b, compareMaven);
}

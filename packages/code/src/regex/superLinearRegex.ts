import { analyse, type Report } from 'scslre';
import { nestedBoundedRepetition } from './nestedBoundedRepetition.js';

/** Why a regular expression takes more than linear time on some input, for messages. */
export interface SuperLinearRegex {
  /** `(a+)+` backtracks exponentially; `a*a*` and unanchored searches polynomially. */
  complexity: 'exponential' | 'polynomial';
  /**
   * `nested`: a quantifier inside another can match the same text in many ways; `adjacent`: two
   * quantifiers trade characters within one attempt; `search`: the search restarts the match at
   * every position of the input and each attempt runs to the end (`/\s+$/`, `/a+b/`).
   */
  cause: 'nested' | 'adjacent' | 'search';
  /** The part of the pattern at fault, from its first quantifier to its last (`(.*,)+`). */
  quantifier: string;
  /** Offsets of that span in the pattern. */
  start: number;
  end: number;
  /** A character whose repetition makes the input that takes super-linear time. */
  character: string;
}

/** Longer patterns (generated Unicode classes run to 12 k) are analysed too; past this, not. */
const MAX_PATTERN_LENGTH = 20_000;
/**
 * scslre's time grows steeply with nested groups (40 levels of `(…)*`: seconds) and with the
 * number of quantifiers (160: a second); hand-written patterns stay far below both, so a
 * pattern past them is generated or hostile and is not analysed.
 */
const MAX_GROUP_DEPTH = 16;
const MAX_QUANTIFIERS = 80;
const MAX_CACHED = 2_000;
const cache = new Map<string, SuperLinearRegex | null>();

/**
 * Whether a pattern backtracks super-linearly, by scslre (the analysis behind eslint-plugin-regexp's
 * `no-super-linear-backtracking` and `no-super-linear-move`): the worst cause, exponential first,
 * or undefined for a linear pattern or one that does not parse. Every caller applies the pattern
 * as a search (`test`, `exec`, `match`, `replace`, `split`, `search` all try each start position
 * of the input), so a `search` cause counts unless the pattern is anchored (`^` without `m`, `\b`)
 * or sticky, which scslre already takes into account. Results are cached per (pattern, flags).
 */
export function superLinearRegex(pattern: string, flags: string): SuperLinearRegex | undefined {
  const key = `${flags}/${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const result = tooCostly(pattern) ? undefined : analyze(pattern, flags);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, result ?? null);
  return result;
}

/** A linear scan of the pattern text: its length, group nesting and quantifier count. */
function tooCostly(pattern: string): boolean {
  if (pattern.length > MAX_PATTERN_LENGTH) return true;
  let depth = 0;
  let quantifiers = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
    } else if (inClass) {
      inClass = char !== ']';
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
      if (depth > MAX_GROUP_DEPTH) return true;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
    } else if (
      char === '*' ||
      char === '+' ||
      char === '{' ||
      (char === '?' && pattern[i - 1] !== '(')
    ) {
      quantifiers++;
      if (quantifiers > MAX_QUANTIFIERS) return true;
    }
  }
  return false;
}

function analyze(pattern: string, flags: string): SuperLinearRegex | undefined {
  let reports: Report[];
  try {
    reports = analyse({ source: pattern, flags }).reports;
  } catch {
    // a pattern regexpp rejects (a syntax error, a flag it does not know) throws when run anyway
    return undefined;
  }
  let worst: SuperLinearRegex | undefined;
  for (const report of reports) {
    const candidate = describe(pattern, report);
    if (!worst || rank(candidate) > rank(worst)) worst = candidate;
  }
  if (worst?.complexity === 'exponential') return worst;
  return boundedNesting(pattern, flags) ?? worst;
}

/** What scslre leaves out: `(x{m,n})+` with a suffix that can fail (see nestedBoundedRepetition). */
function boundedNesting(pattern: string, flags: string): SuperLinearRegex | undefined {
  const found = nestedBoundedRepetition(pattern, flags);
  if (!found) return undefined;
  const quantifier = pattern.slice(found.start, found.end);
  return {
    complexity: 'exponential',
    cause: 'nested',
    quantifier,
    start: found.start,
    end: found.end,
    character: found.character,
  };
}

function rank(result: SuperLinearRegex): number {
  return (result.complexity === 'exponential' ? 4 : 0) + (result.cause === 'search' ? 0 : 1);
}

interface Span {
  start: number;
  end: number;
}

function describe(pattern: string, report: Report): SuperLinearRegex {
  let cause: SuperLinearRegex['cause'];
  let a: Span;
  let b: Span;
  switch (report.type) {
    case 'Self':
      [cause, a, b] = ['nested', report.parentQuant, report.parentQuant];
      break;
    case 'Trade':
      [cause, a, b] = ['adjacent', report.startQuant, report.endQuant];
      break;
    case 'Move':
      [cause, a, b] = ['search', report.quant, report.quant];
      break;
  }
  // the span from the first quantifier to the second (one may hold the other: `(?:a|ba+)+`)
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.end, b.end);
  return {
    complexity: report.exponential ? 'exponential' : 'polynomial',
    cause,
    quantifier: pattern.slice(start, end),
    start,
    end,
    character: report.character.pick,
  };
}

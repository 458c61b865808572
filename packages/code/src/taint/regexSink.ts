import { superLinearRegex, type SuperLinearRegex } from '../regex/superLinearRegex.js';
import type { CallSite } from './callSite.js';
import type { Taint } from './taint.js';
import type { KnownRegex, Value } from './value.js';

/** A known regular expression applied to a string: the candidates for the pattern and the string's taint. */
export interface RegexApplication {
  regexes: readonly KnownRegex[];
  subject: Taint | undefined;
}

/** `re.test(s)`, `re.exec(s)`: the receiver is the pattern. */
const REGEX_METHODS = new Set(['test', 'exec']);
/** `s.replace(re, …)` and friends: the first argument is the pattern. */
const STRING_METHODS = new Set(['match', 'matchAll', 'search', 'replace', 'replaceAll', 'split']);
/** Of those, the ones that compile a string argument as a pattern (`s.match('a+b')`). */
const COMPILING_METHODS = new Set(['match', 'matchAll', 'search']);

export interface PatternResolvers {
  /** A pattern for a constant string argument, for the methods that compile one themselves. */
  compile: (text: string, flags: string) => KnownRegex;
  /** The patterns another module exports, for a value imported from it. */
  imported: (ref: NonNullable<Value['importRef']>) => readonly KnownRegex[] | undefined;
}

/** The regular expression a call applies to a string, when the analysis knows the pattern. */
export function regexApplication(
  site: CallSite,
  resolve: PatternResolvers,
): RegexApplication | undefined {
  const { name, receiver } = site;
  if (name === undefined || !receiver || site.callee.fn) return undefined;
  const known = (value: Value | undefined): readonly KnownRegex[] | undefined =>
    value?.regexes ?? (value?.importRef ? resolve.imported(value.importRef) : undefined);
  if (REGEX_METHODS.has(name)) {
    const regexes = known(receiver);
    return regexes ? { regexes, subject: site.values[0]?.taint } : undefined;
  }
  if (!STRING_METHODS.has(name)) return undefined;
  const pattern: Value | undefined = site.values[0];
  let regexes = known(pattern);
  if (!regexes && pattern?.text !== undefined && COMPILING_METHODS.has(name)) {
    regexes = [resolve.compile(pattern.text, name === 'matchAll' ? 'g' : '')];
  }
  return regexes ? { regexes, subject: receiver.taint } : undefined;
}

/** The candidate with the worst backtracking, exponential first. */
export function worstRegex(
  regexes: readonly KnownRegex[],
): { regex: KnownRegex; verdict: SuperLinearRegex } | undefined {
  let worst: { regex: KnownRegex; verdict: SuperLinearRegex } | undefined;
  for (const regex of regexes) {
    const verdict = superLinearRegex(regex.pattern, regex.flags);
    if (!verdict) continue;
    if (
      !worst ||
      (verdict.complexity === 'exponential' && worst.verdict.complexity !== 'exponential')
    ) {
      worst = { regex, verdict };
    }
  }
  return worst;
}

const MAX_SHOWN = 60;

/**
 * What the sink is, for the message: the call, how the pattern backtracks and where it is
 * written, e.g. `` /^(.*,)+$/.test(…): exponential backtracking in `(.*,)+` on a run of ',' ``.
 */
export function describeRegexSink(
  call: string,
  regex: KnownRegex,
  verdict: SuperLinearRegex,
  at: { path: string; line: number },
): string {
  const pattern =
    regex.pattern.length > MAX_SHOWN ? `${regex.pattern.slice(0, MAX_SHOWN)}…` : regex.pattern;
  const how =
    verdict.cause === 'search'
      ? 'polynomial time: the search retries `' + verdict.quantifier + '` at every position'
      : `${verdict.complexity} backtracking in \`${verdict.quantifier}\``;
  const { path, startLine } = regex.location;
  const where =
    path !== at.path
      ? `, pattern at ${path}:${String(startLine)}`
      : startLine !== at.line
        ? `, pattern on line ${String(startLine)}`
        : '';
  return `${call} with /${pattern}/${regex.flags} (${how}, on a long run of ${JSON.stringify(verdict.character)}${where})`;
}

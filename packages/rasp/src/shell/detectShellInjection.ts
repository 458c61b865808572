/**
 * Shell injection by structure: user input is an attack when it occurs in the command line given
 * to `/bin/sh -c` AND changes how the shell splits it: ends its quotes, adds an operator, a
 * separator, a redirection, a substitution, an expansion, a comment, or another word.
 *
 * Method (the same as for SQL, see `compareWithNeutral`): tokenize the command as it is and with
 * each occurrence replaced by a one-letter stand-in; the streams must agree outside the
 * occurrences and each occurrence must stay inside exactly the one token (unquoted word part,
 * single-quoted string, double-quoted text, comment) that holds its stand-in, with the same
 * extent. Inside an existing `$(...)`, backticks or `${...}` the text is a nested script the
 * lexer does not split, so there only input without any shell metacharacter is accepted.
 * Unquoted, the user's own quoting counts as structure too: a backslash escape or quotes of the
 * user's are removed by the shell (`\ls` reaches the program as `ls`, `a\;b` as `a;b`), so the
 * word differs from the input; an application's quoting of the input is accepted.
 */

import { checkOccurrences } from '../structure/compareWithNeutral.js';
import { tokenizeShell, type ShellToken, type ShellTokenType } from './tokenizeShell.js';

export type ShellInjectionReason =
  | 'quote-escape'
  | 'substitution'
  | 'separator'
  | 'redirection'
  | 'expansion'
  | 'comment'
  | 'tokens-added';

export type ShellInjectionVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: ShellInjectionReason;
      /** The occurrence of the input blamed, as offsets into the command. */
      readonly start: number;
      readonly end: number;
    };

const NOT_AN_ATTACK: ShellInjectionVerdict = { attack: false };

/**
 * A plain word of these characters has no meaning to `sh` in any position, so it is accepted
 * without tokenizing. One character is checked like any other input: `*` alone is a glob.
 */
const SAFE_WORD = /^[A-Za-z0-9_./:@%+,=-]+$/;

/** Characters that mean something to `sh` somewhere (quotes, expansions, operators, blanks). */
const METACHARACTERS = /[\s'"\\`$;&|()<>*?[\]#~{}!]/;

const NESTED: ReadonlySet<ShellTokenType> = new Set([
  'parameter-expansion',
  'command-substitution',
  'arithmetic-expansion',
]);

const QUOTING: ReadonlySet<ShellTokenType> = new Set([
  'literal',
  'escaped',
  'single-quoted',
  'double-quote',
  'double-quoted',
]);

/** Reasons in order of precedence, for tokens the input brought in. */
const REASON_OF: Partial<Record<ShellTokenType, ShellInjectionReason>> = {
  'command-substitution': 'substitution',
  operator: 'separator',
  newline: 'separator',
  redirection: 'redirection',
  'parameter-expansion': 'expansion',
  'arithmetic-expansion': 'expansion',
  glob: 'expansion',
  tilde: 'expansion',
  comment: 'comment',
};
const PRECEDENCE: readonly ShellInjectionReason[] = [
  'substitution',
  'separator',
  'redirection',
  'expansion',
  'comment',
];

/**
 * Tells whether `userInput`, found in `command`, changes how `sh` parses the command.
 *
 * @example
 * detectShellInjection("grep 'x'; rm -rf ~ #' file", "x'; rm -rf ~ #")
 * // → { attack: true, reason: 'quote-escape', start: 6, end: 20 }
 */
export function detectShellInjection(command: string, userInput: string): ShellInjectionVerdict {
  if (typeof command !== 'string' || typeof userInput !== 'string') return NOT_AN_ATTACK;
  if (userInput.length === 0 || SAFE_WORD.test(userInput)) return NOT_AN_ATTACK;
  const check = checkOccurrences({
    text: command,
    input: userInput,
    escapedForms: escapedForms(userInput),
    tokenize: (text) => significant(tokenizeShell(text)),
    acceptSlot: (slot, covered, escaped) =>
      escaped
        ? isQuotedWordPart(covered)
        : covered.length === 1 &&
          covered[0]?.type === slot.type &&
          covered[0].unterminated === undefined &&
          // A nested script is not split further: only input without metacharacters is safe there.
          !(NESTED.has(slot.type) && METACHARACTERS.test(userInput)),
  });
  if (!check.changed) return NOT_AN_ATTACK;
  const { actual, slot, span } = check;
  const { start, end } = span;
  return { attack: true, reason: explain(actual, slot, start, end), start, end };
}

/**
 * The input as applications quote it: `'\\''` for a quote inside single quotes, a backslash
 * before `\\ " $ \`` inside double quotes, or before every special character when unquoted.
 * Found in the command, such a form is the value the shell received.
 */
function escapedForms(input: string): string[] {
  if (!METACHARACTERS.test(input)) return [];
  return [
    input.replaceAll("'", "'\\''"),
    input.replace(/[\\"$`]/g, (c) => `\\${c}`),
    input.replace(/[^A-Za-z0-9_./:@%+,=-]/g, (c) => (c === '\n' ? "'\n'" : `\\${c}`)),
  ];
}

/**
 * An application's quoting (`'it'\\''s'`) legitimately closes and reopens quotes: its escaped
 * value is accepted when it is one run of quoted and literal parts of a single word.
 */
function isQuotedWordPart(covered: readonly ShellToken[]): boolean {
  return covered.every(
    (token, index) =>
      QUOTING.has(token.type) &&
      token.unterminated === undefined &&
      (index === 0 || covered[index - 1]?.end === token.start),
  );
}

function significant(tokens: readonly ShellToken[]): ShellToken[] {
  return tokens.filter((token) => token.type !== 'whitespace');
}

function explain(
  actual: readonly ShellToken[],
  slot: ShellToken | undefined,
  start: number,
  end: number,
): ShellInjectionReason {
  const found = new Set<ShellInjectionReason>();
  for (const token of actual) {
    if (token.start >= end) break;
    if (token.end <= start) continue;
    // The input closed the quotes its stand-in sat in.
    if (slot?.type === 'single-quoted' && token.type === 'single-quoted' && token.start < start) {
      return 'quote-escape';
    }
    if (slot?.type === 'double-quoted' && token.type === 'double-quote') return 'quote-escape';
    const reason = token.start >= start ? REASON_OF[token.type] : undefined;
    if (reason !== undefined) found.add(reason);
  }
  return PRECEDENCE.find((reason) => found.has(reason)) ?? 'tokens-added';
}

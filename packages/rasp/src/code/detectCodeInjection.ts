/**
 * Code injection by structure: user input is an attack when it occurs in code about to be
 * compiled (`eval`, `new Function`, `vm`) AND changes the code's token structure: it ends a
 * string or template, opens a `${...}` substitution or a comment, or brings in operators, calls,
 * statements or any token beyond one value. Input that stays one literal (a string's content, a
 * number, `-1`, `true`, a single name) is data, however odd it looks. Where the code leaves a
 * bare slot for a number or a name (`${input} * 9.99`), a string, template or regex literal
 * brings delimiters the *user* chose: another kind of token (`'; process.version; '` is one
 * string, but not a number). Blanks around a bare value change nothing, except a line break
 * before it, where automatic semicolon insertion may end the statement (`return\n1`).
 *
 * Method: the same as SQL and shell (see `compareWithNeutral`), with `tokenizeJs`.
 */

import { checkOccurrences } from '../structure/compareWithNeutral.js';
import { tokenizeJs, type JsToken, type JsTokenType } from './tokenizeJs.js';

export type CodeInjectionReason =
  | 'string-escape'
  | 'template-expression'
  | 'comment'
  /** A literal of another kind (a string where a number goes) in a bare slot. */
  | 'type-change'
  | 'tokens-added';

export type CodeInjectionVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: CodeInjectionReason;
      /** The occurrence of the input blamed, as offsets into the code. */
      readonly start: number;
      readonly end: number;
    };

const NOT_AN_ATTACK: CodeInjectionVerdict = { attack: false };

/** A name or a plain number: can replace a value, never add an operator or close a literal. */
const WORD_CHARACTERS_ONLY = /^[A-Za-z0-9_$]+$/;
/** As for SQL: one character alone can at most break the code, not add to it. */
const MIN_INPUT_LENGTH = 2;

/** Before a bare value, where automatic semicolon insertion may end the statement. */
const LEADING_LINE_BREAK = /^\s*[\n\r\u2028\u2029]/;
const BARE_SLOTS: ReadonlySet<JsTokenType> = new Set(['name', 'number']);
const COMMENTS: ReadonlySet<JsTokenType> = new Set(['line-comment', 'block-comment']);

/**
 * Tells whether `userInput`, found in `code`, changes the code's structure.
 *
 * @example
 * detectCodeInjection("x = '1'; process.exit(); ''", "1'; process.exit(); '")
 * // → { attack: true, reason: 'string-escape', start: 5, end: 26 }
 */
export function detectCodeInjection(code: string, userInput: string): CodeInjectionVerdict {
  if (typeof code !== 'string' || typeof userInput !== 'string') return NOT_AN_ATTACK;
  if (userInput.length < MIN_INPUT_LENGTH || WORD_CHARACTERS_ONLY.test(userInput)) {
    return NOT_AN_ATTACK;
  }
  const check = checkOccurrences({
    text: code,
    input: userInput,
    escapedForms: escapedForms(userInput),
    tokenize: (text) => significant(tokenizeJs(text)),
    acceptSlot: (slot, covered) => acceptSlot(code, slot, covered, userInput),
    allowPadding: (slot) => BARE_SLOTS.has(slot.type),
  });
  if (!check.changed) return NOT_AN_ATTACK;
  const { actual, slot, span } = check;
  const { start, end } = span;
  return { attack: true, reason: explain(code, actual, slot, start, end), start, end };
}

/** The input as code generators escape it for a string literal (`JSON.stringify` and the like). */
function escapedForms(input: string): string[] {
  if (!/['"`\\\n\r$]/.test(input)) return [];
  return [
    JSON.stringify(input).slice(1, -1),
    input
      .replace(/[\\'"`]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r'),
    input.replace(/[\\`]|\$\{/g, (c) => `\\${c}`),
  ];
}

function significant(tokens: readonly JsToken[]): JsToken[] {
  return tokens.filter((token) => token.type !== 'whitespace');
}

function acceptSlot(
  code: string,
  slot: JsToken,
  covered: readonly JsToken[],
  input: string,
): boolean {
  const [first] = covered;
  if (first === undefined) return false;
  if (BARE_SLOTS.has(slot.type)) {
    return isOneValue(code, covered) && !LEADING_LINE_BREAK.test(input);
  }
  return (
    covered.length === 1 && first.type === slot.type && first.unterminated === slot.unterminated
  );
}

/** One number or name, or a signed number (`-1`, `+2.5`). */
function isOneValue(code: string, covered: readonly JsToken[]): boolean {
  const [first, second] = covered;
  if (first === undefined || first.unterminated !== undefined) return false;
  if (covered.length === 1) return BARE_SLOTS.has(first.type);
  const sign = code.slice(first.start, first.end);
  return (
    covered.length === 2 &&
    first.type === 'punctuator' &&
    (sign === '-' || sign === '+') &&
    second?.type === 'number'
  );
}

function explain(
  code: string,
  actual: readonly JsToken[],
  slot: JsToken | undefined,
  start: number,
  end: number,
): CodeInjectionReason {
  const inside = actual.filter((token) => token.end > start && token.start < end);
  if (slot?.type === 'string' || slot?.type === 'template') {
    const opensSubstitution = inside.some(
      (token) => token.type === 'template' && code.slice(token.start, token.end).endsWith('${'),
    );
    return opensSubstitution ? 'template-expression' : 'string-escape';
  }
  if (inside.some((token) => COMMENTS.has(token.type))) return 'comment';
  if (
    inside.length === 1 &&
    slot !== undefined &&
    BARE_SLOTS.has(slot.type) &&
    !LEADING_LINE_BREAK.test(code.slice(start, end))
  ) {
    return 'type-change';
  }
  return 'tokens-added';
}

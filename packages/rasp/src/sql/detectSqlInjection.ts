/**
 * SQL injection by structure: user input is an attack when it occurs in the query a driver is
 * about to run AND it changes the query's token structure (ends a string literal, opens a comment,
 * adds a statement or any other token), not when it merely looks suspicious.
 *
 * Method: the query is tokenized as it is and with each occurrence of the input replaced by a
 * neutral one-letter stand-in (see `compareWithNeutral`). Both token streams must agree outside
 * the occurrences, and each occurrence must fill its slot the way a value does:
 * - inside a string literal, quoted identifier or comment: it stays inside exactly that one token,
 *   whose boundaries are where they would be around the stand-in (so input that ends a literal,
 *   or whose trailing backslash swallows the closing quote, is caught);
 * - in a bare slot (`WHERE id = ${input}`, `ORDER BY ${input}`): it is one number, name,
 *   placeholder or literal, a signed number (`-1`), or a qualified name (`t.col`, `"s"."t"`).
 */

import { checkOccurrences } from '../structure/compareWithNeutral.js';
import { tokenizeSql, type SqlDialect, type SqlToken, type SqlTokenType } from './tokenizeSql.js';

export type SqlInjectionReason = 'string-escape' | 'comment' | 'stacked-query' | 'tokens-added';

export type SqlInjectionVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: SqlInjectionReason;
      /** The occurrence of the input blamed, as offsets into the query. */
      readonly start: number;
      readonly end: number;
    };

const NOT_AN_ATTACK: SqlInjectionVerdict = { attack: false };

/**
 * Letters, digits and `_` only: such input can replace or lengthen a name or a number, but in no
 * dialect can it open or close a literal, identifier or comment, add an operator, or end a
 * statement, so it is accepted without tokenizing. (It can still name a column, `id = id`: that
 * changes meaning, not structure, and is out of this detector's reach.)
 */
const WORD_CHARACTERS_ONLY = /^[A-Za-z0-9_]+$/;

/**
 * One character is not checked: alone it can at most break the query (a stray quote is a syntax
 * error) or shift a quote so that a *second* input lands outside its literal; that second input
 * then adds tokens and is caught on its own.
 */
const MIN_INPUT_LENGTH = 2;

const QUOTED: ReadonlySet<SqlTokenType> = new Set(['string', 'quoted-identifier']);
const COMMENTS: ReadonlySet<SqlTokenType> = new Set([
  'line-comment',
  'block-comment',
  'executable-comment-start',
  'executable-comment-end',
]);
const BARE_VALUES: ReadonlySet<SqlTokenType> = new Set([
  'word',
  'number',
  'placeholder',
  'string',
  'quoted-identifier',
]);
const NAMES: ReadonlySet<SqlTokenType> = new Set(['word', 'quoted-identifier']);

/**
 * Tells whether `userInput`, found in `query`, changes the query's structure.
 *
 * @example
 * detectSqlInjection("SELECT * FROM u WHERE n = '' OR 1=1 -- '", "' OR 1=1 -- ", 'postgres')
 * // → { attack: true, reason: 'string-escape', start: 27, end: 39 }
 */
export function detectSqlInjection(
  query: string,
  userInput: string,
  dialect: SqlDialect = 'generic',
): SqlInjectionVerdict {
  if (typeof query !== 'string' || typeof userInput !== 'string') return NOT_AN_ATTACK;
  if (userInput.length < MIN_INPUT_LENGTH || WORD_CHARACTERS_ONLY.test(userInput)) {
    return NOT_AN_ATTACK;
  }
  const check = checkOccurrences({
    text: query,
    input: userInput,
    escapedForms: escapedForms(userInput),
    tokenize: (text) => significant(tokenizeSql(text, dialect)),
    acceptSlot: (slot, covered) => acceptSlot(query, slot, covered),
  });
  if (!check.changed) return NOT_AN_ATTACK;
  const { actual, slot, span } = check;
  const { start, end } = span;
  return { attack: true, reason: explain(actual, slot, start, end), start, end };
}

/**
 * The input as applications escape it for a literal: quotes doubled (standard SQL), or
 * backslash-escaped (MySQL, Postgres `E''`). Found in the query, such a form is the value the
 * sink received, and the raw input inside it is not an occurrence of its own.
 */
function escapedForms(input: string): string[] {
  if (!/['"\\]/.test(input)) return [];
  return [
    input.replaceAll("'", "''"),
    input.replaceAll('"', '""'),
    input.replace(/[\\'"]/g, (c) => `\\${c}`),
  ];
}

function significant(tokens: readonly SqlToken[]): SqlToken[] {
  return tokens.filter((token) => token.type !== 'whitespace');
}

function acceptSlot(query: string, slot: SqlToken, covered: readonly SqlToken[]): boolean {
  const [first] = covered;
  if (first === undefined) return false;
  if (slot.type === 'word' || slot.type === 'number' || slot.type === 'placeholder') {
    return isBareValue(query, covered);
  }
  return (
    covered.length === 1 && first.type === slot.type && first.unterminated === slot.unterminated
  );
}

/** One value, a signed number, or a dotted name: what a bare slot may legitimately receive. */
function isBareValue(query: string, covered: readonly SqlToken[]): boolean {
  const [first, second] = covered;
  if (first === undefined) return false;
  if (covered.length === 1) return BARE_VALUES.has(first.type) && first.unterminated === undefined;
  const textOf = (token: SqlToken): string => query.slice(token.start, token.end);
  if (covered.length === 2 && second?.type === 'number') {
    return first.type === 'operator' && (textOf(first) === '-' || textOf(first) === '+');
  }
  return (
    covered.length % 2 === 1 &&
    covered.every((token, index) =>
      index % 2 === 0
        ? NAMES.has(token.type) && token.unterminated === undefined
        : token.type === 'punctuation' && textOf(token) === '.',
    )
  );
}

function explain(
  actual: readonly SqlToken[],
  slot: SqlToken | undefined,
  start: number,
  end: number,
): SqlInjectionReason {
  if (slot !== undefined && QUOTED.has(slot.type)) return 'string-escape';
  let reason: SqlInjectionReason = 'tokens-added';
  for (const token of actual) {
    if (token.start >= end) break;
    if (token.end <= start) continue;
    if (token.start >= start && token.type === 'semicolon') return 'stacked-query';
    if (token.start >= start && COMMENTS.has(token.type)) reason = 'comment';
  }
  return slot !== undefined && COMMENTS.has(slot.type) ? 'comment' : reason;
}

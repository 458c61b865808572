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
 * - in a bare slot (`WHERE id = ${input}`, `ORDER BY ${input}`): it is one number or name, a
 *   signed number (`-1`) or a qualified name (`t.col`), blanks around it aside. A developer who
 *   leaves a slot bare expects a number or a name: a string literal, quoted identifier or
 *   placeholder there carries delimiters or a parameter the *user* chose, so it changes what
 *   kind of token the slot holds (`id = ';print'`, `id = @@version`). Where an `ORDER BY` or
 *   `GROUP BY` term begins, only a name fits: a number there selects a column by position or
 *   orders by a constant (`ORDER BY 4294967296`).
 * - A NUL ends the statement for SQLite and PostgreSQL (C strings): the tokenizer shows the rest
 *   as `ignored`, so input carrying one cuts off the query's end, closing quote included.
 */

import { checkOccurrences, type SlotContext } from '../structure/compareWithNeutral.js';
import { tokenizeSql, type SqlDialect, type SqlToken, type SqlTokenType } from './tokenizeSql.js';

export type SqlInjectionReason =
  /** The input left the string literal or quoted identifier it sat in. */
  | 'string-escape'
  /** It opened a comment, or cut the statement short with a NUL. */
  | 'comment'
  | 'stacked-query'
  /** It put another kind of token in a bare slot: a string where a number goes, say. */
  | 'type-change'
  | 'tokens-added';

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
 * statement, so it is accepted without tokenizing; only a number that begins an `ORDER BY` term
 * is looked for (see `numberInNameSlot`). (A name can still name a column, `id = id`: a name in
 * a slot written for a name or a number is what the developer's own text looks like, so that
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
  'ignored',
  'line-comment',
  'block-comment',
  'executable-comment-start',
  'executable-comment-end',
]);
const BARE_SLOTS: ReadonlySet<SqlTokenType> = new Set(['word', 'number', 'placeholder']);
/** Words that begin a clause: an `ORDER BY` list does not reach back past them. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'SET',
  'VALUES',
  'RETURNING',
  'ON',
  'USING',
  'WINDOW',
  'INTO',
]);
/** How far back a slot's `ORDER BY` is looked for, in tokens: bounds the work per slot. */
const MAX_LOOKBEHIND = 64;

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
  if (userInput.length < MIN_INPUT_LENGTH) return NOT_AN_ATTACK;
  if (WORD_CHARACTERS_ONLY.test(userInput)) return numberInNameSlot(query, userInput, dialect);
  const check = checkOccurrences({
    text: query,
    input: userInput,
    escapedForms: escapedForms(userInput),
    tokenize: (text) => significant(tokenizeSql(text, dialect)),
    acceptSlot: (slot, covered, _escaped, context) => acceptSlot(query, slot, covered, context),
    // Blanks around a value in a bare slot separate it from its neighbours and nothing more.
    allowPadding: (slot) => BARE_SLOTS.has(slot.type),
  });
  if (!check.changed) return NOT_AN_ATTACK;
  const { actual, slot, span } = check;
  const { start, end } = span;
  return { attack: true, reason: explain(query, actual, slot, start, end), start, end };
}

/**
 * A word-characters input is a change only as a number token that begins an `ORDER BY` or
 * `GROUP BY` term (where a name goes); the query is tokenized only when such an occurrence,
 * not glued to other word characters, exists at all.
 */
function numberInNameSlot(query: string, input: string, dialect: SqlDialect): SqlInjectionVerdict {
  const first = input.charCodeAt(0);
  if (first < 48 || first > 57) return NOT_AN_ATTACK;
  const standsAlone = (at: number): boolean =>
    !/[A-Za-z0-9_$.]/.test(query.charAt(at - 1)) &&
    !/[A-Za-z0-9_$.]/.test(query.charAt(at + input.length));
  let from = query.indexOf(input);
  while (from !== -1 && !standsAlone(from)) from = query.indexOf(input, from + 1);
  if (from === -1) return NOT_AN_ATTACK;
  const tokens = significant(tokenizeSql(query, dialect));
  for (const [index, token] of tokens.entries()) {
    if (
      token.type === 'number' &&
      query.slice(token.start, token.end) === input &&
      beginsOrderingTerm({ text: query, tokens, index })
    ) {
      return { attack: true, reason: 'type-change', start: token.start, end: token.end };
    }
  }
  return NOT_AN_ATTACK;
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

function acceptSlot(
  query: string,
  slot: SqlToken,
  covered: readonly SqlToken[],
  context: SlotContext<SqlToken>,
): boolean {
  const [first] = covered;
  if (first === undefined) return false;
  if (BARE_SLOTS.has(slot.type)) {
    return isBareValue(query, covered, !beginsOrderingTerm(context));
  }
  return (
    covered.length === 1 && first.type === slot.type && first.unterminated === slot.unterminated
  );
}

/**
 * One name or number, a signed number, or a dotted name: what a bare slot may legitimately
 * receive (numbers only where `numbers` says a value, not a column, goes).
 */
function isBareValue(query: string, covered: readonly SqlToken[], numbers: boolean): boolean {
  const [first, second] = covered;
  if (first === undefined) return false;
  if (covered.length === 1) return first.type === 'word' || (numbers && first.type === 'number');
  const textOf = (token: SqlToken): string => query.slice(token.start, token.end);
  if (covered.length === 2 && second?.type === 'number') {
    return numbers && first.type === 'operator' && (textOf(first) === '-' || textOf(first) === '+');
  }
  return (
    covered.length % 2 === 1 &&
    covered.every((token, index) =>
      index % 2 === 0
        ? token.type === 'word'
        : token.type === 'punctuation' && textOf(token) === '.',
    )
  );
}

/**
 * Whether the token at `index` begins a term of an `ORDER BY`, `GROUP BY` or `PARTITION BY`
 * list: right after the `BY`, or after a comma of that list (at the same parenthesis depth,
 * without crossing the word that begins another clause).
 */
function beginsOrderingTerm({ text, tokens, index }: SlotContext<SqlToken>): boolean {
  const textOf = (k: number): string => {
    const token = tokens[k];
    return token === undefined ? '' : text.slice(token.start, token.end).toUpperCase();
  };
  const isBy = (k: number): boolean =>
    tokens[k]?.type === 'word' &&
    textOf(k) === 'BY' &&
    tokens[k - 1]?.type === 'word' &&
    ['ORDER', 'GROUP', 'PARTITION'].includes(textOf(k - 1));
  const previous = tokens[index - 1];
  if (isBy(index - 1)) return true;
  if (previous?.type !== 'punctuation' || textOf(index - 1) !== ',') return false;
  let depth = 0;
  for (let k = index - 2; k >= 0 && k >= index - MAX_LOOKBEHIND; k--) {
    const token = tokens[k];
    if (token === undefined) return false;
    if (token.type === 'semicolon') return false;
    if (token.type === 'punctuation') {
      const mark = textOf(k);
      if (mark === ')') depth++;
      if (mark === '(' && depth-- === 0) return false;
      continue;
    }
    if (depth > 0 || token.type !== 'word') continue;
    if (isBy(k)) return true;
    if (CLAUSE_WORDS.has(textOf(k))) return false;
  }
  return false;
}

function explain(
  query: string,
  actual: readonly SqlToken[],
  slot: SqlToken | undefined,
  start: number,
  end: number,
): SqlInjectionReason {
  if (slot !== undefined && QUOTED.has(slot.type)) return 'string-escape';
  let reason: SqlInjectionReason = 'tokens-added';
  const inside: SqlToken[] = [];
  for (const token of actual) {
    if (token.start >= end) break;
    if (token.end <= start) continue;
    inside.push(token);
    if (token.start >= start && token.type === 'semicolon') return 'stacked-query';
    if (token.start >= start && COMMENTS.has(token.type)) reason = 'comment';
  }
  if (slot !== undefined && COMMENTS.has(slot.type)) return 'comment';
  const [first, second] = inside;
  const signed =
    inside.length === 2 && second?.type === 'number' && /^[+-]$/.test(tokenText(query, first));
  if (
    reason === 'tokens-added' &&
    slot !== undefined &&
    BARE_SLOTS.has(slot.type) &&
    (inside.length === 1 || signed)
  ) {
    return 'type-change';
  }
  return reason;
}

function tokenText(query: string, token: SqlToken | undefined): string {
  return token === undefined ? '' : query.slice(token.start, token.end);
}

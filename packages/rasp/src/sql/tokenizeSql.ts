/**
 * A lexer for SQL text as a database server would split it, for the four dialects the agent
 * protects. It never parses: it only says where each token starts and ends, which is all the
 * structural injection check needs. Every character of the input belongs to exactly one token,
 * malformed input included (an unterminated string or comment runs to the end and is flagged).
 * The work is linear in the length of the text; nothing recurses, so no input can exhaust the
 * stack.
 */

export type SqlDialect = 'generic' | 'postgres' | 'mysql' | 'sqlite';

export type SqlTokenType =
  | 'whitespace'
  | 'line-comment'
  | 'block-comment'
  /** MySQL `/*!` (optionally with a version): what follows up to `*\/` runs as SQL. */
  | 'executable-comment-start'
  | 'executable-comment-end'
  | 'string'
  | 'quoted-identifier'
  | 'number'
  /** An unquoted identifier or keyword. */
  | 'word'
  | 'operator'
  /** `(` `)` `,` `.` `[` `]` `{` `}` */
  | 'punctuation'
  /** `?`, `?1`, `$1`, `:name`, `@name`, `$name`, MySQL `@var` and `@@var`. */
  | 'placeholder'
  | 'semicolon'
  /** A character no dialect gives a meaning to (control characters, a stray backslash). */
  | 'unknown'
  /**
   * From a NUL to the end, for SQLite and PostgreSQL: both take the statement as a C string, so
   * they never read past the NUL (`WHERE id = 1\0 AND 0` runs as `WHERE id = 1`).
   */
  | 'ignored';

export interface SqlToken {
  readonly type: SqlTokenType;
  readonly start: number;
  readonly end: number;
  /** Set on a string, quoted identifier or comment whose closing delimiter is missing. */
  readonly unterminated?: true;
}

const THREE_CHAR_OPERATORS = new Set(['->>', '#>>', '<=>', '!~*', '!!=', '@@@']);
const TWO_CHAR_OPERATORS = new Set([
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '||',
  '&&',
  '::',
  ':=',
  '<<',
  '>>',
  '->',
  '#>',
  '~*',
  '!~',
  '@>',
  '<@',
  '?|',
  '?&',
  '#-',
  '&<',
  '&>',
  '-|',
  '|/',
]);
const OPERATOR_CHARS = '+-*/%<>=!~^&|#@?:`\\';
const PUNCTUATION_CHARS = '(),.[]{}';

function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Letters, `_` and every non-ASCII code unit (lone surrogates included) start an identifier. */
function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c) || c === 36;
}

/**
 * Splits `sql` into tokens following `dialect`'s lexical rules.
 *
 * `generic` is standard SQL quoting (`'...'` with `''`, `"identifiers"`, no backslash escapes)
 * with the union of the comment syntaxes (`--`, `#`, `/* *\/`), Postgres `$1`, `$$...$$` and
 * `E'...'`, and `?`, `:name`, `@name` placeholders: use the driver's dialect when it is known.
 *
 * @example
 * tokenizeSql("SELECT * FROM t WHERE a = 'x' -- c", 'mysql').map((t) => t.type)
 */
export function tokenizeSql(sql: string, dialect: SqlDialect = 'generic'): SqlToken[] {
  if (typeof sql !== 'string') return [];
  const nul = dialect === 'sqlite' || dialect === 'postgres' ? sql.indexOf('\0') : -1;
  if (nul === -1) return tokenizeStatement(sql, dialect);
  const tokens = tokenizeStatement(sql.slice(0, nul), dialect);
  tokens.push({ type: 'ignored', start: nul, end: sql.length });
  return tokens;
}

function tokenizeStatement(sql: string, dialect: SqlDialect): SqlToken[] {
  const tokens: SqlToken[] = [];
  const n = sql.length;
  const at = (k: number): number => (k < n ? sql.charCodeAt(k) : -1);
  const mysql = dialect === 'mysql';
  const postgres = dialect === 'postgres';
  const sqlite = dialect === 'sqlite';
  const generic = dialect === 'generic';
  let inExecutableComment = false;
  let i = 0;

  const push = (type: SqlTokenType, start: number, end: number, unterminated = false): void => {
    tokens.push(unterminated ? { type, start, end, unterminated } : { type, start, end });
    i = end;
  };

  /** A quoted run from `open` (the index of the opening quote); doubling the quote escapes it. */
  const quoted = (type: SqlTokenType, start: number, open: number, backslashes: boolean): void => {
    const quote = sql.charCodeAt(open);
    let j = open + 1;
    while (j < n) {
      const c = sql.charCodeAt(j);
      if (c === 92 && backslashes) {
        j += 2;
      } else if (c === quote) {
        if (at(j + 1) !== quote) {
          push(type, start, j + 1);
          return;
        }
        j += 2;
      } else {
        j++;
      }
    }
    push(type, start, n, true);
  };

  const lineComment = (start: number): void => {
    const newline = sql.indexOf('\n', start);
    push('line-comment', start, newline === -1 ? n : newline);
  };

  while (i < n) {
    const start = i;
    const c = sql.charCodeAt(i);
    const next = at(i + 1);

    if (isWhitespace(c)) {
      let j = i + 1;
      while (j < n && isWhitespace(sql.charCodeAt(j))) j++;
      push('whitespace', start, j);
      continue;
    }
    // `--` starts a comment; MySQL wants whitespace or a control character (or the end) after it.
    if (c === 45 && next === 45 && (!mysql || at(i + 2) === -1 || at(i + 2) <= 32)) {
      lineComment(start);
      continue;
    }
    if (c === 35 && (mysql || generic)) {
      lineComment(start);
      continue;
    }
    if (c === 47 && next === 42) {
      if (mysql && at(i + 2) === 33) {
        let j = i + 3;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        inExecutableComment = true;
        push('executable-comment-start', start, j);
        continue;
      }
      if (postgres) {
        // Postgres comments nest: count depth instead of recursing.
        let depth = 1;
        let j = i + 2;
        while (j < n && depth > 0) {
          const d = sql.charCodeAt(j);
          if (d === 47 && at(j + 1) === 42) {
            depth++;
            j += 2;
          } else if (d === 42 && at(j + 1) === 47) {
            depth--;
            j += 2;
          } else {
            j++;
          }
        }
        push('block-comment', start, j, depth > 0);
        continue;
      }
      const close = sql.indexOf('*/', i + 2);
      push('block-comment', start, close === -1 ? n : close + 2, close === -1);
      continue;
    }
    if (c === 42 && next === 47 && inExecutableComment) {
      inExecutableComment = false;
      push('executable-comment-end', start, i + 2);
      continue;
    }
    if (c === 39) {
      quoted('string', start, i, mysql);
      continue;
    }
    if (c === 34) {
      if (mysql) quoted('string', start, i, true);
      else quoted('quoted-identifier', start, i, false);
      continue;
    }
    if (c === 96 && !postgres) {
      quoted('quoted-identifier', start, i, false);
      continue;
    }
    if (c === 91 && sqlite) {
      const close = sql.indexOf(']', i + 1);
      push('quoted-identifier', start, close === -1 ? n : close + 1, close === -1);
      continue;
    }
    if (c === 59) {
      push('semicolon', start, i + 1);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      const end = numberEnd(sql, i, mysql);
      // MySQL identifiers may begin with digits (`1e5` is a number, `1abc` a name).
      if (mysql && end < n && isIdentifierPart(sql.charCodeAt(end))) {
        let j = end;
        while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
        push('word', start, j);
      } else {
        push('number', start, end);
      }
      continue;
    }
    if (isIdentifierStart(c)) {
      // Prefixed literals: E'..' (backslash escapes), X'..', B'..', N'..', U&'..'.
      const lower = c | 32;
      if (next === 39 && (lower === 101 || lower === 120 || lower === 98 || lower === 110)) {
        const escapes = mysql || (lower === 101 && (postgres || generic));
        quoted('string', start, i + 1, escapes);
        continue;
      }
      if (
        lower === 117 &&
        next === 38 &&
        (postgres || generic) &&
        (at(i + 2) === 39 || at(i + 2) === 34)
      ) {
        quoted(at(i + 2) === 39 ? 'string' : 'quoted-identifier', start, i + 2, false);
        continue;
      }
      let j = i + 1;
      while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
      push('word', start, j);
      continue;
    }
    if (c === 36) {
      if (mysql) {
        let j = i + 1;
        while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
        push('word', start, j);
        continue;
      }
      if (isDigit(next) && !sqlite) {
        let j = i + 1;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        push('placeholder', start, j);
        continue;
      }
      if (postgres || generic) {
        // `$tag$...$tag$`: the tag is an identifier without `$`, possibly empty.
        let j = i + 1;
        if (next === -1 || isIdentifierStart(next)) {
          while (j < n && (isIdentifierStart(sql.charCodeAt(j)) || isDigit(sql.charCodeAt(j)))) j++;
        }
        if (at(j) === 36) {
          const tag = sql.slice(i, j + 1);
          const close = sql.indexOf(tag, j + 1);
          push('string', start, close === -1 ? n : close + tag.length, close === -1);
          continue;
        }
      }
      if (!postgres && isIdentifierPart(next)) {
        let j = i + 1;
        while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
        push('placeholder', start, j);
        continue;
      }
      push('unknown', start, i + 1);
      continue;
    }
    if (c === 63 && !postgres) {
      let j = i + 1;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      push('placeholder', start, j);
      continue;
    }
    if (c === 58 && !postgres && next !== 58 && next !== 61 && isIdentifierStart(next)) {
      let j = i + 1;
      while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
      push('placeholder', start, j);
      continue;
    }
    if (c === 64 && !postgres) {
      let j = i + 1;
      if (mysql && next === 64) j++;
      if (isIdentifierPart(at(j))) {
        while (j < n && isIdentifierPart(sql.charCodeAt(j))) j++;
        push('placeholder', start, j);
        continue;
      }
    }
    if (PUNCTUATION_CHARS.includes(sql.charAt(i))) {
      push('punctuation', start, i + 1);
      continue;
    }
    if (OPERATOR_CHARS.includes(sql.charAt(i)) && c !== 92 && c !== 96) {
      if (THREE_CHAR_OPERATORS.has(sql.slice(i, i + 3))) push('operator', start, i + 3);
      else if (TWO_CHAR_OPERATORS.has(sql.slice(i, i + 2))) push('operator', start, i + 2);
      else push('operator', start, i + 1);
      continue;
    }
    push('unknown', start, i + 1);
  }
  return tokens;
}

/** End of the numeric literal starting at `i`: `0x..`, `0b..`, decimals with an exponent. */
function numberEnd(sql: string, i: number, mysql: boolean): number {
  const n = sql.length;
  const second = i + 1 < n ? sql.charCodeAt(i + 1) | 32 : -1;
  if (sql.charCodeAt(i) === 48 && (second === 120 || second === 98)) {
    let j = i + 2;
    const valid = second === 120 ? isHexDigit : (d: number) => d === 48 || d === 49;
    while (j < n && (valid(sql.charCodeAt(j)) || (!mysql && sql.charCodeAt(j) === 95))) j++;
    if (j > i + 2) return j;
  }
  let j = i;
  while (j < n && (isDigit(sql.charCodeAt(j)) || (!mysql && sql.charCodeAt(j) === 95))) j++;
  if (j < n && sql.charCodeAt(j) === 46) {
    j++;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
  }
  if (j < n && (sql.charCodeAt(j) | 32) === 101) {
    let k = j + 1;
    const sign = k < n ? sql.charCodeAt(k) : -1;
    if (sign === 43 || sign === 45) k++;
    if (k < n && isDigit(sql.charCodeAt(k))) {
      while (k < n && isDigit(sql.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}

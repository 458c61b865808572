import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeSql, type SqlDialect, type SqlToken } from './tokenizeSql.js';

/** `type:text` of each significant token. */
function lex(sql: string, dialect: SqlDialect): string[] {
  return tokenizeSql(sql, dialect)
    .filter((token) => token.type !== 'whitespace')
    .map((token) => `${token.type}:${sql.slice(token.start, token.end)}`);
}

function assertCovers(sql: string, tokens: readonly SqlToken[]): void {
  let at = 0;
  for (const token of tokens) {
    assert.equal(token.start, at);
    assert.ok(token.end > token.start);
    at = token.end;
  }
  assert.equal(at, sql.length);
}

test('generic: standard quoting, every comment syntax, placeholders, operators', () => {
  assert.deepEqual(lex(`SELECT "a""b", 'it''s' FROM t -- c\n# d\n/* e */ WHERE x<=?`, 'generic'), [
    'word:SELECT',
    'quoted-identifier:"a""b"',
    'punctuation:,',
    "string:'it''s'",
    'word:FROM',
    'word:t',
    'line-comment:-- c',
    'line-comment:# d',
    'block-comment:/* e */',
    'word:WHERE',
    'word:x',
    'operator:<=',
    'placeholder:?',
  ]);
  assert.deepEqual(lex('a <> b != c || d :name @p $1 1.5e-3 0x1F .5;', 'generic'), [
    'word:a',
    'operator:<>',
    'word:b',
    'operator:!=',
    'word:c',
    'operator:||',
    'word:d',
    'placeholder::name',
    'placeholder:@p',
    'placeholder:$1',
    'number:1.5e-3',
    'number:0x1F',
    'number:.5',
    'semicolon:;',
  ]);
});

test('postgres: dollar quotes, E-strings, nested comments, casts and json operators', () => {
  assert.deepEqual(lex("$$a'b$$ $fn$x$$y$fn$ E'a\\'b' U&'d' x::int j->>'k' $2 ?", 'postgres'), [
    "string:$$a'b$$",
    'string:$fn$x$$y$fn$',
    "string:E'a\\'b'",
    "string:U&'d'",
    'word:x',
    'operator:::',
    'word:int',
    'word:j',
    'operator:->>',
    "string:'k'",
    'placeholder:$2',
    'operator:?',
  ]);
  assert.deepEqual(lex('/* a /* b */ c */ # 1', 'postgres'), [
    'block-comment:/* a /* b */ c */',
    'operator:#',
    'number:1',
  ]);
  assert.deepEqual(lex("'a\\'", 'postgres'), ["string:'a\\'"]);
});

test('mysql: backslash escapes, double-quoted strings, -- rule, # and executable comments', () => {
  assert.deepEqual(lex(`'a\\'b' "c\\"d" \`e\`\`f\` 1--1 --\tx`, 'mysql'), [
    "string:'a\\'b'",
    'string:"c\\"d"',
    'quoted-identifier:`e``f`',
    'number:1',
    'operator:-',
    'operator:-',
    'number:1',
    'line-comment:--\tx',
  ]);
  assert.deepEqual(lex("/*!50000 UNION*/ x'4A' b'01' 0b101 @v @@version 1e5 1abc #c", 'mysql'), [
    'executable-comment-start:/*!50000',
    'word:UNION',
    'executable-comment-end:*/',
    "string:x'4A'",
    "string:b'01'",
    'number:0b101',
    'placeholder:@v',
    'placeholder:@@version',
    'number:1e5',
    'word:1abc',
    'line-comment:#c',
  ]);
  assert.deepEqual(lex('--', 'mysql'), ['line-comment:--']);
});

test('sqlite: bracket and backtick identifiers, numbered and named parameters', () => {
  assert.deepEqual(lex('[my col] `x` "y" ?1 :n @m $v == 1 # 2', 'sqlite'), [
    'quoted-identifier:[my col]',
    'quoted-identifier:`x`',
    'quoted-identifier:"y"',
    'placeholder:?1',
    'placeholder::n',
    'placeholder:@m',
    'placeholder:$v',
    'operator:==',
    'number:1',
    'operator:#',
    'number:2',
  ]);
});

test('unterminated strings, identifiers and comments are flagged and still cover the text', () => {
  const cases: [string, SqlDialect][] = [
    ["SELECT 'abc", 'generic'],
    ['SELECT "abc', 'postgres'],
    ['SELECT $x$abc', 'postgres'],
    ['SELECT /* a /* b */', 'postgres'],
    ['SELECT /* abc', 'mysql'],
    ['SELECT [abc', 'sqlite'],
    ["SELECT 'a\\", 'mysql'],
  ];
  for (const [sql, dialect] of cases) {
    const tokens = tokenizeSql(sql, dialect);
    assertCovers(sql, tokens);
    assert.equal(tokens.at(-1)?.unterminated, true, sql);
  }
});

test('huge, deeply nested and malformed input is lexed in linear time without throwing', () => {
  const dialects: SqlDialect[] = ['generic', 'postgres', 'mysql', 'sqlite'];
  const inputs = [
    'SELECT \'x\' || y, "z" -- c\n'.repeat(40_000),
    '/*'.repeat(500_000),
    "'".repeat(1_000_000),
    '$a$'.repeat(300_000),
    '\uD800x\uDFFF\uDC00\uD83D',
    '\u0000\u0001\\\u007f',
  ];
  for (const dialect of dialects) {
    for (const sql of inputs) {
      const started = performance.now();
      const tokens = tokenizeSql(sql, dialect);
      assertCovers(sql, tokens);
      assert.ok(performance.now() - started < 2_000, `${dialect}: too slow`);
    }
  }
  assert.deepEqual(tokenizeSql(undefined as unknown as string), []);
});

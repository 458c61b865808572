import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeShell, type ShellToken } from './tokenizeShell.js';

function lex(command: string): string[] {
  return tokenizeShell(command)
    .filter((token) => token.type !== 'whitespace')
    .map((token) => `${token.type}:${command.slice(token.start, token.end)}`);
}

function assertCovers(command: string, tokens: readonly ShellToken[]): void {
  let at = 0;
  for (const token of tokens) {
    assert.equal(token.start, at);
    assert.ok(token.end > token.start);
    at = token.end;
  }
  assert.equal(at, command.length);
}

test('words, quotes and escapes', () => {
  assert.deepEqual(lex(`a\\ b 'c d'e "f \\" g" $'h\\'i'`), [
    'literal:a',
    'escaped:\\ ',
    'literal:b',
    "single-quoted:'c d'",
    'literal:e',
    'double-quote:"',
    'double-quoted:f \\" g',
    'double-quote:"',
    "single-quoted:$'h\\'i'",
  ]);
});

test('expansions and substitutions, inside double quotes too', () => {
  assert.deepEqual(lex('echo "$USER ${HOME:-/} $(id "x)") `w` $((1+2))" $1 $@ ~/x *.js'), [
    'literal:echo',
    'double-quote:"',
    'parameter-expansion:$USER',
    'double-quoted: ',
    'parameter-expansion:${HOME:-/}',
    'double-quoted: ',
    'command-substitution:$(id "x)")',
    'double-quoted: ',
    'command-substitution:`w`',
    'double-quoted: ',
    'arithmetic-expansion:$((1+2))',
    'double-quote:"',
    'parameter-expansion:$1',
    'parameter-expansion:$@',
    'tilde:~',
    'literal:/x',
    'glob:*',
    'literal:.js',
  ]);
});

test('operators, redirections, newlines and comments', () => {
  assert.deepEqual(lex('a; b && c || d | e & f > o 2>&1 >> p < q # note\ng#h'), [
    'literal:a',
    'operator:;',
    'literal:b',
    'operator:&&',
    'literal:c',
    'operator:||',
    'literal:d',
    'operator:|',
    'literal:e',
    'operator:&',
    'literal:f',
    'redirection:>',
    'literal:o',
    'redirection:2>&',
    'literal:1',
    'redirection:>>',
    'literal:p',
    'redirection:<',
    'literal:q',
    'comment:# note',
    'newline:\n',
    'literal:g#h',
  ]);
});

test('unterminated quotes and substitutions are flagged and still cover the text', () => {
  for (const command of [
    "echo 'abc",
    'echo "abc',
    'echo "a $(b',
    'echo $(a `b',
    'echo ${x',
    'echo `x',
  ]) {
    const tokens = tokenizeShell(command);
    assertCovers(command, tokens);
    assert.equal(tokens.at(-1)?.unterminated, true, command);
  }
});

test('huge, deeply nested and malformed input is lexed in linear time without throwing', () => {
  const inputs = [
    'ls -la "$HOME" | grep \'x\' && echo $(date)\n'.repeat(25_000),
    '$('.repeat(500_000),
    '"$(`${'.repeat(200_000),
    '\\'.repeat(1_000_001),
    '\uD800x\uDFFF\uDC00\uD83D',
  ];
  for (const command of inputs) {
    const started = performance.now();
    assertCovers(command, tokenizeShell(command));
    assert.ok(performance.now() - started < 2_000, 'too slow');
  }
  assert.deepEqual(tokenizeShell(null as unknown as string), []);
});

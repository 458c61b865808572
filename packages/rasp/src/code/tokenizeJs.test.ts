import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeJs } from './tokenizeJs.js';

function shape(code: string): string[] {
  return tokenizeJs(code)
    .filter((token) => token.type !== 'whitespace')
    .map(
      (token) =>
        `${token.type}:${code.slice(token.start, token.end)}${token.unterminated ? '…' : ''}`,
    );
}

test('strings, numbers, names and punctuators', () => {
  assert.deepEqual(shape(`a = 'x\\'y' + "z" + 0x1F + 1_000.5e-3 + 10n;`), [
    'name:a',
    'punctuator:=',
    "string:'x\\'y'",
    'punctuator:+',
    'string:"z"',
    'punctuator:+',
    'number:0x1F',
    'punctuator:+',
    'number:1_000.5e-3',
    'punctuator:+',
    'number:10n',
    'punctuator:;',
  ]);
  assert.deepEqual(shape('a?.b ?? c >>>= d'), [
    'name:a',
    'punctuator:?.',
    'name:b',
    'punctuator:??',
    'name:c',
    'punctuator:>>>=',
    'name:d',
  ]);
});

test('templates: substitutions are code, nesting is tracked', () => {
  assert.deepEqual(shape('`a ${b + `c ${d}`} e` + f'), [
    'template:`a ${',
    'name:b',
    'punctuator:+',
    'template:`c ${',
    'name:d',
    'template:}`',
    'template:} e`',
    'punctuator:+',
    'name:f',
  ]);
  assert.deepEqual(shape('`x ${ {a: 1}.a }`'), [
    'template:`x ${',
    'punctuator:{',
    'name:a',
    'punctuator::',
    'number:1',
    'punctuator:}',
    'punctuator:.',
    'name:a',
    'template:}`',
  ]);
});

test('regex or division, by the previous token', () => {
  assert.deepEqual(shape('a / b / c'), [
    'name:a',
    'punctuator:/',
    'name:b',
    'punctuator:/',
    'name:c',
  ]);
  assert.deepEqual(shape('x = /[/]\\//g.test(y)'), [
    'name:x',
    'punctuator:=',
    'regex:/[/]\\//g',
    'punctuator:.',
    'name:test',
    'punctuator:(',
    'name:y',
    'punctuator:)',
  ]);
  assert.deepEqual(shape('return /a/'), ['name:return', 'regex:/a/']);
  assert.deepEqual(shape('(1) / 2'), [
    'punctuator:(',
    'number:1',
    'punctuator:)',
    'punctuator:/',
    'number:2',
  ]);
});

test('comments, and what is left open at the end', () => {
  assert.deepEqual(shape('a // b\n/* c */ d /* e'), [
    'name:a',
    'line-comment:// b',
    'block-comment:/* c */',
    'name:d',
    'block-comment:/* e…',
  ]);
  assert.deepEqual(shape("'abc"), ["string:'abc…"]);
  assert.deepEqual(shape("'a\\"), ["string:'a\\…"]);
  assert.deepEqual(shape('`a ${b'), ['template:`a ${', 'name:b']);
  assert.deepEqual(shape('`abc'), ['template:`abc…']);
  assert.deepEqual(shape('x = /abc'), ['name:x', 'punctuator:=', 'regex:/abc…']);
});

test('every character belongs to one token, whatever the input', () => {
  const inputs = [
    '',
    '\u0000\uFFFD\uD800',
    '}'.repeat(50),
    '`${'.repeat(10_000),
    '\\u0061bc = 1',
    'é = "ü"; ∑',
    '#private @decorator',
    'x'.repeat(200_000),
  ];
  for (const input of inputs) {
    const tokens = tokenizeJs(input);
    let position = 0;
    for (const token of tokens) {
      assert.equal(token.start, position, JSON.stringify(input.slice(0, 20)));
      assert.ok(token.end > token.start);
      position = token.end;
    }
    assert.equal(position, input.length);
  }
  assert.deepEqual(tokenizeJs(42 as unknown as string), []);
});

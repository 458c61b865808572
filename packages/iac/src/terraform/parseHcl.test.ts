import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HclExpression } from './hclAst.js';
import { evaluateHcl, UNKNOWN } from './evaluateHcl.js';
import { HCL_MAX_DEPTH, parseHcl } from './parseHcl.js';

function attributeValue(source: string, name = 'a'): unknown {
  const { body, errors } = parseHcl(source);
  assert.deepEqual(errors, []);
  const attribute = body.attributes.find((candidate) => candidate.name === name);
  assert.ok(attribute, `attribute ${name}`);
  return evaluateHcl(attribute.expr);
}

function expression(source: string): HclExpression {
  const { body, errors } = parseHcl(`a = ${source}\n`);
  assert.deepEqual(errors, []);
  const attribute = body.attributes[0];
  assert.ok(attribute);
  return attribute.expr;
}

test('blocks, labels, attributes and positions', () => {
  const { body, errors } = parseHcl(
    '# header\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs" // trailing\n  /* block\n comment */\n  versioning {\n    enabled = true\n  }\n}\nlocals { x = 1 }\n',
  );
  assert.deepEqual(errors, []);
  const [resource, locals] = body.blocks;
  assert.ok(resource && locals);
  assert.equal(resource.type, 'resource');
  assert.deepEqual(
    resource.labels.map((label) => label.value),
    ['aws_s3_bucket', 'logs'],
  );
  assert.deepEqual(resource.range.start, { line: 2, column: 1, offset: 9 });
  const bucket = resource.body.attributes[0];
  assert.equal(bucket?.name, 'bucket');
  assert.equal(bucket.range.start.line, 3);
  assert.equal(bucket.range.start.column, 3);
  assert.equal(resource.body.blocks[0]?.type, 'versioning');
  assert.equal(locals.body.attributes[0]?.name, 'x');
});

test('literals, numbers, escapes and collections', () => {
  assert.equal(attributeValue('a = 42'), 42);
  assert.equal(attributeValue('a = 1.5e3'), 1500);
  assert.equal(attributeValue('a = -7'), -7);
  assert.equal(attributeValue('a = true'), true);
  assert.equal(attributeValue('a = null'), null);
  assert.equal(
    attributeValue('a = "tab\\there \\"q\\" \\u00e9 \\U0001F600"'),
    'tab\there "q" é 😀',
  );
  assert.equal(attributeValue('a = "$${literal} %%{literal}"'), '${literal} %{literal}');
  assert.deepEqual(attributeValue('a = [1, "two", [3],]'), [1, 'two', [3]]);
  assert.deepEqual(attributeValue('a = {\n  x = 1\n  "y": 2, z = { w = [] }\n}'), {
    x: 1,
    y: 2,
    z: { w: [] },
  });
  assert.deepEqual(attributeValue('a = [\n  1,\n  2\n]'), [1, 2]);
});

test('operators, conditionals, for expressions and functions', () => {
  assert.equal(attributeValue('a = 1 + 2 * 3'), 7);
  assert.equal(attributeValue('a = (1 + 2) * 3'), 9);
  assert.equal(attributeValue('a = 2 >= 2 && !false || false'), true);
  assert.equal(attributeValue('a = 3 == 3 ? "yes" : "no"'), 'yes');
  assert.deepEqual(attributeValue('a = [for x in [1, 2, 3] : x * 10 if x != 2]'), [10, 30]);
  assert.deepEqual(attributeValue('a = {for k, v in {p = 1, q = 2} : v => k}'), { 1: 'p', 2: 'q' });
  assert.deepEqual(attributeValue('a = {for s in ["a", "b", "a"] : s => s...}'), {
    a: ['a', 'a'],
    b: ['b'],
  });
  assert.equal(
    attributeValue('a = jsonencode({ Action = "*", N = [1] })'),
    '{"Action":"*","N":[1]}',
  );
  assert.deepEqual(attributeValue('a = concat(["a"], ["b"])'), ['a', 'b']);
  assert.deepEqual(attributeValue('a = merge({ x = 1 }, { y = 2 })'), { x: 1, y: 2 });
  assert.equal(attributeValue('a = lower("ABC")'), 'abc');
  assert.deepEqual(attributeValue('a = [{ n = 1 }, { n = 2 }][*].n'), [1, 2]);
  assert.deepEqual(attributeValue('a = [{ n = [5] }].*.n'), [[5]]);
  assert.equal(attributeValue('a = { x = ["p", "q"] }.x[1]'), 'q');
  assert.equal(attributeValue('a = [7, 8].1'), 8);
});

test('unknowns propagate instead of guessing', () => {
  assert.equal(attributeValue('a = aws_s3_bucket.logs.id'), UNKNOWN);
  assert.equal(attributeValue('a = var.missing'), UNKNOWN);
  assert.equal(attributeValue('a = "x-${data.y.z}"'), UNKNOWN);
  assert.equal(attributeValue('a = unknown_function(1)'), UNKNOWN);
  assert.equal(attributeValue('a = var.x ? 1 : 2'), UNKNOWN);
  assert.deepEqual(attributeValue('a = ["0.0.0.0/0", var.x]'), ['0.0.0.0/0', UNKNOWN]);
  assert.equal(attributeValue('a = jsonencode({ A = var.x })'), UNKNOWN);
});

test('templates: interpolation, directives and strip markers', () => {
  const scope = { variables: new Map([['env', 'prod']]), locals: new Map() };
  const value = (source: string) => evaluateHcl(expression(source), scope);
  assert.equal(value('"app-${var.env}"'), 'app-prod');
  assert.equal(value('"${var.env}"'), 'prod');
  assert.equal(value('"%{ if var.env == "prod" }live%{ else }test%{ endif }"'), 'live');
  assert.equal(value('"%{ for x in ["a", "b"] }${x};%{ endfor }"'), 'a;b;');
  assert.equal(value('"a   ${~ "b" ~}   c"'), 'abc');
  assert.equal(value('"${ {x = "nested ${"q"}"}.x }"'), 'nested q');
});

test('heredocs, plain and indented', () => {
  assert.equal(
    attributeValue('a = <<EOT\nline one\n  line ${"two"}\nEOT\n'),
    'line one\n  line two\n',
  );
  assert.equal(
    attributeValue('a = <<-EOT\n    {\n      "k": 1\n    }\n    EOT\nb = 2'),
    '{\n  "k": 1\n}\n',
  );
  const { body } = parseHcl('a = <<EOT\n"not a string end\nEOT\nb = 3\n');
  assert.equal(body.attributes[1]?.name, 'b');
});

test('function namespaces, splats and attribute access parse', () => {
  for (const source of [
    'provider::aws::arn_parse("arn:aws:s3:::b")',
    'aws_instance.web[*].private_ip',
    'module.vpc.subnets[0].id',
    'data.aws_iam_policy_document.x.json',
    'format("%s-%s", var.a, var.b)',
    'f(var.list...)',
    '[for i, v in var.l : { name = v, n = i }]',
  ])
    expression(source);
});

test('syntax errors are values naming line and column, and parsing resumes', () => {
  const { body, errors } = parseHcl(
    'resource "a" "b" {\n  x = \n}\n\nresource "c" "d" {\n  y = 1\n}\nbroken "x" {\n  z = "open\n}\n',
  );
  assert.deepEqual(
    errors.map((error) => [error.line, error.column]),
    [
      [2, 7],
      [9, 12],
    ],
  );
  assert.match(errors[0]?.message ?? '', /expected an expression/);
  assert.match(errors[1]?.message ?? '', /unterminated string/);
  assert.deepEqual(
    body.blocks.map((block) => block.labels.map((label) => label.value).join('.')),
    ['c.d'],
  );
});

test('truncated and malformed input never throws', () => {
  const samples = [
    'resource "a" "b" {',
    'a = [1, 2',
    'a = {x = 1',
    'a = "${',
    'a = <<EOT\nno end',
    'a = "%{ if true }x"',
    'a = "\\q"',
    'a = 1 +',
    '"label" {}',
    '}',
    'a = /* never closed',
    'a = b ? c',
    'a = f(1,,)',
    'a = 1 b = 2',
    '\u0000\u0001\u0002',
  ];
  for (const sample of samples) {
    const { errors } = parseHcl(sample);
    assert.ok(errors.length > 0, `expected an error for ${JSON.stringify(sample)}`);
    for (const error of errors) {
      assert.ok(error.line >= 1 && error.column >= 1);
      assert.ok(error.message.length > 0);
    }
  }
  // Every prefix of a real file parses to a value (no exception, no hang).
  const file =
    'variable "p" {\n  default = 22\n}\nresource "x" "y" {\n  a = [for v in var.l : "${v}-%{ if v == 1 }one%{ endif }"]\n  b = <<-EOT\n    x ${1 + 2}\n    EOT\n  c = { k = f(1, [2], {q = 3})[0].m[*].n }\n}\n';
  for (let i = 0; i <= file.length; i++) parseHcl(file.slice(0, i));
});

test('hostile nesting is an error, not a stack overflow', () => {
  for (const source of [
    `a = ${'['.repeat(100_000)}`,
    `a = ${'('.repeat(100_000)}1${')'.repeat(100_000)}`,
    `a = ${'!'.repeat(100_000)}true`,
    `a = ${'{x = '.repeat(50_000)}`,
    `a = "${'${"'.repeat(50_000)}`,
    'b {\n'.repeat(50_000),
  ]) {
    const { errors } = parseHcl(source);
    assert.ok(errors.length >= 1 && errors.length <= 21);
    assert.match(errors[0]?.message ?? '', new RegExp(`deeper than ${String(HCL_MAX_DEPTH)}`));
  }
});

test('a huge flat file parses in linear time', () => {
  const resource =
    'resource "aws_security_group_rule" "r" {\n  type        = "ingress"\n  from_port   = 443\n  to_port     = 443\n  protocol    = "tcp"\n  cidr_blocks = ["10.0.0.0/8"]\n}\n';
  const source = resource.repeat(20_000);
  const started = performance.now();
  const { body, errors } = parseHcl(source);
  assert.deepEqual(errors, []);
  assert.equal(body.blocks.length, 20_000);
  assert.ok(performance.now() - started < 5000);
});

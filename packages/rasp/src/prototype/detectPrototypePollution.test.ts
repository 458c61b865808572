import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPollutingKey, detectPrototypePollution } from './detectPrototypePollution.js';

test('polluting keys in parsed JSON are found with their path', () => {
  const cases: readonly (readonly [string, string, string])[] = [
    ['{"__proto__":{"admin":true}}', '__proto__', '__proto__'],
    ['{"user":{"name":"a","__proto__":{"admin":true}}}', '__proto__', 'user.__proto__'],
    [
      '{"constructor":{"prototype":{"admin":true}}}',
      'constructor.prototype',
      'constructor.prototype',
    ],
    [
      '[1,{"a":{"constructor":{"prototype":{}}}}]',
      'constructor.prototype',
      '1.a.constructor.prototype',
    ],
    ['{"fn":{"prototype":{"polluted":1}}}', 'prototype', 'fn.prototype'],
    ['{"\\u005f\\u005fproto\\u005f\\u005f":{"x":1}}', '__proto__', '__proto__'],
  ];
  for (const [json, reason, path] of cases) {
    assert.deepEqual(
      detectPrototypePollution(JSON.parse(json)),
      { attack: true, reason, path },
      json,
    );
  }
});

test('ordinary values, and the words as values or plain fields, are benign', () => {
  const values: unknown[] = [
    JSON.parse('{"name":"__proto__","constructor":"Foo","prototype":"v2"}'),
    JSON.parse('{"constructor":{"name":"x"},"tags":["prototype","__proto__"]}'),
    { a: { b: { c: 1 } } },
    'a string',
    null,
    42,
    Object.create(null),
  ];
  for (const value of values) assert.deepEqual(detectPrototypePollution(value), { attack: false });
});

test('query and form keys are read the way nesting parsers split them', () => {
  const attacks: readonly (readonly [string, string, string])[] = [
    ['__proto__[admin]', '__proto__', '__proto__'],
    ['a[__proto__][admin]', '__proto__', 'a.__proto__'],
    ['a.__proto__.admin', '__proto__', 'a.__proto__'],
    ['a[constructor][prototype][admin]', 'constructor.prototype', 'a.constructor.prototype'],
    ['constructor.prototype.admin', 'constructor.prototype', 'constructor.prototype'],
    ['fn[prototype][x]', 'prototype', 'fn.prototype'],
  ];
  for (const [key, reason, path] of attacks) {
    assert.deepEqual(detectPollutingKey(key), { attack: true, reason, path }, key);
  }
  for (const key of ['q', 'prototype', 'user[name]', 'proto', 'a[prototype]', 'constructor', '']) {
    assert.deepEqual(detectPollutingKey(key), { attack: false }, key);
  }
});

test('deep, wide and cyclic values cost a bounded amount of work', () => {
  let deep: Record<string, unknown> = {};
  const root = deep;
  for (let i = 0; i < 10_000; i++) {
    const next = {};
    deep.x = next;
    deep = next;
  }
  deep.__proto__polluted = 1;
  assert.deepEqual(detectPrototypePollution(root), { attack: false });
  const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  assert.deepEqual(detectPrototypePollution(wide), { attack: false });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.deepEqual(detectPrototypePollution(cyclic), { attack: false });
  assert.deepEqual(
    detectPrototypePollution(JSON.parse('{"a":{"__proto__":{}}}'), { maxDepth: 1, maxKeys: 10 }),
    { attack: false },
  );
});

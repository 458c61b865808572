import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@vigil/core';
import { scanFileSet } from '../scanFileSet.js';

// Prototype pollution in the shapes it takes in real code: recursive merges (keys enumerated
// from the source, the target's member passed back in), path setters (a path split into keys
// and walked), their helpers; each with a safe twin that must stay silent.

async function pollutedLines(
  code: string,
  sources: 'default' | 'exports' = 'exports',
): Promise<number[]> {
  const { findings, warnings } = await scanFileSet({ 'lib.js': code }, { sources });
  assert.deepEqual(warnings, []);
  return findings
    .filter((finding: Finding) => finding.ruleId === 'code/prototype-pollution')
    .map((finding) => (finding.location.kind === 'file' ? finding.location.startLine : 0))
    .sort((a, b) => a - b);
}

const lines = (...code: string[]): string => code.join('\n');

test('a for-in merge that recurses through an alias of target[key], written before the recursion', async () => {
  const merge = (guard: string): string =>
    lines(
      'function merge(target, source) {',
      '  for (var key in source) {',
      guard,
      '    var from = source[key];',
      '    var into = target[key];',
      "    if (typeof from !== 'object') { target[key] = from; continue; }",
      '    target[key] = merge(into || {}, from);',
      '  }',
      '  return target;',
      '}',
      'module.exports = merge;',
    );
  assert.deepEqual(await pollutedLines(merge('')), [6, 7]);
  // `__proto__` alone: `constructor` then `prototype` still reaches Object.prototype
  assert.deepEqual(await pollutedLines(merge("    if (key === '__proto__') continue;")), [6, 7]);
  assert.deepEqual(
    await pollutedLines(merge("    if (key === '__proto__' || key === 'constructor') continue;")),
    [],
  );
  assert.deepEqual(
    await pollutedLines(
      merge("    if (key === '__proto__') continue;\n    if (key === 'prototype') continue;"),
    ),
    [],
  );
  assert.deepEqual(
    await pollutedLines(merge("    if (['__proto__', 'constructor'].includes(key)) continue;")),
    [],
  );
});

test('a merge of arguments: target = arguments[0], sources from Object.keys(…).forEach', async () => {
  const code = lines(
    'module.exports = function deepAssign() {',
    '  var target = arguments[0] || {};',
    '  Array.prototype.slice.call(arguments, 1).forEach(function (source) {',
    '    Object.keys(source).forEach(function (key) {',
    '      var current = target[key];',
    "      if (current && typeof source[key] === 'object') deepAssign(current, source[key]);",
    '      else target[key] = source[key];',
    '    });',
    '  });',
    '  return target;',
    '};',
  );
  assert.deepEqual(await pollutedLines(code), [7]);
  // a shallow assign (no recursion) writes own properties only
  const shallow = code.replace(
    "if (current && typeof source[key] === 'object') deepAssign(current, source[key]);\n      else ",
    '',
  );
  assert.deepEqual(await pollutedLines(shallow), []);
});

test('rest parameters and destructured entries: merge(target, ...sources)', async () => {
  const code = lines(
    'export function merge(target, ...sources) {',
    '  for (const source of sources) {',
    '    for (const [key, value] of Object.entries(source)) {',
    "      if (value && typeof value === 'object') merge((target[key] ??= {}), value);",
    '      else target[key] = value;',
    '    }',
    '  }',
    '  return target;',
    '}',
  );
  assert.deepEqual(await pollutedLines(code), [4, 5]);
});

test('an iteration helper with thisArg: forIn(source, copy, target) and this[key] = value', async () => {
  const code = lines(
    "const forIn = require('for-in');",
    'function mixin(target) {',
    '  for (var i = 1; i < arguments.length; i++) forIn(arguments[i], copy, target);',
    '  return target;',
    '}',
    'function copy(value, key) {',
    '  var existing = this[key];',
    "  if (typeof value === 'object' && existing) mixin(existing, value);",
    '  else this[key] = value;',
    '}',
    'module.exports = mixin;',
  );
  assert.deepEqual(await pollutedLines(code), [9]);
});

test('own-property checks on the target and prototype-less objects make merges safe', async () => {
  const ownCheck = lines(
    'module.exports = function merge(target, source) {',
    '  for (const key in source) {',
    '    if (Object.prototype.hasOwnProperty.call(target, key) && typeof source[key] === "object") {',
    '      merge(target[key], source[key]);',
    '    } else {',
    '      target[key] = source[key];',
    '    }',
    '  }',
    '};',
  );
  assert.deepEqual(await pollutedLines(ownCheck), []);
  // the same check on the source proves nothing about the target
  assert.deepEqual(
    await pollutedLines(ownCheck.replace('.call(target, key)', '.call(source, key)')),
    [6],
  );
  const nullPrototype = lines(
    'export function expand(flat) {',
    '  const tree = Object.create(null);',
    '  for (const path of Object.keys(flat)) {',
    "    const parts = path.split('.');",
    '    let node = tree;',
    '    for (let i = 0; i < parts.length - 1; i++) node = node[parts[i]] ??= Object.create(null);',
    '    node[parts[parts.length - 1]] = flat[path];',
    '  }',
    '  return tree;',
    '}',
  );
  assert.deepEqual(await pollutedLines(nullPrototype), []);
  assert.deepEqual(
    await pollutedLines(nullPrototype.replaceAll('Object.create(null)', '{}')),
    [6, 7],
  );
});

test('path setters: a split path walked by reduce, by a helper that returns obj[key], into a helper that writes', async () => {
  const reduce = lines(
    'exports.set = function (obj, path, value) {',
    "  const keys = path.split('.');",
    '  const last = keys.pop();',
    '  const parent = keys.reduce((node, key) => node[key] || (node[key] = {}), obj);',
    '  parent[last] = value;',
    '};',
  );
  assert.deepEqual(await pollutedLines(reduce), [4, 5]);
  const helpers = lines(
    'function child(node, key) {',
    "  if (typeof node[key] !== 'object') node[key] = {};",
    '  return node[key];',
    '}',
    'function put(node, key, value) {',
    '  node[key] = value;',
    '}',
    'exports.set = function (obj, path, value) {',
    '  const keys = Array.isArray(path) ? path : path.split(/[.[\\]]+/);',
    '  let node = obj;',
    '  for (let i = 0; i < keys.length - 1; i++) node = child(node, keys[i]);',
    '  put(node, keys[keys.length - 1], value);',
    '};',
  );
  assert.deepEqual(await pollutedLines(helpers), [2, 6]);
  // every key checked against the prototype keys on the way
  const guarded = helpers
    .replace(
      'node = child(node, keys[i]);',
      "{ const key = keys[i]; if (key === '__proto__' || key === 'constructor') return; node = child(node, key); }",
    )
    .replace(
      '  put(node, keys[keys.length - 1], value);',
      "  const last = keys[keys.length - 1];\n  if (last !== '__proto__' && last !== 'constructor') put(node, last, value);",
    );
  assert.deepEqual(await pollutedLines(guarded), []);
  // a Map tree has no prototype to reach
  const map = lines(
    'exports.set = function (root, path, value) {',
    "  const keys = path.split('.');",
    '  let node = root;',
    '  for (const key of keys.slice(0, -1)) {',
    '    if (!node.has(key)) node.set(key, new Map());',
    '    node = node.get(key);',
    '  }',
    '  node.set(keys[keys.length - 1], value);',
    '};',
  );
  assert.deepEqual(await pollutedLines(map), []);
});

test('library mode: a method that walks a path is API even when no export names it', async () => {
  const code = lines(
    'class Store {',
    '  constructor() { this.data = {}; }',
    '  set(path, value) {',
    '    const parts = this.split(path);',
    '    let node = this.data;',
    '    while (parts.length > 1) {',
    '      const part = parts.shift();',
    '      node = node[part] = node[part] || {};',
    '    }',
    '    node[parts[0]] = value;',
    '  }',
    "  split(path) { return path.split('.'); }",
    '}',
    'function register(registry) { registry.add(new Store()); }',
    'module.exports = register;',
  );
  assert.deepEqual(await pollutedLines(code), [8, 10]);
  // in an application only request data is input
  assert.deepEqual(await pollutedLines(code, 'default'), []);
});

test('application mode: request data into a hand-written deep merge', async () => {
  const code = lines(
    "const express = require('express');",
    'const app = express();',
    'const settings = {};',
    'function deepMerge(target, source) {',
    '  Object.keys(source).forEach((key) => {',
    "    if (source[key] && typeof source[key] === 'object') {",
    '      if (!target[key]) target[key] = {};',
    '      deepMerge(target[key], source[key]);',
    '    } else {',
    '      target[key] = source[key];',
    '    }',
    '  });',
    '}',
    "app.post('/settings', (req, res) => {",
    '  deepMerge(settings, req.body);',
    '  res.json(settings);',
    '});',
  );
  assert.deepEqual(await pollutedLines(code, 'default'), [7, 10]);
  assert.deepEqual(
    await pollutedLines(
      code.replace('deepMerge(settings, req.body)', 'deepMerge(settings, {})'),
      'default',
    ),
    [],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonWithLines } from './parseJsonWithLines.js';

const JSONC = '{\n  // a comment\n  "a": [1, 2,],\n  /* b\n */ "b": { "c": true, },\n}\n';

test('jsonc accepts comments and trailing commas and keeps lines of objects and arrays', () => {
  const parsed = parseJsonWithLines(JSONC, { jsonc: true });
  assert.ok(parsed.ok);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), { a: [1, 2], b: { c: true } });
  const value = parsed.value as { a: number[]; b: { c: boolean } };
  assert.equal(parsed.lineOf(value.a), 3);
  assert.equal(parsed.lineOf(value.b), 5);
});

test('strict JSON still refuses comments and trailing commas', () => {
  assert.deepEqual(parseJsonWithLines(JSONC), {
    ok: false,
    error: { message: 'expected a string key', line: 2, column: 3 },
  });
  assert.deepEqual(parseJsonWithLines('[1,]'), {
    ok: false,
    error: { message: "unexpected character ']'", line: 1, column: 4 },
  });
  assert.deepEqual(parseJsonWithLines('[,]', { jsonc: true }), {
    ok: false,
    error: { message: "unexpected character ','", line: 1, column: 2 },
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './LineIndex.js';

test('offsets map to 1-based lines and columns, at line starts, ends and past the last newline', () => {
  const index = new LineIndex('ab\ncd\n\nef');
  assert.deepEqual(index.position(0), { line: 1, column: 1 });
  assert.deepEqual(index.position(2), { line: 1, column: 3 });
  assert.deepEqual(index.position(3), { line: 2, column: 1 });
  assert.deepEqual(index.position(6), { line: 3, column: 1 });
  assert.deepEqual(index.position(8), { line: 4, column: 2 });
  assert.deepEqual(new LineIndex('').position(0), { line: 1, column: 1 });
});

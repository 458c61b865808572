import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OsvRecord } from '../osv/osvRecord.js';
import { SegmentReader } from './SegmentReader.js';
import { SegmentWriter } from './SegmentWriter.js';

function record(id: string): OsvRecord {
  return { id, modified: '2024-01-01T00:00:00Z', summary: `record ${id} “quoted” ✓` };
}

test('every key written is found by bisection, with its records; absent keys find nothing', () => {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-segment-'));
  const writer = new SegmentWriter(directory);
  // Keys of every shape: ASCII, scoped, non-Latin, astral, prefixes of each other.
  const names = ['a', 'ab', 'abc', '@scope/pkg', 'Ω-omega', '日本語', '🦀crab', 'z'];
  for (let index = 0; index < 3_000; index++) names.push(`pkg-${String(index * 7919)}`);
  names.forEach((name, index) => {
    writer.add(record(`ID-${String(index)}`), [`npm\u001f${name}`], ['npm']);
  });
  writer.add(record('ID-shared'), ['npm\u001fa', 'npm\u001fz'], ['npm']);
  const summary = writer.finish();
  assert.equal(summary.records, names.length + 1);
  assert.equal(summary.packages, names.length);

  const reader = new SegmentReader(directory);
  names.forEach((name, index) => {
    const found = reader.recordsFor(`npm\u001f${name}`).map((item) => item.id);
    const expected = [`ID-${String(index)}`];
    if (name === 'a' || name === 'z') expected.push('ID-shared');
    assert.deepEqual(found, expected, name);
  });
  assert.equal(reader.recordsFor('npm\u001fa')[0]?.summary, 'record ID-0 “quoted” ✓');
  for (const absent of ['', 'aa', '0', '~', 'pkg-1', 'npm']) {
    assert.deepEqual(reader.recordsFor(`npm\u001f${absent}`), [], absent);
  }
  reader.close();
});

test('a record written twice keeps the later-modified copy only', () => {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-segment-'));
  const writer = new SegmentWriter(directory);
  writer.add({ ...record('X'), summary: 'old' }, ['npm\u001fx'], ['npm']);
  writer.add(
    { ...record('X'), modified: '2025-01-01T00:00:00Z', summary: 'new' },
    ['npm\u001fx'],
    ['npm'],
  );
  writer.add(
    { ...record('X'), modified: '2020-01-01T00:00:00Z', summary: 'older' },
    ['npm\u001fx'],
    ['npm'],
  );
  assert.equal(writer.finish().records, 1);
  const reader = new SegmentReader(directory);
  assert.deepEqual(
    reader.recordsFor('npm\u001fx').map((item) => item.summary),
    ['new'],
  );
  reader.close();
});

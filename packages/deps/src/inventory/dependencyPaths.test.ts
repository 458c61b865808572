import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyPaths, MAX_PATH_LENGTH, MAX_PATHS_PER_PACKAGE } from './dependencyPaths.js';

test('keeps the shortest paths, at most three per package, on a dense cyclic graph', () => {
  const size = 200;
  const graph = {
    label: (id: number) => `p${String(id)}`,
    dependencies: (id: number) => Array.from({ length: size }, (_, i) => i).filter((i) => i !== id),
  };
  const paths = dependencyPaths(graph, 0);
  assert.equal(paths.size, size - 1);
  for (const kept of paths.values()) assert.ok(kept.length <= MAX_PATHS_PER_PACKAGE);
  assert.deepEqual(paths.get(5)?.[0], ['p0', 'p5']);
  assert.equal(paths.has(0), false, 'the root is never its own dependency');
});

test('a hostile chain costs linear time: paths stop at MAX_PATH_LENGTH', () => {
  const length = 50_000;
  const graph = {
    label: (id: number) => `p${String(id)}`,
    dependencies: (id: number) => (id + 1 < length ? [id + 1] : [0]),
  };
  const started = performance.now();
  const paths = dependencyPaths(graph, 0);
  assert.ok(performance.now() - started < 2000);
  assert.equal(paths.get(MAX_PATH_LENGTH - 1)?.[0]?.length, MAX_PATH_LENGTH);
  assert.equal(paths.has(MAX_PATH_LENGTH), false, 'deeper nodes get no path');
});

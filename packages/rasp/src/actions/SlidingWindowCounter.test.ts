import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlidingWindowCounter } from './SlidingWindowCounter.js';

test('counts within the window and forgets what slid out of it', () => {
  const counter = new SlidingWindowCounter(1000);
  for (let i = 0; i < 10; i++) counter.hit('a', 10_000 + i);
  assert.equal(counter.count('a', 10_500), 10);
  assert.equal(counter.hit('b', 10_500), 1);
  // Half of the previous window is still covered: half of its 10 events count.
  assert.equal(counter.count('a', 11_500), 5);
  assert.equal(counter.hit('a', 11_500), 6);
  // Two windows later nothing of the first is left.
  assert.equal(counter.count('a', 13_000), 0);
});

test('keeps at most maxKeys keys', () => {
  const counter = new SlidingWindowCounter(1000, 3);
  for (const key of ['a', 'b', 'c', 'd']) counter.hit(key, 0);
  assert.equal(counter.count('a', 1), 0);
  assert.equal(counter.count('d', 1), 1);
});

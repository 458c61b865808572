import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Script } from 'node:vm';
import { useAgent } from '../testing/agentHarness.test.support.js';

test('freezePrototypes makes pollution fail (this process only)', () => {
  useAgent('monitor', { freezePrototypes: true });
  assert.ok(Object.isFrozen(Object.prototype));
  assert.ok(Object.isFrozen(Array.prototype));
  const payload = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
  const target: Record<string, unknown> = {};
  const proto = Object.getPrototypeOf(target) as Record<string, unknown>;
  assert.throws(() => {
    Object.assign(proto, payload.__proto__);
  }, TypeError);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  // The agent's hooks were installed before the freeze and still work.
  assert.equal(new Script('1 + 1').runInThisContext(), 2);
});

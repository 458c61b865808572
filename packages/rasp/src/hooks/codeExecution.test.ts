/* eslint-disable @typescript-eslint/no-implied-eval -- a deliberately vulnerable app */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import vm from 'node:vm';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

// `eval` is checked only when asked for: this process asks before the first start.
useAgent('block', { hookEval: true });

let sideEffects = 0;
(globalThis as { sideEffect?: () => void }).sideEffect = () => {
  sideEffects++;
};

/** A deliberately vulnerable app: each route compiles code built from the query. */
const app = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('q') ?? '';
  let result: unknown;
  try {
    switch (url.pathname) {
      case '/function':
        result = (new Function(`return ${q};`) as () => unknown)();
        break;
      case '/function-call':
        result = (
          Function('greet', `return greet('${q}');`) as (g: (n: string) => string) => unknown
        )((name) => `hello ${name}`);
        break;
      case '/function-json':
        result = (new Function(`return ${JSON.stringify(q)};`) as () => unknown)();
        break;
      case '/async':
        result = 'compiled';
        (
          Object.getPrototypeOf(async () => {
            await Promise.resolve();
          }) as { constructor: FunctionConstructor }
        ).constructor(`return '${q}';`);
        break;
      case '/vm':
        result = vm.runInNewContext(`x = ${q}`, { x: 0 });
        break;
      case '/script':
        result = new vm.Script(`'${q}'`).runInThisContext();
        break;
      case '/eval':
        result = globalThis.eval(`(${q})`);
        break;
      default:
        result = 'no route';
    }
  } catch (error) {
    if (res.headersSent) return;
    result = `error ${(error as Error).name}`;
  }
  res.end(JSON.stringify(result));
});

let base = '';
before(async () => {
  base = await listen(app);
});
after(() => close(app));

async function get(path: string, q: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${path}?q=${encodeURIComponent(q)}`);
  return { status: response.status, text: await response.text() };
}

describe('code injection in block mode', () => {
  beforeEach(() => {
    useAgent('block', { hookEval: true });
    sideEffects = 0;
  });

  const attacks: readonly (readonly [string, string, string, string])[] = [
    ['/function', '1; sideEffect()', 'Function', 'tokens-added'],
    ['/function', "'a string'", 'Function', 'type-change'],
    ['/function-call', "x'); sideEffect(); ('", 'Function', 'string-escape'],
    ['/async', "'; sideEffect(); '", 'AsyncFunction', 'string-escape'],
    ['/vm', '1; sideEffect()', 'vm.runInNewContext', 'tokens-added'],
    ['/script', "' + sideEffect() + '", 'vm.Script', 'string-escape'],
    ['/eval', 'sideEffect()', 'eval', 'tokens-added'],
  ];
  for (const [route, payload, sink, reason] of attacks) {
    it(`stops ${route} before the code runs`, async () => {
      const response = await get(route, payload);
      assert.equal(response.status, 403);
      assert.deepEqual(JSON.parse(response.text), {
        error: 'blocked by vigil',
        kind: 'code_injection',
      });
      assert.equal(sideEffects, 0);
      const [event] = loggedEvents();
      assert.equal(event?.sink, sink);
      assert.equal(event.reason, reason);
      assert.equal(event.source, 'query.q');
    });
  }

  it('lets values through unchanged', async () => {
    const cases: readonly (readonly [string, string, string])[] = [
      ['/function', '42', '42'],
      ['/function', '-1.5', '-1.5'],
      ['/function', ' 8 ', '8'],
      ['/function-call', 'Ann Lee, PhD (2nd)', '"hello Ann Lee, PhD (2nd)"'],
      ['/function-json', 'O\'Brien said "hi"; bye()', JSON.stringify(`O'Brien said "hi"; bye()`)],
      ['/vm', '7', '7'],
      ['/script', 'plain text; with (parens)', '"plain text; with (parens)"'],
      ['/eval', '3', '3'],
    ];
    for (const [route, q, expected] of cases) {
      const response = await get(route, q);
      assert.equal(response.status, 200, `${route} ${q}`);
      assert.equal(response.text, expected, `${route} ${q}`);
    }
    assert.deepEqual(loggedEvents(), []);
  });
});

describe('the guarded constructors behave as the originals', () => {
  it('keeps identity, instanceof, subclassing and vm.Script', () => {
    const add = new Function('a', 'b', 'return a + b') as (a: number, b: number) => number;
    assert.equal(add(2, 3), 5);
    assert.equal(add.name, 'anonymous');
    assert.ok(add instanceof Function);
    assert.equal((() => 1).constructor, Function);
    assert.equal(Object.getPrototypeOf(add), Function.prototype);
    class Compiled extends Function {}
    const compiled = new Compiled('return 7') as unknown as () => number;
    assert.ok(compiled instanceof Compiled);
    assert.equal(compiled(), 7);
    const script = new vm.Script('1 + 1');
    assert.ok(script instanceof vm.Script);
    assert.equal(script.runInThisContext(), 2);
    assert.equal(globalThis.eval('1 + 2'), 3);
  });

  it('monitor mode logs and runs the code', async () => {
    useAgent('monitor', { hookEval: true });
    sideEffects = 0;
    const response = await get('/function', 'sideEffect() ?? 1');
    assert.equal(response.status, 200);
    assert.equal(sideEffects, 1);
    assert.equal(loggedEvents()[0]?.action, 'monitored');
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import express from 'express';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

/** The classic vulnerable deep merge. */
function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'object' && value !== null) {
      target[key] ??= {};
      merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
}

let handled = 0;
const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));
app.post('/settings', (req, res) => {
  handled++;
  const settings: Record<string, unknown> = {};
  merge(settings, req.body as Record<string, unknown>);
  res.json(settings);
});
app.get('/search', (req, res) => {
  handled++;
  res.json(req.query);
});

let base = '';
const server = createServer(app);
before(async () => {
  useAgent('block');
  base = await listen(server);
});
after(() => close(server));

function post(body: string, type = 'application/json'): Promise<Response> {
  return fetch(`${base}/settings`, { method: 'POST', headers: { 'content-type': type }, body });
}

describe('prototype pollution in block mode', () => {
  beforeEach(() => {
    useAgent('block');
    handled = 0;
  });

  it('stops a JSON body with __proto__ before the handler merges it', async () => {
    const response = await post('{"theme":"dark","__proto__":{"polluted":true}}');
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), {
      error: 'blocked by vigil',
      kind: 'prototype_pollution',
    });
    assert.equal(handled, 0);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    const [event] = loggedEvents();
    assert.equal(event?.sink, 'json body parser');
    assert.equal(event.reason, '__proto__');
    assert.equal(event.source, 'body');
  });

  it('stops constructor.prototype, and keys spelled with JSON escapes', async () => {
    for (const body of [
      '{"a":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"\\u005f_proto__":{"polluted":true}}',
    ]) {
      assert.equal((await post(body)).status, 403, body);
    }
    assert.equal(handled, 0);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  it('stops polluting keys in forms and query strings', async () => {
    const form = await post('a[__proto__][polluted]=1', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 403);
    const query = await fetch(`${base}/search?q=x&filter[constructor][prototype][polluted]=1`);
    assert.equal(query.status, 403);
    assert.equal(handled, 0);
    assert.deepEqual(
      loggedEvents().map((event) => [event.sink, event.source, event.reason]),
      [
        ['form body parser', 'body key', '__proto__'],
        ['query parser', 'query key', 'constructor.prototype'],
      ],
    );
  });

  it('lets ordinary bodies and queries through unchanged', async () => {
    const json = await post(
      '{"name":"__proto__","constructor":"x","prototype":"v2","tag":{"proto":"__proto__"}}',
    );
    assert.equal(json.status, 200);
    assert.deepEqual(await json.json(), {
      name: '__proto__',
      constructor: 'x',
      prototype: 'v2',
      tag: { proto: '__proto__' },
    });
    const query = await fetch(`${base}/search?q=${encodeURIComponent('prototype __proto__')}`);
    assert.deepEqual(await query.json(), { q: 'prototype __proto__' });
    assert.equal(handled, 2);
    assert.deepEqual(loggedEvents(), []);
  });
});

describe('prototype pollution in monitor mode', () => {
  it('logs and lets the request go on', async () => {
    useAgent('monitor');
    handled = 0;
    const response = await post('{"__proto__":{"x":1}}');
    assert.equal(response.status, 200);
    assert.equal(handled, 1);
    assert.equal(loggedEvents()[0]?.action, 'monitored');
  });
});

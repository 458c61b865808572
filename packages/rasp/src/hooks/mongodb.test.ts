import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import express from 'express';
import { MongoClient } from 'mongodb';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

/**
 * The real driver's Collection, with no server: a blocked call stops before any I/O (cursors are
 * lazy, promise methods reject first), and a benign `find` builds its cursor without connecting.
 */
const client = new MongoClient('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMS: 200 });
const users = client.db('app').collection('users');

const outcomes: unknown[] = [];
const app = express();
app.set('query parser', 'extended');
app.use(express.json());
app.post('/login', (req, res) => {
  const { user, password } = req.body as { user: unknown; password: unknown };
  users.findOne({ user, password }).then(
    () => res.json('found'),
    (error: unknown) => {
      outcomes.push(error);
      if (!res.headersSent) res.status(500).json((error as Error).name);
    },
  );
});
app.get('/items', (req, res) => {
  const filter = req.query.filter as Record<string, unknown> | undefined;
  try {
    const cursor = users.find({ name: filter?.name });
    res.json(cursor.constructor.name);
  } catch (error) {
    outcomes.push(error);
    if (!res.headersSent) res.status(500).end();
  }
});
app.get('/where', (req, res) => {
  const name = typeof req.query.name === 'string' ? req.query.name : '';
  try {
    res.json(users.find({ $where: `this.name == '${name}'` }).constructor.name);
  } catch (error) {
    outcomes.push(error);
  }
});

let base = '';
const server = createServer(app);
before(async () => {
  useAgent('block');
  base = await listen(server);
});
after(async () => {
  await client.close();
  await close(server);
});

function login(body: unknown): Promise<Response> {
  return fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('mongodb in block mode', () => {
  beforeEach(() => {
    useAgent('block');
    outcomes.length = 0;
  });

  it('rejects findOne with an operator from the JSON body, before any I/O', async () => {
    const response = await login({ user: 'admin', password: { $ne: '' } });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'nosql_injection' });
    assert.ok(outcomes[0] instanceof VigilRaspBlockedError);
    const [event] = loggedEvents();
    assert.equal(event?.sink, 'mongodb.findOne');
    assert.equal(event.source, 'body.password');
    assert.equal(event.reason, 'operator-injection');
    assert.deepEqual(event.payload, { prefix: '{"$ne":"', length: 10 });
  });

  it('stops find with an operator from a nested query string', async () => {
    const response = await fetch(`${base}/items?filter[name][$regex]=.*`);
    assert.equal(response.status, 403);
    assert.equal(loggedEvents()[0]?.source, 'query.filter.name');
  });

  it('stops $where built from a user string', async () => {
    const response = await fetch(
      `${base}/where?name=${encodeURIComponent("x' || sleep(5000) || '")}`,
    );
    assert.equal(response.status, 403);
    assert.equal(loggedEvents()[0]?.reason, 'where-injection');
  });

  it('lets plain values through to the driver', async () => {
    const items = await fetch(`${base}/items?filter[name]=${encodeURIComponent('$ne')}`);
    assert.equal(await items.json(), 'FindCursor');
    const where = await fetch(`${base}/where?name=${encodeURIComponent('Ann Lee')}`);
    assert.equal(await where.json(), 'FindCursor');
    // findOne goes to the (absent) server: the driver's own error, not the agent's.
    const response = await login({ user: 'admin', password: "it's { $ne: 1 }" });
    assert.equal(response.status, 500);
    assert.equal(await response.json(), 'MongoServerSelectionError');
    assert.deepEqual(loggedEvents(), []);
  });
});

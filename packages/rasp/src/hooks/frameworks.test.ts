import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

useAgent('block');

const db = new Database(':memory:');
db.exec(
  "CREATE TABLE users (id INTEGER, name TEXT); INSERT INTO users VALUES (1, 'ann'), (2, 'bob')",
);
const userById = (id: string): unknown =>
  db.prepare(`SELECT name FROM users WHERE id = ${id}`).all();
const ping = (host: string): string => execSync(`echo ping ${host}`, { encoding: 'utf8' });

/** Each framework serves the same two vulnerable routes. */
interface Started {
  readonly base: string;
  readonly stop: () => Promise<void>;
}

async function startFastify(): Promise<Started> {
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/users/:id', (request) => userById(request.params.id));
  app.post<{ Body: { host: string } }>('/ping', (request) => ({ out: ping(request.body.host) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

async function startKoa(): Promise<Started> {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  router.get('/users/:id', (ctx) => {
    ctx.body = userById(ctx.params.id ?? '');
  });
  router.post('/ping', (ctx) => {
    ctx.body = { out: ping((ctx.request.body as { host: string }).host) };
  });
  app.use(bodyParser());
  app.use(router.routes());
  const handle = app.callback();
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  return { base: await listen(server), stop: () => close(server) };
}

async function startHono(): Promise<Started> {
  const app = new Hono();
  app.onError((_error, c) => c.text('error', 500));
  app.get('/users/:id', (c) => c.json(userById(c.req.param('id'))));
  app.post('/ping', async (c) => {
    const { host } = await c.req.json<{ host: string }>();
    return c.json({ out: ping(host) });
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      resolve(started as Server);
    });
  });
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, stop: () => close(server) };
}

const FRAMEWORKS: readonly (readonly [string, () => Promise<Started>, string, string])[] = [
  // name, start, source of the route param, route reported
  ['Fastify', startFastify, 'params.id', '/users/:id'],
  ['Koa', startKoa, 'params.id', '/users/:id'],
  ['Hono (node adapter)', startHono, 'path[1]', '/users/1%20OR%201%3D1'],
];

for (const [name, start, paramSource, route] of FRAMEWORKS) {
  describe(`${name} in block mode`, () => {
    let server: Started;
    before(async () => {
      server = await start();
    });
    after(() => server.stop());

    it('blocks SQL injection through a route param', async () => {
      useAgent('block');
      const response = await fetch(`${server.base}/users/${encodeURIComponent('1 OR 1=1')}`);
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'sql_injection' });
      const [event] = loggedEvents();
      assert.equal(event?.source, paramSource);
      assert.equal(event.request.route, route);
    });

    it('blocks shell injection from a JSON body', async () => {
      useAgent('block');
      const response = await fetch(`${server.base}/ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ host: 'example.com; id' }),
      });
      assert.equal(response.status, 403);
      assert.equal(loggedEvents()[0]?.source, 'body.host');
    });

    it('serves benign requests as without the agent', async () => {
      useAgent('block');
      const user = await fetch(`${server.base}/users/2`);
      assert.deepEqual(await user.json(), [{ name: 'bob' }]);
      const pong = await fetch(`${server.base}/ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ host: 'example.com' }),
      });
      assert.deepEqual(await pong.json(), { out: 'ping example.com\n' });
      assert.deepEqual(loggedEvents(), []);
    });
  });
}

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { agentState } from '../agent/agentState.js';
import { defaultRaspConfig } from '../config/RaspConfig.js';
import { hookHttpServers } from '../hooks/httpServer.js';
import { close, listen } from '../testing/servers.test.support.js';
import { contextOfRequest, getRequestContext } from './requestStore.js';

interface Seen {
  method: string;
  route: string;
  path: string;
  ip: string | undefined;
  inputs: Record<string, string>;
  /** The agent observes the body (wraps `req.push`). */
  observesBody: boolean;
  /** Adapters find the context from the request object. */
  attached: boolean;
}

function seen(): Seen {
  const context = getRequestContext();
  assert.ok(context, 'a request context');
  return {
    method: context.method,
    route: context.route(),
    path: context.path,
    ip: context.ip,
    inputs: Object.fromEntries(context.userInput().map((input) => [input.source, input.value])),
    observesBody: Object.hasOwn(context.req, 'push'),
    attached: contextOfRequest(context.req) === context,
  };
}

before(() => {
  agentState().config = {
    ...defaultRaspConfig(process.cwd()),
    limits: { maxBodyBytes: 512, maxInputs: 200, maxDepth: 8 },
  };
  hookHttpServers();
});

describe('request context on a plain http server', () => {
  let base = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        await sleep(1);
        const body = Buffer.concat(chunks);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ...seen(), received: body.toString('base64') }));
      })();
    });
  });
  before(async () => {
    base = await listen(server);
  });
  after(() => close(server));

  it('knows method, path, client address, query, cookies and headers, after awaits', async () => {
    const response = await fetch(`${base}/files/..%2Fsecret/a?name=O'Brien&q=a%20b`, {
      headers: { cookie: 'session=abc; theme="dark%20blue"', 'x-note': "it's fine" },
    });
    const result = (await response.json()) as Seen;
    assert.equal(result.method, 'GET');
    assert.equal(result.route, '/files/..%2Fsecret/a');
    assert.equal(result.ip, '127.0.0.1');
    assert.equal(result.inputs['query.name'], "O'Brien");
    assert.equal(result.inputs['query.q'], 'a b');
    assert.equal(result.inputs['cookies.session'], 'abc');
    assert.equal(result.inputs['cookies.theme'], 'dark blue');
    assert.equal(result.inputs['headers.x-note'], "it's fine");
    assert.equal(result.inputs['path[1]'], '../secret');
    assert.equal(result.inputs['headers.cookie'], undefined);
    // No Content-Length or Transfer-Encoding: no body can come, nothing is wrapped for one.
    assert.equal(result.observesBody, false);
    assert.equal(result.attached, true);
  });

  it('observes a chunked body as well as one with a length', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"q": "chunked '));
        controller.enqueue(new TextEncoder().encode('body"}'));
        controller.close();
      },
    });
    const response = await fetch(`${base}/chunked`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    });
    const result = (await response.json()) as Seen;
    assert.equal(result.observesBody, true);
    assert.equal(result.inputs['body.q'], 'chunked body');
  });

  it('sees the JSON body the app read itself, and the app reads it unchanged', async () => {
    const body = JSON.stringify({ user: { name: "x' OR 1=1 --", tags: ['a', 'b c'] }, "k'ey": 1 });
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const result = (await response.json()) as Seen & { received: string };
    assert.equal(Buffer.from(result.received, 'base64').toString(), body);
    assert.equal(result.inputs['body.user.name'], "x' OR 1=1 --");
    assert.equal(result.inputs['body.user.tags[1]'], 'b c');
    assert.equal(result.inputs['body key'], "k'ey");
    assert.equal(result.observesBody, true);
  });

  it('reads forms and multipart fields; keeps only a bounded prefix of a big body', async () => {
    const form = await fetch(`${base}/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1%3B+ls&a=2',
    });
    const formResult = (await form.json()) as Seen;
    assert.equal(formResult.inputs['body.a[0]'], '1; ls');
    assert.equal(formResult.inputs['body.a[1]'], '2');

    const multipart = new FormData();
    multipart.set('comment', 'hello; world');
    multipart.set('upload', new Blob(['binary']), '../../evil.txt');
    const parts = await fetch(`${base}/multipart`, { method: 'POST', body: multipart });
    const partsResult = (await parts.json()) as Seen;
    assert.equal(partsResult.inputs['body.comment[0]'], 'hello; world');
    assert.equal(partsResult.inputs['body.upload[0]'], '../../evil.txt');

    const big = Buffer.alloc(100_000, 'x');
    const bigResponse = await fetch(`${base}/big`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: big,
    });
    const bigResult = (await bigResponse.json()) as Seen & { received: string };
    assert.equal(Buffer.from(bigResult.received, 'base64').length, big.length);
    assert.equal(bigResult.inputs.body?.length, 512);
  });

  it('tolerates invalid UTF-8, binary bodies and deep nesting', async () => {
    const invalid = Buffer.from([0x61, 0xff, 0xfe, 0x27, 0x62]);
    const response = await fetch(`${base}/bytes`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: invalid,
    });
    const result = (await response.json()) as Seen & { received: string };
    assert.deepEqual(Buffer.from(result.received, 'base64'), invalid);
    assert.equal(result.inputs.body, "a\uFFFD\uFFFD'b");

    const binary = await fetch(`${base}/bytes`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    assert.equal(((await binary.json()) as Seen).inputs.body, undefined);

    const deep = `${'['.repeat(20)}"deep"${']'.repeat(20)}`;
    const nested = await fetch(`${base}/deep`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    const nestedResult = (await nested.json()) as Seen;
    assert.equal(Object.values(nestedResult.inputs).includes('deep'), false);
  });
});

describe('request context in Express', () => {
  let base = '';
  const app = express();
  app.use(express.json());
  app.post('/users/:id', (_req, res) => {
    res.json(seen());
  });
  app.get('/async/:name', async (_req, res) => {
    await sleep(2);
    res.json(seen());
  });
  const server = createServer(app);
  before(async () => {
    base = await listen(server);
  });
  after(() => close(server));

  it('reads route params, the route template and the parsed body at sink time', async () => {
    const response = await fetch(`${base}/users/7%27?sort=name`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Robert"); DROP TABLE' }),
    });
    const result = (await response.json()) as Seen;
    assert.equal(result.route, '/users/:id');
    assert.equal(result.inputs['params.id'], "7'");
    assert.equal(result.inputs['body.name'], 'Robert"); DROP TABLE');
    assert.equal(result.inputs['query.sort'], 'name');
  });

  it('keeps the context across awaits in async handlers', async () => {
    const response = await fetch(`${base}/async/a%20b`);
    const result = (await response.json()) as Seen;
    assert.equal(result.route, '/async/:name');
    assert.equal(result.inputs['params.name'], 'a b');
  });
});

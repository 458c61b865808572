import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import express from 'express';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const query = (req: express.Request): string =>
  typeof req.query.q === 'string' ? req.query.q : '';

const app = express();
app.get('/search', (req, res) => {
  const q = query(req);
  res.send(`<!doctype html><h1>Results</h1><p>You searched for ${q}</p>`);
});
app.get('/search-escaped', (req, res) => {
  res.send(`<p>You searched for ${escapeHtml(query(req))}</p>`);
});
app.get('/json', (req, res) => {
  res.json({ q: req.query.q });
});
app.get('/stream', (req, res) => {
  res.type('html');
  res.write(`<ul><li>${query(req)}</li>`, () => undefined);
  res.end('</ul>');
});
/** Plain Node without a type: a browser sniffs HTML only from the body's first tag. */
const untyped = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
  res.end(req.url?.startsWith('/json') === true ? JSON.stringify({ q }) : `<p>${q}</p>`);
});
/** Plain Node with `writeHead`: the head is fixed before the body is written. */
const plain = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<p>${q}</p>`);
});

let base = '';
let plainBase = '';
let untypedBase = '';
const server = createServer(app);
before(async () => {
  useAgent('block');
  base = await listen(server);
  plainBase = await listen(plain);
  untypedBase = await listen(untyped);
});
after(async () => {
  await Promise.all([close(server), close(plain), close(untyped)]);
});

async function get(url: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const response = await fetch(url, { headers: { accept: 'text/html' } });
  return {
    status: response.status,
    body: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

describe('reflected XSS in block mode', () => {
  beforeEach(() => {
    useAgent('block');
  });

  for (const payload of [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(document.cookie)>',
    '<svg/onload=alert(1)>',
  ]) {
    it(`replaces the page reflecting ${payload} with 403`, async () => {
      const response = await get(`${base}/search?q=${encodeURIComponent(payload)}`);
      assert.equal(response.status, 403);
      assert.match(response.body.toString(), /Blocked by Vigil/);
      assert.equal(response.body.toString().includes(payload), false);
      const [event] = loggedEvents();
      assert.equal(event?.kind, 'xss');
      assert.equal(event.sink, 'http.ServerResponse.end');
      assert.equal(event.source, 'query.q');
    });
  }

  it('blocks a streamed page whose first chunk reflects the input', async () => {
    const response = await get(`${base}/stream?q=${encodeURIComponent('<b onclick=x()>hi</b>')}`);
    assert.equal(response.status, 403);
    assert.equal(loggedEvents()[0]?.sink, 'http.ServerResponse.write');
  });

  it('checks untyped bodies a browser would sniff as HTML, and only those', async () => {
    const payload = '<script>alert(1)</script>';
    assert.equal((await get(`${untypedBase}/page?q=${encodeURIComponent(payload)}`)).status, 403);
    const json = await get(`${untypedBase}/json?q=${encodeURIComponent(payload)}`);
    assert.equal(json.status, 200);
    assert.deepEqual(json.body, Buffer.from(JSON.stringify({ q: payload })));
    assert.equal(loggedEvents().length, 1);
  });

  it('logs only when the head was already written', async () => {
    const payload = '<script>alert(1)</script>';
    const response = await get(`${plainBase}/?q=${encodeURIComponent(payload)}`);
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), `<p>${payload}</p>`);
    const [event] = loggedEvents();
    assert.equal(event?.kind, 'xss');
    assert.equal(event.action, 'monitored');
  });

  it('leaves benign, escaped and non-HTML responses byte-identical', async () => {
    const cases: readonly (readonly [string, string, string])[] = [
      [
        '/search',
        "O'Brien & Sons <3",
        `<!doctype html><h1>Results</h1><p>You searched for O'Brien & Sons <3</p>`,
      ],
      ['/search', 'a < b', '<!doctype html><h1>Results</h1><p>You searched for a < b</p>'],
      [
        '/search-escaped',
        '<script>alert(1)</script>',
        `<p>You searched for ${escapeHtml('<script>alert(1)</script>')}</p>`,
      ],
      ['/json', '<script>alert(1)</script>', JSON.stringify({ q: '<script>alert(1)</script>' })],
      ['/stream', 'plain item', '<ul><li>plain item</li></ul>'],
    ];
    for (const [route, q, expected] of cases) {
      const response = await get(`${base}${route}?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, 200, `${route} ${q}`);
      assert.deepEqual(response.body, Buffer.from(expected), `${route} ${q}`);
    }
    assert.deepEqual(loggedEvents(), []);
  });
});

import assert from 'node:assert/strict';
import { lookup as dnsLookup } from 'node:dns';
import http, { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

/** The "internal" service an attacker wants to reach: counts every request it gets. */
let internalHits = 0;
const internal = createServer((req, res) => {
  internalHits++;
  res.end(`secret ${req.url ?? ''}`);
});
/** A "public" server (on 127.0.0.2, allow-listed) that redirects wherever `u` says. */
const redirector = createServer((req, res) => {
  const target = new URL(req.url ?? '/', 'http://x').searchParams.get('u');
  if (target === null) {
    res.end('public page');
    return;
  }
  res.writeHead(302, { location: target });
  res.end();
});
let internalPort = 0;
let redirectorBase = '';

/** Answers what an outbound request gave, or 502 when it failed. */
function relay(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

function httpGet(url: string, options: http.RequestOptions = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get(url, options, resolve).on('error', reject);
  });
}

async function readAll(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return text;
}

const keepAlive = new http.Agent({ keepAlive: true });

/** A deliberately vulnerable app: each route fetches a URL built from the query. */
const app = createServer((req, res) => {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const url = query.get('url') ?? '';
  const done = (promise: Promise<string>): void => {
    promise.then(
      (text) => {
        relay(res, 200, text);
      },
      (error: unknown) => {
        relay(res, 502, error instanceof Error ? error.name : 'error');
      },
    );
  };
  switch (new URL(req.url ?? '/', 'http://x').pathname) {
    case '/http-get':
      done(httpGet(url).then(readAll));
      return;
    case '/http-follow':
      // Follows one redirect by hand, as follow-redirects and axios do.
      done(
        httpGet(url).then(async (first) => {
          const location = first.headers.location;
          first.resume();
          return location === undefined ? readAll(first) : readAll(await httpGet(location));
        }),
      );
      return;
    case '/http-options':
      done(
        new Promise<IncomingMessage>((resolve, reject) => {
          http
            .request(
              { host: query.get('host') ?? '', port: internalPort, path: '/options' },
              resolve,
            )
            .on('error', reject)
            .end();
        }).then(readAll),
      );
      return;
    case '/http-rebind':
      // The app's own resolver says `rebind.test` is 127.0.0.1 (a DNS-rebinding attacker's reply).
      done(
        httpGet(url, {
          lookup: (_host, options, callback) => {
            dnsLookup('127.0.0.1', options, callback);
          },
        }).then(readAll),
      );
      return;
    case '/http-keepalive':
      done(httpGet(url, { agent: keepAlive }).then(readAll));
      return;
    case '/fetch':
      done(fetch(url).then((response) => response.text()));
      return;
    case '/fetch-path':
      done(
        fetch(`http://127.0.0.1:${internalPort}/${query.get('path') ?? ''}`).then((response) =>
          response.text(),
        ),
      );
      return;
    case '/fetch-post':
      done(
        fetch(url, { method: 'POST', body: 'form=1' }).then(async (response) =>
          [response.status, response.url, await response.text()].join(' '),
        ),
      );
      return;
    default:
      relay(res, 404, 'no route');
  }
});

let base = '';
before(async () => {
  base = await listen(app);
  await listen(internal);
  internalPort = (internal.address() as AddressInfo).port;
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.2', resolve));
  redirectorBase = `http://127.0.0.2:${(redirector.address() as AddressInfo).port}`;
});
after(async () => {
  keepAlive.destroy();
  await Promise.all([close(app), close(internal), close(redirector)]);
});

async function get(path: string, url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${path}?url=${encodeURIComponent(url)}`);
  return { status: response.status, text: await response.text() };
}

/** The internal server's address written every way a parser accepts it. */
function internalForms(): string[] {
  const port = internalPort;
  return [
    `http://127.0.0.1:${port}/secret`,
    `http://2130706433:${port}/secret`,
    `http://0x7f000001:${port}/secret`,
    `http://0177.0.0.1:${port}/secret`,
    `http://0x7f.1:${port}/secret`,
    `http://[::ffff:127.0.0.1]:${port}/secret`,
    `http://[::ffff:7f00:1]:${port}/secret`,
    `http://localhost:${port}/secret`,
  ];
}

describe('SSRF in block mode', () => {
  beforeEach(() => {
    useAgent('block', { allowOutboundHosts: ['127.0.0.2'] });
    internalHits = 0;
  });

  for (const route of ['/http-get', '/fetch']) {
    it(`${route}: stops user-chosen internal addresses in every form before they connect`, async () => {
      for (const url of internalForms()) {
        const response = await get(route, url);
        assert.equal(response.status, 403, url);
        assert.deepEqual(JSON.parse(response.text), { error: 'blocked by vigil', kind: 'ssrf' });
      }
      assert.equal(internalHits, 0);
      const events = loggedEvents();
      assert.equal(events.length, internalForms().length);
      assert.ok(events.every((event) => event.kind === 'ssrf' && event.source === 'query.url'));
      assert.deepEqual([...new Set(events.map((event) => event.reason))].sort(), ['loopback']);
      assert.equal(events[0]?.sink, route === '/fetch' ? 'fetch' : 'http.get');
    });
  }

  it('stops a host given in options, in hex', async () => {
    const response = await fetch(`${base}/http-options?host=0x7f000001`);
    assert.equal(response.status, 403);
    assert.equal(internalHits, 0);
  });

  it('checks the addresses the request itself resolved (DNS rebinding)', async () => {
    const response = await get('/http-rebind', `http://rebind.test:${internalPort}/secret`);
    assert.equal(response.status, 403);
    assert.equal(internalHits, 0);
    assert.equal(loggedEvents()[0]?.sink, 'http.get');
  });

  it('checks a pooled keep-alive socket the app opened to an internal host earlier', async () => {
    // The app's own call opens the socket (no user input chose it)...
    const warm = await new Promise<IncomingMessage>((resolve, reject) => {
      http
        .get(`http://localhost:${internalPort}/warm`, { agent: keepAlive }, resolve)
        .on('error', reject);
    });
    await readAll(warm);
    internalHits = 0;
    // ...then a user-chosen URL to the same host would reuse it without a lookup.
    const response = await get('/http-keepalive', `http://localhost:${internalPort}/secret`);
    assert.equal(response.status, 403);
    assert.equal(internalHits, 0);
  });

  it('fetch: checks every redirect hop, to an address or to a name', async () => {
    for (const hop of [
      `http://127.0.0.1:${internalPort}/secret`,
      `http://localhost:${internalPort}/secret`,
      `http://[::ffff:7f00:1]:${internalPort}/secret`,
    ]) {
      const response = await get('/fetch', `${redirectorBase}/to?u=${encodeURIComponent(hop)}`);
      assert.equal(response.status, 403, hop);
    }
    assert.equal(internalHits, 0);
    assert.ok(loggedEvents().every((event) => event.source === 'query.url'));
  });

  it('http.get: checks the hop an app-side redirect follower makes', async () => {
    const hop = `http://127.0.0.1:${internalPort}/secret`;
    const response = await get('/http-follow', `${redirectorBase}/to?u=${encodeURIComponent(hop)}`);
    assert.equal(response.status, 403);
    assert.equal(internalHits, 0);
  });

  it('lets benign outbound requests through unchanged', async () => {
    const path = await fetch(`${base}/fetch-path?path=secret`);
    assert.equal(await path.text(), 'secret /secret');
    // An allow-listed host, also through its own redirect.
    assert.equal((await get('/fetch', `${redirectorBase}/page`)).text, 'public page');
    assert.equal(
      (await get('/fetch', `${redirectorBase}/to?u=${encodeURIComponent('/page')}`)).text,
      'public page',
    );
    assert.equal((await get('/http-get', `${redirectorBase}/page`)).text, 'public page');
    // A POST through a 302 becomes a GET, as fetch does, and the response URL is the last hop's.
    assert.equal(
      (await get('/fetch-post', `${redirectorBase}/to?u=${encodeURIComponent('/page')}`)).text,
      `200 ${redirectorBase}/page public page`,
    );
    assert.deepEqual(loggedEvents(), []);
    assert.equal(internalHits, 1);
  });

  it('leaves the app’s own requests (no user input in the host) alone', async () => {
    const response = await fetch(`${base}/fetch-path?path=${encodeURIComponent('a/../b')}`);
    assert.equal(response.status, 200);
    assert.deepEqual(loggedEvents(), []);
  });
});

describe('SSRF in monitor mode', () => {
  it('logs and lets the request reach its target', async () => {
    useAgent('monitor');
    internalHits = 0;
    const response = await get('/fetch', `http://2130706433:${internalPort}/secret`);
    assert.equal(response.text, 'secret /secret');
    assert.equal(internalHits, 1);
    const [event] = loggedEvents();
    assert.equal(event?.action, 'monitored');
    assert.equal(event.reason, 'loopback');
  });
});

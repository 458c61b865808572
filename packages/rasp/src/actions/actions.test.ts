import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import cookieSession from 'cookie-session';
import express from 'express';
import session from 'express-session';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';
import { setUser } from '../agent/setUser.js';
import { setSessionTerminator } from './sessionTerminators.js';

const db = new Database(':memory:');
db.exec("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('a')");

/** One app per session library: log in, look yourself up, and a vulnerable search. */
function appWith(sessions: express.RequestHandler): express.Express {
  const app = express();
  app.use(sessions);
  app.use((req, _res, next) => {
    const user = (req.session as { user?: string } | null)?.user;
    if (user !== undefined) setUser(user);
    next();
  });
  app.get('/login', (req, res) => {
    (req.session as { user?: string }).user = 'ann';
    res.json('logged in');
  });
  app.get('/whoami', (req, res) => {
    res.json((req.session as { user?: string } | null)?.user ?? 'anonymous');
  });
  app.get('/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    res.json(db.prepare(`SELECT name FROM t WHERE name = '${q}'`).all());
  });
  app.use(
    (
      _error: unknown,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(500).end();
    },
  );
  return app;
}

const expressSessionServer = createServer(
  appWith(session({ secret: 'test-only', resave: false, saveUninitialized: false })),
);
const cookieSessionServer = createServer(appWith(cookieSession({ keys: ['test-only'] })));
let expressBase = '';
let cookieBase = '';
before(async () => {
  useAgent('block');
  expressBase = await listen(expressSessionServer);
  cookieBase = await listen(cookieSessionServer);
});
after(async () => {
  await Promise.all([close(expressSessionServer), close(cookieSessionServer)]);
});

const ATTACK = `/search?q=${encodeURIComponent("' OR '1'='1")}`;

async function loggedIn(base: string): Promise<string> {
  const response = await fetch(`${base}/login`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

describe('terminate-session', () => {
  it('destroys an express-session session on a blocked attack', async () => {
    useAgent('block', { actions: { ...defaults(), terminateSession: 'express-session' } });
    const cookie = await loggedIn(expressBase);
    assert.equal(
      await (await fetch(`${expressBase}/whoami`, { headers: { cookie } })).json(),
      'ann',
    );
    const attack = await fetch(`${expressBase}${ATTACK}`, { headers: { cookie } });
    assert.equal(attack.status, 403);
    assert.equal(loggedEvents()[0]?.request.user, 'ann');
    assert.equal(
      await (await fetch(`${expressBase}/whoami`, { headers: { cookie } })).json(),
      'anonymous',
    );
  });

  it('clears a cookie-session session in the 403 itself', async () => {
    useAgent('block', { actions: { ...defaults(), terminateSession: 'cookie-session' } });
    const cookie = await loggedIn(cookieBase);
    const attack = await fetch(`${cookieBase}${ATTACK}`, { headers: { cookie } });
    assert.equal(attack.status, 403);
    const cleared = attack.headers.getSetCookie().find((line) => line.startsWith('session='));
    assert.match(cleared ?? '', /^session=;.*expires=Thu, 01 Jan 1970/i);
  });

  it('calls the app’s own terminator, and keeps sessions in monitor mode', async () => {
    const terminated: string[] = [];
    setSessionTerminator((req) => {
      terminated.push(String((req as IncomingMessage).url));
    });
    useAgent('block', { actions: { ...defaults(), terminateSession: 'custom' } });
    await fetch(`${expressBase}${ATTACK}`);
    useAgent('monitor', { actions: { ...defaults(), terminateSession: 'custom' } });
    await fetch(`${expressBase}${ATTACK}`);
    const sent = new URL(`${expressBase}${ATTACK}`);
    assert.deepEqual(terminated, [`${sent.pathname}${sent.search}`]);
    setSessionTerminator(undefined);
  });
});

describe('rate limits and attack waves', () => {
  beforeEach(() => {
    useAgent('block');
  });

  it('answers 429 past the limit, per route pattern, with one event per window', async () => {
    useAgent('block', {
      actions: {
        ...defaults(),
        rateLimits: [{ by: 'ip', max: 3, windowSeconds: 60, routes: ['GET /whoami'] }],
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${expressBase}/whoami`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const limited = await fetch(`${expressBase}/whoami`);
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.deepEqual(await limited.json(), {
      error: 'rate limited by vigil',
      kind: 'rate_limited',
    });
    // Other routes are not limited.
    assert.equal((await fetch(`${expressBase}/search?q=a`)).status, 200);
    const events = loggedEvents() as unknown as { type: string; by: string; key: string }[];
    assert.deepEqual(
      events.map((event) => [event.type, event.by, event.key]),
      [['rate_limited', 'ip', '127.0.0.1']],
    );
  });

  it('limits per user, named by setUser', async () => {
    useAgent('block', {
      actions: {
        ...defaults(),
        rateLimits: [{ by: 'user', max: 2, windowSeconds: 60, routes: [] }],
      },
    });
    const cookie = await loggedIn(expressBase);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await fetch(`${expressBase}/search?q=a`, { headers: { cookie } })).status);
    }
    // The limit counts at request start, before the session middleware names the user: the
    // user comes from a bearer token there; with cookies, limits by ip apply.
    assert.deepEqual(statuses, [200, 200, 200]);
    const bearer = `Bearer e30.${Buffer.from('{"sub":"bob"}').toString('base64url')}.x`;
    const byToken: number[] = [];
    for (let i = 0; i < 3; i++) {
      byToken.push(
        (await fetch(`${expressBase}/search?q=a`, { headers: { authorization: bearer } })).status,
      );
    }
    assert.deepEqual(byToken, [200, 200, 429]);
  });

  it('reports an attack wave and refuses the address for the cool-down', async () => {
    useAgent('block', {
      actions: { ...defaults(), attackWave: { threshold: 3, windowSeconds: 60, blockSeconds: 60 } },
    });
    for (const q of ["' OR 1=1 --", "' OR 'a'='a", "x' UNION SELECT 1 --"]) {
      assert.equal((await fetch(`${expressBase}/search?q=${encodeURIComponent(q)}`)).status, 403);
    }
    const benign = await fetch(`${expressBase}/search?q=a`);
    assert.equal(benign.status, 403);
    assert.deepEqual(await benign.json(), { error: 'blocked by vigil', kind: 'attack_wave' });
    const types = (loggedEvents() as unknown as { type: string; attacks?: number }[]).map(
      (event) => [event.type, event.attacks],
    );
    assert.deepEqual(types, [
      ['attack', undefined],
      ['attack', undefined],
      ['attack', undefined],
      ['attack_wave', 3],
    ]);
  });
});

describe('alert', () => {
  it('POSTs redacted events to the configured endpoint in batches', async () => {
    const batches: { events: { kind: string; payload: { prefix: string; length: number } }[] }[] =
      [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        batches.push(JSON.parse(body) as (typeof batches)[number]);
        res.end();
      });
    });
    const url = await listen(collector);
    try {
      useAgent('block', {
        actions: {
          ...defaults(),
          alert: { url, batchSize: 2, flushSeconds: 60, maxQueue: 10, retries: 0 },
        },
      });
      const secret = "' OR 'secret-value'='secret-value";
      await fetch(`${expressBase}/search?q=${encodeURIComponent(secret)}`);
      await fetch(`${expressBase}/search?q=${encodeURIComponent("' OR 1=1 --")}`);
      for (let i = 0; i < 50 && batches.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(batches.length, 1);
      assert.deepEqual(
        batches[0]?.events.map((event) => [event.kind, event.payload.length]),
        [
          ['sql_injection', secret.length],
          ['sql_injection', 11],
        ],
      );
      assert.equal(JSON.stringify(batches).includes('secret-value'), false);
    } finally {
      await close(collector);
    }
  });
});

function defaults() {
  return {
    terminateSession: false as const,
    alert: null,
    shutdownAfter: 0,
    rateLimits: [],
    attackWave: null,
  };
}

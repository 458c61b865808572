// Next.js App Router route handlers under the agent, on a real `next build` + `next start`: the
// app is written into a temporary directory, built once per bundler (Turbopack, Next.js 16's
// default, which requires externals under hashed names, and webpack), and served twice, with the
// agent in block mode (`NODE_OPTIONS=--import …/register.js`) and without it, so benign responses
// can be compared with what the app answers alone.
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AttackEvent } from '../actions/handleDetection.js';
import { startChildServer, type ChildServer } from '../testing/childServer.test.support.js';

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve('next/dist/bin/next');
/** The workspace's node_modules, linked into each app directory. */
const NODE_MODULES = dirname(dirname(require.resolve('next/package.json')));
const REGISTER = new URL('../register.js', import.meta.url).href;

const USERS_ROUTE = `import Database from 'better-sqlite3';

const db = new Database(':memory:');
db.exec("CREATE TABLE users (id INTEGER, name TEXT); INSERT INTO users VALUES (1, 'ann'), (2, 'bob')");
const byId = (id) => db.prepare('SELECT name FROM users WHERE id = ' + id).all();
const byName = (name) => db.prepare("SELECT id FROM users WHERE name = '" + name + "'").all();

export const dynamic = 'force-dynamic';

export async function GET(request, { params }) {
  const { id } = await params;
  const name = request.nextUrl.searchParams.get('name') ?? request.cookies.get('name')?.value;
  const tenant = request.headers.get('x-tenant');
  if (tenant !== null) return Response.json(byName(tenant));
  return Response.json(name === undefined || name === null ? byId(id) : byName(name));
}

export async function POST(request) {
  const type = request.headers.get('content-type') ?? '';
  const name = type.startsWith('application/json')
    ? (await request.json()).name
    : type.startsWith('text/')
      ? await request.text()
      : (await request.formData()).get('name');
  return Response.json(byName(name));
}
`;

const FILES_ROUTE = `import Database from 'better-sqlite3';

const db = new Database(':memory:');
db.exec("CREATE TABLE files (path TEXT); INSERT INTO files VALUES ('a/b'), ('c')");

export const dynamic = 'force-dynamic';

export async function GET(request, { params }) {
  const { slug } = await params;
  return Response.json(db.prepare("SELECT path FROM files WHERE path = '" + slug.join('/') + "'").all());
}
`;

/** A minimal App Router app; nothing in it fetches from the network (no next/font, no images). */
function writeApp(dir: string, bundler: 'turbopack' | 'webpack'): void {
  mkdirSync(join(dir, 'app/users/[id]'), { recursive: true });
  mkdirSync(join(dir, 'app/files/[...slug]'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"vigil-next-test","private":true}\n');
  // Turbopack compiles nothing outside its root: the linked node_modules lives elsewhere.
  const config = bundler === 'turbopack' ? { turbopack: { root: parse(dir).root } } : {};
  writeFileSync(join(dir, 'next.config.mjs'), `export default ${JSON.stringify(config)};\n`);
  writeFileSync(join(dir, 'app/users/[id]/route.js'), USERS_ROUTE);
  writeFileSync(join(dir, 'app/files/[...slug]/route.js'), FILES_ROUTE);
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
}

function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: tmpdir(), NEXT_TELEMETRY_DISABLED: '1' };
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }),
  );
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function nextStart(dir: string, env: Record<string, string>): Promise<ChildServer> {
  const started = await startChildServer(
    [NEXT_BIN, 'start', '-p', '0', '-H', '127.0.0.1'],
    { cwd: dir, env: { ...baseEnv(), ...env } },
    /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/,
  );
  children.push(started.child);
  return started;
}

interface Exchange {
  readonly path: string;
  readonly init?: RequestInit;
}

const ATTACK = "x' OR '1'='1";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Each attack, with the source and route the agent must report. */
const ATTACKS: readonly (readonly [string, Exchange, string, string])[] = [
  [
    'a dynamic segment',
    { path: `/users/${encodeURIComponent('1 OR 1=1')}` },
    'params.id',
    '/users/[id]',
  ],
  [
    'a catch-all segment',
    { path: `/files/a/${encodeURIComponent(ATTACK)}` },
    'params.slug[1]',
    '/files/[...slug]',
  ],
  [
    'searchParams',
    { path: `/users/1?name=${encodeURIComponent(ATTACK)}` },
    'query.name',
    '/users/[id]',
  ],
  [
    'a cookie',
    { path: '/users/1', init: { headers: { cookie: `name=${encodeURIComponent(ATTACK)}` } } },
    'cookies.name',
    '/users/[id]',
  ],
  [
    'a header',
    { path: '/users/1', init: { headers: { 'x-tenant': ATTACK } } },
    'headers.x-tenant',
    '/users/[id]',
  ],
  [
    'a JSON body (request.json())',
    {
      path: '/users/1',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: ATTACK }),
      },
    },
    'body.name',
    '/users/[id]',
  ],
  [
    'a URL-encoded body (request.formData())',
    { path: '/users/1', init: { method: 'POST', body: new URLSearchParams({ name: ATTACK }) } },
    'body.name[0]',
    '/users/[id]',
  ],
  [
    'a multipart body (request.formData())',
    { path: '/users/1', init: { method: 'POST', body: form({ name: ATTACK }) } },
    'body.name[0]',
    '/users/[id]',
  ],
  [
    'a text body (request.text())',
    {
      path: '/users/1',
      init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: ATTACK },
    },
    'body',
    '/users/[id]',
  ],
];

const BENIGN: readonly Exchange[] = [
  { path: '/users/2' },
  { path: '/users/1' },
  { path: '/users/9?name=bob' },
  { path: '/users/1', init: { headers: { cookie: 'name=ann; theme=dark' } } },
  { path: '/users/1', init: { headers: { 'x-tenant': 'bob' } } },
  { path: '/files/a/b' },
  { path: '/files/c' },
  {
    path: '/users/1',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"ann"}',
    },
  },
  {
    path: '/users/1',
    init: { method: 'POST', body: new URLSearchParams({ name: 'bob', note: '1 OR 1=1' }) },
  },
  {
    path: '/users/1',
    init: { method: 'POST', body: form({ name: 'bob', comment: "-- it's fine" }) },
  },
  {
    path: '/users/1',
    init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ann' },
  },
];

async function send(base: string, exchange: Exchange): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${exchange.path}`, exchange.init);
  return { status: response.status, body: await response.text() };
}

for (const bundler of ['turbopack', 'webpack'] as const) {
  describe(
    `Next.js route handlers (next build --${bundler}, next start)`,
    { timeout: 240_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), `vigil-rasp-next-${bundler}-`));
      dirs.push(dir);
      const log = join(dir, 'events.ndjson');
      let guarded: ChildServer;
      let plain: ChildServer;

      before(async () => {
        writeApp(dir, bundler);
        const build = spawnSync(process.execPath, [NEXT_BIN, 'build', `--${bundler}`], {
          cwd: dir,
          env: baseEnv(),
          encoding: 'utf8',
        });
        assert.equal(build.status, 0, `next build failed: ${build.stdout}${build.stderr}`);
        [guarded, plain] = await Promise.all([
          nextStart(dir, {
            NODE_OPTIONS: `--import ${REGISTER}`,
            VIGIL_RASP_MODE: 'block',
            VIGIL_RASP_LOG: log,
          }),
          nextStart(dir, {}),
        ]);
      });

      function eventCount(): number {
        return existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0;
      }

      function eventsAfter(count: number): AttackEvent[] {
        return readFileSync(log, 'utf8')
          .split('\n')
          .slice(count, -1)
          .map((line) => JSON.parse(line) as AttackEvent);
      }

      for (const [through, exchange, source, route] of ATTACKS) {
        it(`blocks SQL injection through ${through}`, async () => {
          const before = eventCount();
          const unguarded = await send(plain.base, exchange);
          assert.equal(unguarded.status, 200, 'the attack works without the agent');
          const answer = await send(guarded.base, exchange);
          assert.deepEqual(answer, {
            status: 403,
            body: '{"error":"blocked by vigil","kind":"sql_injection"}\n',
          });
          const events = eventsAfter(before);
          assert.deepEqual(
            events.map((event) => [event.kind, event.action, event.sink, event.source]),
            [['sql_injection', 'blocked', 'better-sqlite3.prepare', source]],
          );
          assert.equal(events[0]?.request.route, route);
        });
      }

      it('answers benign requests exactly as the app does alone', async () => {
        const before = eventCount();
        for (const exchange of BENIGN) {
          const expected = await send(plain.base, exchange);
          assert.equal(expected.status, 200, `${exchange.path} works without the agent`);
          assert.deepEqual(await send(guarded.base, exchange), expected, exchange.path);
        }
        assert.deepEqual(eventsAfter(before), []);
        // Next.js logs the blocked errors it caught; the agent itself reported nothing.
        assert.doesNotMatch(guarded.stderr(), /^vigil-rasp:/m);
      });
    },
  );
}

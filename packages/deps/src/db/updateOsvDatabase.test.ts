import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OsvDatabase } from './OsvDatabase.js';
import { updateOsvDatabase } from './updateOsvDatabase.js';
import { osvRecord, writeZip } from './zipFixture.test.support.js';

interface Mirror {
  baseUrl: string;
  requests: { url: string; headers: IncomingHttpHeaders }[];
  /** Path → response; a Buffer is served as a zip with an ETag. */
  routes: Map<string, Buffer | { status: number; body: string }>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback standing in for the OSV export bucket. */
async function startMirror(): Promise<Mirror> {
  const requests: Mirror['requests'] = [];
  const routes: Mirror['routes'] = new Map();
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    const route = routes.get(request.url ?? '');
    if (route === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    if (!Buffer.isBuffer(route)) {
      response.writeHead(route.status, { 'content-type': 'text/html' }).end(route.body);
      return;
    }
    const etag = `"${String(route.length)}-${String(route.readUInt32LE(route.length - 6))}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'application/zip',
        etag,
        'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
      })
      .end(route);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}/`,
    requests,
    routes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-zip-')), 'all.zip');
  await writeZip(path, entries);
  return readFileSync(path);
}

test('update downloads each export once, asks conditionally after, and keeps data when a download fails', async (t) => {
  const mirror = await startMirror();
  t.after(() => mirror.close());
  mirror.routes.set(
    '/npm/all.zip',
    await zipOf({
      'GHSA-1.json': osvRecord('GHSA-1', 'npm', 'left-pad', '1.3.0'),
      // An npm export also names other ecosystems' packages; only npm's are indexed from it.
      'GHSA-2.json': JSON.stringify({
        id: 'GHSA-2',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          { package: { ecosystem: 'npm', name: 'jquery' }, versions: ['1.0.0'] },
          { package: { ecosystem: 'NuGet', name: 'jQuery' }, versions: ['1.0.0'] },
        ],
      }),
    }),
  );
  mirror.routes.set(
    '/crates.io/all.zip',
    await zipOf({ 'RUSTSEC-1.json': osvRecord('RUSTSEC-1', 'crates.io', 'smallvec', '1.6.1') }),
  );
  mirror.routes.set('/PyPI/all.zip', { status: 503, body: '<html>busy</html>' });
  mirror.routes.set('/Go/all.zip', { status: 200, body: '<html>captive portal</html>' });
  const directory = join(mkdtempSync(join(tmpdir(), 'vigil-update-')), 'osv');
  const ecosystems = ['npm', 'crates.io', 'PyPI', 'Go'];
  let now = new Date('2026-12-01T00:00:00Z');

  const first = await updateOsvDatabase(directory, {
    ecosystems,
    baseUrl: mirror.baseUrl,
    now: () => now,
  });
  assert.deepEqual(
    first.map((result) => [result.ecosystem, result.status]),
    [
      ['npm', 'updated'],
      ['crates.io', 'updated'],
      ['PyPI', 'failed'],
      ['Go', 'failed'],
    ],
  );
  const messages = first.flatMap((result) => (result.status === 'failed' ? [result.message] : []));
  assert.match(messages[0] ?? '', /PyPI\/all\.zip: HTTP 503/);
  assert.match(messages[1] ?? '', /not a valid zip archive/);
  let opened = OsvDatabase.open(directory);
  assert.ok(opened.ok);
  assert.deepEqual(Object.keys(opened.database.manifest.segments).sort(), ['crates.io', 'npm']);
  assert.equal(opened.database.recordsFor('npm', 'jquery').length, 1);
  assert.equal(opened.database.recordsFor('NuGet', 'jquery').length, 0);
  assert.equal(opened.database.segmentOf('npm')?.checkedAt, '2026-12-01T00:00:00.000Z');
  opened.database.close();

  now = new Date('2026-12-05T00:00:00Z');
  mirror.requests.length = 0;
  const second = await updateOsvDatabase(directory, {
    ecosystems: ['npm', 'crates.io'],
    baseUrl: mirror.baseUrl,
    now: () => now,
  });
  assert.deepEqual(
    second.map((result) => result.status),
    ['unchanged', 'unchanged'],
  );
  assert.ok(mirror.requests.every((request) => request.headers['if-none-match'] !== undefined));
  assert.ok(mirror.requests.every((request) => request.headers['if-modified-since'] !== undefined));
  opened = OsvDatabase.open(directory);
  assert.ok(opened.ok);
  assert.equal(opened.database.segmentOf('npm')?.checkedAt, '2026-12-05T00:00:00.000Z');
  opened.database.close();

  // A changed export replaces the ecosystem's data; the other ecosystem is untouched.
  mirror.routes.set(
    '/npm/all.zip',
    await zipOf({ 'GHSA-3.json': osvRecord('GHSA-3', 'npm', 'left-pad', '1.3.1') }),
  );
  const third = await updateOsvDatabase(directory, {
    ecosystems: ['npm'],
    baseUrl: mirror.baseUrl,
  });
  assert.equal(third[0]?.status, 'updated');
  opened = OsvDatabase.open(directory);
  assert.ok(opened.ok);
  assert.deepEqual(
    opened.database.recordsFor('npm', 'left-pad').map((record) => record.id),
    ['GHSA-3'],
  );
  assert.equal(opened.database.recordsFor('crates.io', 'smallvec').length, 1);
  opened.database.close();
  assert.deepEqual(readdirSync(join(directory, 'downloads')), [], 'downloads are removed');
});

test('an unreachable mirror is a failed ecosystem, not a crash', async () => {
  const directory = join(mkdtempSync(join(tmpdir(), 'vigil-update-')), 'osv');
  const [result] = await updateOsvDatabase(directory, {
    ecosystems: ['npm'],
    // Port 9 (discard) is closed on loopback: the connection is refused at once.
    baseUrl: 'http://127.0.0.1:9',
  });
  assert.ok(result?.status === 'failed');
  assert.match(result.message, /127\.0\.0\.1:9\/npm\/all\.zip/);
  assert.equal(OsvDatabase.open(directory).ok, false);
});

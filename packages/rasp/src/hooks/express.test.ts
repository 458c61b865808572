import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import express from 'express';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

const work = mkdtempSync(join(tmpdir(), 'vigil-rasp-express-'));
mkdirSync(join(work, 'public'));
writeFileSync(join(work, 'public', 'a.txt'), 'public text');
writeFileSync(join(work, 'private.txt'), 'private text');
const db = new Database(':memory:');
db.exec("CREATE TABLE notes (id INTEGER, body TEXT); INSERT INTO notes VALUES (1, 'it''s a note')");

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.get('/notes/:id', (req, res) => {
  res.json(db.prepare(`SELECT body FROM notes WHERE id = ${req.params.id}`).all());
});
app.post('/notes', (req, res) => {
  const { body } = req.body as { body: string };
  db.prepare('INSERT INTO notes VALUES (?, ?)').run(2, body);
  res.json(
    db
      .prepare(`SELECT count(*) AS n FROM notes WHERE body = '${body.replaceAll("'", "''")}'`)
      .get(),
  );
});
app.get('/me', (req, res) => {
  // Trusts the token's claims without verifying it (as `jwt.decode` does).
  const payload = (req.headers.authorization ?? '').split('.')[1] ?? '';
  const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
  res.json(db.prepare(`SELECT body FROM notes WHERE id = ${sub}`).all());
});
app.post('/ping', (req, res) => {
  const { host } = req.body as { host: string };
  res.type('text').send(execSync(`echo ping ${host}`, { encoding: 'utf8' }));
});
app.get('/files/*path', async (req, res) => {
  const segments = req.params.path;
  res.type('text').send(await readFile(join(work, 'public', ...segments), 'utf8'));
});
app.use(
  (error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // The app's own error handler runs after a block; the agent's 403 must stand.
    res.status(500).json({ error: String(error) });
  },
);

let base = '';
const server = createServer(app);
before(async () => {
  useAgent('block');
  base = await listen(server);
});
after(() => close(server));

describe('Express in block mode', () => {
  it('blocks SQL injection through a route param', async () => {
    useAgent('block');
    const response = await fetch(`${base}/notes/${encodeURIComponent('1 OR 1=1')}`);
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'sql_injection' });
    const [event] = loggedEvents();
    assert.equal(event?.source, 'params.id');
    assert.equal(event.request.route, '/notes/:id');
  });

  it('blocks SQL injection through a claim of a bearer JWT', async () => {
    useAgent('block');
    const bearer = (sub: string): string =>
      `Bearer e30.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.sig`;
    const attack = await fetch(`${base}/me`, { headers: { authorization: bearer('1 OR 1=1') } });
    assert.equal(attack.status, 403);
    assert.equal(loggedEvents()[0]?.source, 'jwt.sub');
    const benign = await fetch(`${base}/me`, { headers: { authorization: bearer('1') } });
    assert.deepEqual(await benign.json(), [{ body: "it's a note" }]);
  });

  it('blocks shell injection from a JSON body', async () => {
    useAgent('block');
    const response = await fetch(`${base}/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ host: 'example.com; cat /etc/passwd' }),
    });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'shell_injection' });
    assert.equal(loggedEvents()[0]?.source, 'body.host');
  });

  it('blocks path traversal through a wildcard param in an async handler', async () => {
    useAgent('block');
    const response = await fetch(`${base}/files/..%2Fprivate.txt`);
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'path_traversal' });
  });

  it('serves benign requests exactly as without the agent', async () => {
    useAgent('block');
    const note = await fetch(`${base}/notes/1`);
    assert.deepEqual(await note.json(), [{ body: "it's a note" }]);
    const posted = await fetch(`${base}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'O\'Reilly said "hi" -- twice; 1=1' }),
    });
    assert.deepEqual(await posted.json(), { n: 1 });
    const ping = await fetch(`${base}/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'host=example.com',
    });
    assert.equal(await ping.text(), 'ping example.com\n');
    const file = await fetch(`${base}/files/a.txt`);
    assert.equal(await file.text(), 'public text');
    assert.deepEqual(loggedEvents(), []);
  });
});

describe('Express in monitor mode', () => {
  it('logs and lets the vulnerable route answer', async () => {
    useAgent('monitor');
    const response = await fetch(`${base}/files/..%2Fprivate.txt`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'private text');
    const events = loggedEvents();
    assert.equal(events.length, 1);
    assert.equal(events[0]?.action, 'monitored');
    assert.equal(events[0].kind, 'path_traversal');
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sqlite3 from 'sqlite3';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

useAgent('block');

const SETUP =
  "CREATE TABLE users (id INTEGER, name TEXT, seen INTEGER); INSERT INTO users VALUES (1, 'ann', 0), (2, 'bob', 0)";
const ATTACK = "x' OR '1'='1";

/** `node:sqlite` exists (22.5+) and is enabled without a flag (22.13+): checked without loading it. */
const NODE_SQLITE = nodeModule.isBuiltin('node:sqlite');
/** ESM imports of builtins are seen through `module.registerHooks` (22.15+, 23.5+) only. */
const REGISTER_HOOKS = 'registerHooks' in nodeModule;

const db = new sqlite3.Database(':memory:');
await new Promise<void>((resolve, reject) => {
  db.exec(SETUP, (error) => {
    if (error === null) resolve();
    else reject(error);
  });
});

type Reply = (error: Error | null, rows?: unknown) => void;

/** One route per `sqlite3` method, each with the query built from `?q=` by concatenation. */
const SQLITE3_CALLS: Readonly<Record<string, (q: string, reply: Reply) => void>> = {
  prepare: (q, reply) => {
    db.prepare(`SELECT name FROM users WHERE name = '${q}'`).all(reply);
  },
  run: (q, reply) => {
    db.run(`UPDATE users SET seen = seen + 1 WHERE name = '${q}'`, function changed(error) {
      reply(error, this.changes);
    });
  },
  get: (q, reply) => {
    db.get(`SELECT name FROM users WHERE name = '${q}'`, reply);
  },
  all: (q, reply) => {
    db.all(`SELECT name FROM users WHERE name = '${q}'`, reply);
  },
  each: (q, reply) => {
    const names: unknown[] = [];
    db.each(
      `SELECT name FROM users WHERE name = '${q}'`,
      (_error, row: { name: string }) => names.push(row.name),
      (error) => {
        reply(error, names);
      },
    );
  },
  map: (q, reply) => {
    // `map` is a `Database` method the package's typings leave out.
    const map = (db as unknown as { map: (sql: string, callback: Reply) => void }).map;
    map.call(db, `SELECT id, name FROM users WHERE name = '${q}'`, reply);
  },
  exec: (q, reply) => {
    db.exec(`UPDATE users SET seen = 0 WHERE name = '${q}'`, (error) => {
      reply(error, 'done');
    });
  },
};

const thrown: unknown[] = [];
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('q') ?? '';
  const call = SQLITE3_CALLS[url.pathname.slice(1)];
  try {
    if (call === undefined) {
      res.end(JSON.stringify(nodeSqliteQuery(q)));
      return;
    }
    call(q, (error, rows) => {
      res.end(error === null ? JSON.stringify(rows) : `error ${error.message}`);
    });
  } catch (error) {
    thrown.push(error);
    if (!res.headersSent) res.end('error');
  }
});

/** Loaded through `require` once the agent runs, as an app would (see hookNodeSqlite). */
let nodeSqliteDb: { prepare: (sql: string) => { all: () => unknown } } | undefined;

function nodeSqliteQuery(q: string): unknown {
  if (nodeSqliteDb === undefined) throw new Error('node:sqlite is not loaded');
  return nodeSqliteDb.prepare(`SELECT name FROM users WHERE name = '${q}'`).all();
}

let base = '';
before(async () => {
  base = await listen(server);
});
after(async () => {
  await close(server);
  await new Promise((resolve) => {
    db.close(resolve);
  });
});

describe('sqlite3 Database methods', () => {
  for (const method of Object.keys(SQLITE3_CALLS)) {
    it(`blocks an injected query passed to ${method} and runs benign ones`, async () => {
      useAgent('block');
      thrown.length = 0;
      const attack = await fetch(`${base}/${method}?q=${encodeURIComponent(ATTACK)}`);
      assert.equal(attack.status, 403);
      assert.deepEqual(await attack.json(), { error: 'blocked by vigil', kind: 'sql_injection' });
      assert.ok(thrown[0] instanceof VigilRaspBlockedError, 'the call threw synchronously');
      const events = loggedEvents();
      assert.deepEqual(
        events.map((event) => [event.sink, event.source, event.reason]),
        [[`sqlite3.${method}`, 'query.q', 'string-escape']],
      );

      const benign = await fetch(`${base}/${method}?q=bob`);
      assert.equal(benign.status, 200);
      assert.doesNotMatch(await benign.text(), /error/);
      assert.equal(loggedEvents().length, 1);
    });
  }

  it('answers benign calls exactly as the driver does', async () => {
    useAgent('block');
    const answers = await Promise.all(
      ['prepare', 'get', 'all', 'each', 'map'].map(async (method) =>
        (await fetch(`${base}/${method}?q=ann`)).text(),
      ),
    );
    assert.deepEqual(answers, [
      '[{"name":"ann"}]',
      '{"name":"ann"}',
      '[{"name":"ann"}]',
      '["ann"]',
      '{"1":"ann"}',
    ]);
  });

  it('checks stacked statements given to exec', async () => {
    useAgent('block');
    const response = await fetch(
      `${base}/exec?q=${encodeURIComponent("x'; DELETE FROM users; --")}`,
    );
    assert.equal(response.status, 403);
    assert.equal(loggedEvents()[0]?.sink, 'sqlite3.exec');
    const rows = await fetch(`${base}/all?q=ann`);
    assert.deepEqual(await rows.json(), [{ name: 'ann' }]);
  });

  it('still checks after sqlite3.verbose() wraps the methods again', async () => {
    sqlite3.verbose();
    useAgent('block');
    const response = await fetch(`${base}/all?q=${encodeURIComponent(ATTACK)}`);
    assert.equal(response.status, 403);
    assert.equal(loggedEvents()[0]?.sink, 'sqlite3.all');
  });

  it('only logs in monitor mode, and the query runs', async () => {
    useAgent('monitor');
    const response = await fetch(`${base}/all?q=${encodeURIComponent(ATTACK)}`);
    assert.deepEqual(await response.json(), [{ name: 'ann' }, { name: 'bob' }]);
    assert.equal(loggedEvents()[0]?.action, 'monitored');
  });

  it('checks nothing outside a request', async () => {
    useAgent('block');
    const rows = await new Promise((resolve, reject) => {
      db.all(`SELECT '${ATTACK}' AS value`, (error, found) => {
        if (error === null) resolve(found);
        else reject(error);
      });
    });
    assert.deepEqual(rows, [{ value: 1 }], 'the injected query ran');
    assert.deepEqual(loggedEvents(), []);
  });
});

describe(
  'node:sqlite DatabaseSync',
  { skip: !NODE_SQLITE && 'node:sqlite needs Node 22.13+' },
  () => {
    it('blocks an injected query given to prepare (require) and runs benign ones', async () => {
      useAgent('block');
      const { DatabaseSync } = nodeModule.createRequire(import.meta.url)('node:sqlite') as {
        DatabaseSync: new (path: string) => {
          exec: (sql: string) => void;
          prepare: (sql: string) => { all: () => unknown };
        };
      };
      const database = new DatabaseSync(':memory:');
      database.exec(SETUP);
      nodeSqliteDb = database;
      const attack = await fetch(`${base}/node-sqlite?q=${encodeURIComponent(ATTACK)}`);
      assert.equal(attack.status, 403);
      assert.deepEqual(
        loggedEvents().map((event) => [event.sink, event.source]),
        [['node:sqlite.prepare', 'query.q']],
      );
      const benign = await fetch(`${base}/node-sqlite?q=bob`);
      assert.deepEqual(await benign.json(), [{ name: 'bob' }]);
    });

    const esm = { skip: !REGISTER_HOOKS && 'module.registerHooks needs Node 22.15+' };
    it('patches an ESM import of node:sqlite in an app started with --import', esm, async () => {
      const work = mkdtempSync(join(tmpdir(), 'vigil-rasp-node-sqlite-'));
      try {
        const log = join(work, 'events.ndjson');
        writeFileSync(
          join(work, 'app.mjs'),
          `import http from 'node:http';
import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync(':memory:');
db.exec(${JSON.stringify(SETUP)});
const server = http.createServer((req, res) => {
  const q = new URL(req.url, 'http://x').searchParams.get('q') ?? '';
  try {
    res.end(JSON.stringify(db.prepare("SELECT name FROM users WHERE name = '" + q + "'").all()));
  } catch (error) {
    if (!res.headersSent) res.end('error');
  }
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`,
        );
        const child = spawn(
          process.execPath,
          ['--no-warnings', '--import', new URL('../register.js', import.meta.url).href, 'app.mjs'],
          {
            cwd: work,
            env: { PATH: process.env.PATH ?? '', VIGIL_RASP_MODE: 'block', VIGIL_RASP_LOG: log },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        try {
          const port = await new Promise<string>((resolve, reject) => {
            child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
              const match = /listening (\d+)/.exec(chunk);
              if (match?.[1] !== undefined) resolve(match[1]);
            });
            child.once('exit', (code) => {
              reject(new Error(`app exited with ${String(code)}`));
            });
          });
          const attack = await fetch(`http://127.0.0.1:${port}/?q=${encodeURIComponent(ATTACK)}`);
          assert.equal(attack.status, 403);
          const benign = await fetch(`http://127.0.0.1:${port}/?q=ann`);
          assert.deepEqual(await benign.json(), [{ name: 'ann' }]);
          assert.match(readFileSync(log, 'utf8'), /"sink":"node:sqlite\.prepare"/);
        } finally {
          child.kill();
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  },
);

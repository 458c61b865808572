import assert from 'node:assert/strict';
import { execFileSync, execSync, exec, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import Database from 'better-sqlite3';
import { inspectSink } from '../agent/inspectSink.js';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';
import { requestStore } from '../context/requestStore.js';
import { attackSettings } from '../config/RaspConfig.js';

const work = mkdtempSync(join(tmpdir(), 'vigil-rasp-sinks-'));
const files = join(work, 'files');
const marker = join(work, 'pwned');
const db = new Database(':memory:');
db.exec("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('alice'), ('O''Brien')");

/** A deliberately vulnerable app: one route per sink, input straight from the query. */
function vulnerableApp(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('q') ?? '';
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  switch (url.pathname) {
    case '/sql': {
      const rows = db.prepare(`SELECT name FROM users WHERE name = '${q}'`).all();
      send(200, rows);
      return;
    }
    case '/sql-escaped': {
      const rows = db
        .prepare(`SELECT name FROM users WHERE name = '${q.replaceAll("'", "''")}'`)
        .all();
      send(200, rows);
      return;
    }
    case '/sql-exec': {
      db.exec(`UPDATE users SET name = name WHERE name = '${q}'`);
      send(200, 'ok');
      return;
    }
    case '/shell': {
      send(200, execSync(`echo ${q}`, { encoding: 'utf8' }));
      return;
    }
    case '/shell-callback': {
      exec(`echo ${q}`, (error, stdout) => {
        send(error ? 500 : 200, stdout);
      });
      return;
    }
    case '/shell-spawn': {
      const result = spawnSync('echo', [q], { shell: true, encoding: 'utf8' });
      send(200, result.stdout);
      return;
    }
    case '/no-shell': {
      send(200, execFileSync('echo', [q], { encoding: 'utf8' }));
      return;
    }
    case '/file': {
      try {
        send(200, readFileSync(join(files, q), 'utf8'));
      } catch (error) {
        if (error instanceof VigilRaspBlockedError) throw error;
        send(404, 'missing');
      }
      return;
    }
    case '/file-promise': {
      readFile(join(files, q), 'utf8').then(
        (text) => {
          send(200, text);
        },
        (error: unknown) => {
          // The app's own error handling after a block: must not crash or change the 403.
          send(500, String(error));
        },
      );
      return;
    }
    default:
      send(404, 'no route');
  }
}

let base = '';
const server = createServer(vulnerableApp);

async function get(
  path: string,
  accept?: string,
): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(
    `${base}${path}`,
    accept === undefined ? {} : { headers: { accept } },
  );
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type'),
  };
}

before(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(files);
  writeFileSync(join(files, 'readme.txt'), 'hello');
  writeFileSync(join(work, 'secret.txt'), 'top secret');
  useAgent('block');
  base = await listen(server);
});
after(() => close(server));

const ATTACKS: readonly (readonly [string, string, string])[] = [
  ['/sql', "' OR '1'='1", 'sql_injection'],
  ['/sql-exec', "x'; DROP TABLE users; --", 'sql_injection'],
  ['/shell', `hi; touch ${marker}`, 'shell_injection'],
  ['/shell-callback', `hi && touch ${marker}`, 'shell_injection'],
  ['/shell-spawn', `$(touch ${marker})`, 'shell_injection'],
  ['/file', '../secret.txt', 'path_traversal'],
  ['/file-promise', '../secret.txt', 'path_traversal'],
];

describe('block mode', () => {
  beforeEach(() => {
    useAgent('block');
  });

  for (const [route, payload, kind] of ATTACKS) {
    it(`stops ${kind} at ${route} with 403 and logs one event`, async () => {
      const response = await get(`${route}?q=${encodeURIComponent(payload)}`);
      assert.equal(response.status, 403);
      assert.deepEqual(JSON.parse(response.text), { error: 'blocked by vigil', kind });
      assert.equal(existsSync(marker), false, 'the command did not run');
      const events = loggedEvents();
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.kind, kind);
      assert.equal(event.action, 'blocked');
      assert.equal(event.source, 'query.q');
      assert.equal(event.request.method, 'GET');
      assert.equal(event.request.route, route);
      assert.equal(event.request.ip, '127.0.0.1');
      assert.deepEqual(event.payload, {
        prefix: payload.slice(0, 8),
        length: payload.length,
      });
      assert.equal(JSON.stringify(event).includes(payload), false, 'the payload is redacted');
    });
  }

  it('keeps the table after a blocked DROP', () => {
    assert.equal((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 2);
  });

  it('answers HTML to a browser', async () => {
    const response = await get(
      `/sql?q=${encodeURIComponent("' OR 1=1 --")}`,
      'text/html,*/*;q=0.8',
    );
    assert.equal(response.status, 403);
    assert.match(response.type ?? '', /^text\/html/);
    assert.match(response.text, /Blocked by Vigil/);
  });

  it('lets benign requests with quotes and apostrophes through unchanged', async () => {
    const cases: readonly (readonly [string, string, number, string])[] = [
      ['/sql-escaped', "O'Brien", 200, '[{"name":"O\'Brien"}]'],
      ['/sql', 'alice', 200, '[{"name":"alice"}]'],
      ['/shell', 'hello-world', 200, '"hello-world\\n"'],
      ['/no-shell', "it's; $(not run)", 200, JSON.stringify("it's; $(not run)\n")],
      ['/file', 'readme.txt', 200, '"hello"'],
      ['/file', 'nested/../readme.txt', 200, '"hello"'],
      ['/file-promise', 'readme.txt', 200, '"hello"'],
    ];
    for (const [route, q, status, body] of cases) {
      const response = await get(`${route}?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, status, `${route} ${q}`);
      assert.equal(response.text, body, `${route} ${q}`);
    }
    assert.deepEqual(loggedEvents(), []);
  });

  it('does not check allow-listed routes and addresses', async () => {
    useAgent('block', { allowRoutes: ['GET /sql'] });
    assert.equal((await get(`/sql?q=${encodeURIComponent("' OR '1'='1")}`)).status, 200);
    useAgent('block', { allowIps: ['127.0.0.0/8'] });
    assert.equal((await get(`/sql?q=${encodeURIComponent("' OR '1'='1")}`)).status, 200);
    assert.deepEqual(loggedEvents(), []);
  });

  it('skips attack kinds set to off and monitors those set to monitor', async () => {
    useAgent('block', {
      attacks: {
        ...attackSettings('block'),
        sql_injection: 'off',
        shell_injection: 'monitor',
        path_traversal: 'block',
      },
    });
    assert.equal((await get(`/sql?q=${encodeURIComponent("' OR '1'='1")}`)).status, 200);
    assert.equal((await get(`/shell?q=${encodeURIComponent('a; echo b')}`)).text, '"a\\nb\\n"');
    assert.deepEqual(
      loggedEvents().map((event) => [event.kind, event.action]),
      [['shell_injection', 'monitored']],
    );
  });
});

describe('monitor mode', () => {
  it('logs every attack and lets the app answer as it would without the agent', async () => {
    useAgent('monitor');
    const sql = await get(`/sql?q=${encodeURIComponent("' OR '1'='1")}`);
    assert.equal(sql.status, 200);
    assert.equal(sql.text, '[{"name":"alice"},{"name":"O\'Brien"}]');
    const file = await get(`/file?q=${encodeURIComponent('../secret.txt')}`);
    assert.equal(file.text, '"top secret"');
    const shell = await get(`/shell?q=${encodeURIComponent('a; echo b')}`);
    assert.equal(shell.text, '"a\\nb\\n"');
    assert.deepEqual(
      loggedEvents().map((event) => [event.kind, event.action, event.sink]),
      [
        ['sql_injection', 'monitored', 'better-sqlite3.prepare'],
        ['path_traversal', 'monitored', 'fs.readFileSync'],
        ['shell_injection', 'monitored', 'child_process.execSync'],
      ],
    );
  });
});

describe('fail open', () => {
  it('reports a throwing detector once and lets the call through', () => {
    useAgent('block');
    const write = mock.method(process.stderr, 'write', () => true);
    try {
      const context = { userInput: () => [{ source: 'query.q', value: 'x' }] };
      const check = {
        kind: 'sql_injection' as const,
        sink: 'test.sink',
        detect: (): string => {
          throw new Error('detector bug');
        },
      };
      requestStore.run(context as never, () => {
        assert.equal(inspectSink(check), undefined);
        assert.equal(inspectSink(check), undefined);
      });
      assert.equal(write.mock.callCount(), 1);
      assert.match(
        String(write.mock.calls[0]?.arguments[0]),
        /internal error in test\.sink.*detector bug/,
      );
    } finally {
      write.mock.restore();
    }
  });

  it('serves a request whose body the agent cannot read', async () => {
    useAgent('block');
    const hostile = createServer((req, res) => {
      Object.defineProperty(req, 'body', {
        get() {
          throw new Error('hostile getter');
        },
      });
      const rows = db.prepare("SELECT name FROM users WHERE name = 'alice'").all();
      res.end(JSON.stringify(rows));
    });
    const write = mock.method(process.stderr, 'write', () => true);
    const url = await listen(hostile);
    try {
      const response = await fetch(`${url}/?q=${encodeURIComponent("' OR 1=1")}`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '[{"name":"alice"}]');
    } finally {
      write.mock.restore();
      await close(hostile);
    }
  });
});

after(() => {
  assert.equal(readFileSync(join(work, 'secret.txt'), 'utf8'), 'top secret');
});

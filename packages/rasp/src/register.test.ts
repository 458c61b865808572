import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AttackEvent } from './actions/handleDetection.js';
import { startChildServer, type ChildServer } from './testing/childServer.test.support.js';

/** packages/rasp: `@vigil/rasp/register` resolves from here through the package's exports. */
const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');
const work = mkdtempSync(join(tmpdir(), 'vigil-rasp-register-'));

const HANDLER = `
const db = new Database(':memory:');
db.exec("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('a'), ('b')");
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams.get('q') ?? '';
  try {
    if (url.pathname === '/sql') {
      res.end(JSON.stringify(db.prepare("SELECT name FROM t WHERE name = '" + q + "'").all()));
    } else {
      res.end(execSync('echo ' + q, { encoding: 'utf8' }));
    }
  } catch (error) {
    if (!res.headersSent) res.end('error ' + error.name);
  }
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

const ESM_APP = `import http from 'node:http';
import { execSync } from 'node:child_process';
import Database from ${JSON.stringify(BETTER_SQLITE3)};
${HANDLER}`;

const CJS_APP = `const http = require('node:http');
const { execSync } = require('node:child_process');
const Database = require(${JSON.stringify(BETTER_SQLITE3)});
${HANDLER}`;

writeFileSync(join(work, 'app.mjs'), ESM_APP);
writeFileSync(join(work, 'app.cjs'), CJS_APP);

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill();
});

/** The register entry each flag loads, by file: for runs outside the package directory. */
const REGISTER_FILE = {
  '--import': new URL('register.js', import.meta.url).href,
  '--require': join(PACKAGE_DIR, 'cjs/dist/register.js'),
};

async function startApp(
  flag: '--import' | '--require',
  app: string,
  config?: object,
  cwd = PACKAGE_DIR,
): Promise<ChildServer> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    VIGIL_RASP_LOG: join(work, `${app}.ndjson`),
  };
  if (config !== undefined) {
    const configPath = join(work, `${app}-${flag.slice(2)}.json`);
    writeFileSync(configPath, JSON.stringify(config));
    env.VIGIL_RASP_CONFIG = configPath;
  }
  const register = cwd === PACKAGE_DIR ? '@vigil/rasp/register' : REGISTER_FILE[flag];
  const started = await startChildServer(
    [flag, register, join(work, app)],
    { cwd, env },
    /listening (\d+)/,
  );
  children.push(started.child);
  return started;
}

function events(logFile: string): AttackEvent[] {
  return readFileSync(join(work, logFile), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AttackEvent);
}

for (const [flag, app] of [
  ['--import', 'app.mjs'],
  ['--require', 'app.cjs'],
] as const) {
  describe(`node ${flag} @vigil/rasp/register ${app}`, () => {
    it('blocks SQL and shell injection and serves benign requests', async () => {
      const { base, stderr } = await startApp(flag, app, { mode: 'block' });
      const benign = await fetch(`${base}/sql?q=a`);
      assert.equal(await benign.text(), '[{"name":"a"}]');
      const echo = await fetch(`${base}/shell?q=hello`);
      assert.equal(await echo.text(), 'hello\n');

      const sql = await fetch(`${base}/sql?q=${encodeURIComponent("' OR ''='")}`);
      assert.equal(sql.status, 403);
      assert.deepEqual(await sql.json(), { error: 'blocked by vigil', kind: 'sql_injection' });
      const shell = await fetch(`${base}/shell?q=${encodeURIComponent('x; id')}`);
      assert.equal(shell.status, 403);
      assert.deepEqual(await shell.json(), { error: 'blocked by vigil', kind: 'shell_injection' });

      const logged = events(`${app}.ndjson`);
      assert.deepEqual(
        logged.map((event) => [event.kind, event.sink, event.action]),
        [
          ['sql_injection', 'better-sqlite3.prepare', 'blocked'],
          ['shell_injection', 'child_process.execSync', 'blocked'],
        ],
      );
      assert.ok(
        logged[0]?.stack?.includes(app),
        `stack frame in the app: ${String(logged[0]?.stack)}`,
      );
      assert.equal(stderr(), '');
    });

    it('shuts the process down after the configured number of attacks', async () => {
      const { base, child } = await startApp(flag, app, {
        mode: 'block',
        actions: { shutdownAfter: 2 },
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        child.once('exit', (_code, signal) => {
          resolve(signal);
        });
      });
      assert.equal((await fetch(`${base}/sql?q=${encodeURIComponent("' OR ''='")}`)).status, 403);
      assert.equal((await fetch(`${base}/shell?q=${encodeURIComponent('x; id')}`)).status, 403);
      assert.equal(await exited, 'SIGTERM');
      assert.deepEqual(
        readFileSync(join(work, `${app}.ndjson`), 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { type: string }).type)
          .slice(-3),
        ['attack', 'attack', 'shutdown'],
      );
    });

    it('reports a bad configuration on one stderr line and only monitors', async () => {
      // Run from the work directory, where the default log file then goes.
      const { base, stderr } = await startApp(flag, app, { mode: 'blok' }, work);
      const sql = await fetch(`${base}/sql?q=${encodeURIComponent("' OR ''='")}`);
      assert.equal(sql.status, 200);
      assert.equal(await sql.text(), '[{"name":"a"},{"name":"b"}]');
      const lines = stderr().trim().split('\n');
      assert.equal(lines.length, 1);
      assert.match(
        lines[0] ?? '',
        /^vigil-rasp: configuration ignored, running in monitor mode.*mode must be "monitor" or "block"/,
      );
      assert.equal(events('vigil-rasp.ndjson').at(-1)?.action, 'monitored');
    });
  });
}

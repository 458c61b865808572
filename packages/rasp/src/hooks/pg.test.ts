import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

/** A real server is used when one is named; the block path needs none (it stops before I/O). */
const DATABASE_URL = process.env.VIGIL_TEST_DATABASE_URL;

let rejection: unknown;
const server = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
  const client = new pg.Client(
    DATABASE_URL === undefined ? {} : { connectionString: DATABASE_URL },
  );
  const connected = DATABASE_URL === undefined ? Promise.resolve() : client.connect();
  connected
    .then(() => client.query(`SELECT '${q}'::text AS value`))
    .then(
      (result) => {
        res.end(JSON.stringify(result.rows));
      },
      (error: unknown) => {
        rejection = error;
        res.end('error');
      },
    )
    .finally(() => {
      if (DATABASE_URL !== undefined) void client.end();
    });
});
let base = '';
before(async () => {
  base = await listen(server);
});
after(() => close(server));

describe('pg Client#query', () => {
  it('rejects an injected query with VigilRaspBlockedError and answers 403', async () => {
    useAgent('block');
    const response = await fetch(
      `${base}/?q=${encodeURIComponent("x' UNION SELECT current_user --")}`,
    );
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'blocked by vigil', kind: 'sql_injection' });
    assert.ok(rejection instanceof VigilRaspBlockedError);
    assert.equal(loggedEvents()[0]?.sink, 'pg.query');
  });

  it(
    'runs benign queries on a real server',
    { skip: DATABASE_URL === undefined && 'VIGIL_TEST_DATABASE_URL not set' },
    async () => {
      useAgent('block');
      const response = await fetch(`${base}/?q=${encodeURIComponent('alice')}`);
      assert.deepEqual(await response.json(), [{ value: 'alice' }]);
    },
  );
});

import assert from 'node:assert/strict';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import mysql from 'mysql';
import mysql2 from 'mysql2';
import mysql2Promise from 'mysql2/promise';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { loggedEvents, useAgent } from '../testing/agentHarness.test.support.js';
import { close, listen } from '../testing/servers.test.support.js';

/**
 * No MySQL server here: a TCP server that accepts and says nothing stands in for one, so the
 * drivers queue queries without failing. A blocked query throws (or rejects) before it is
 * queued; a benign one is queued and then reaches the driver's own error when the link closes.
 */
const silent = createTcpServer((socket) => {
  socket.on('error', () => undefined);
});
let port = 0;

const outcomes: unknown[] = [];
const app = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('q') ?? '';
  const sql = `SELECT * FROM users WHERE name = '${q}'`;
  const settle = (error: unknown): void => {
    outcomes.push(error);
    if (!res.headersSent) res.end(error instanceof Error ? error.name : 'queued');
  };
  try {
    switch (url.pathname) {
      case '/mysql2': {
        const connection = mysql2.createConnection({
          host: '127.0.0.1',
          port,
          connectTimeout: 500,
        });
        connection.on('error', () => undefined);
        connection.query(sql, () => undefined);
        connection.destroy();
        settle('queued');
        return;
      }
      case '/mysql2-execute': {
        const connection = mysql2.createConnection({
          host: '127.0.0.1',
          port,
          connectTimeout: 500,
        });
        connection.on('error', () => undefined);
        connection.execute({ sql }, () => undefined);
        connection.destroy();
        settle('queued');
        return;
      }
      case '/mysql2-promise': {
        const pool = mysql2Promise.createPool({ host: '127.0.0.1', port, connectTimeout: 300 });
        pool
          .query(sql)
          .then(() => {
            settle('ran');
          }, settle)
          .finally(() => {
            pool.end().catch(() => undefined);
          });
        return;
      }
      case '/mysql': {
        const connection = mysql.createConnection({ host: '127.0.0.1', port });
        connection.on('error', () => undefined);
        connection.query(sql, () => undefined);
        connection.destroy();
        settle('queued');
        return;
      }
    }
  } catch (error) {
    settle(error);
  }
});

let base = '';
before(async () => {
  useAgent('block');
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as AddressInfo).port;
  base = await listen(app);
});
after(async () => {
  await close(app);
  await new Promise((resolve) => silent.close(resolve));
});

describe('MySQL drivers in block mode', () => {
  beforeEach(() => {
    useAgent('block');
    outcomes.length = 0;
  });

  for (const [route, sink] of [
    ['/mysql2', 'mysql2.query'],
    ['/mysql2-execute', 'mysql2.execute'],
    ['/mysql2-promise', 'mysql2.query'],
    ['/mysql', 'mysql.query'],
  ] as const) {
    it(`${route}: stops a quote escape before the query is queued`, async () => {
      const response = await fetch(`${base}${route}?q=${encodeURIComponent("x' OR '1'='1")}`);
      assert.equal(response.status, 403);
      assert.ok(outcomes[0] instanceof VigilRaspBlockedError);
      const [event] = loggedEvents();
      assert.equal(event?.sink, sink);
      assert.equal(event.kind, 'sql_injection');
    });

    it(`${route}: MySQL backslash escapes are read as MySQL reads them`, async () => {
      // In MySQL, \\' does not end the literal: this input escapes the closing quote.
      const response = await fetch(`${base}${route}?q=${encodeURIComponent('abc\\')}`);
      assert.equal(response.status, 403);
    });

    it(`${route}: lets benign input through to the driver`, async () => {
      const response = await fetch(`${base}${route}?q=${encodeURIComponent('Ann Lee')}`);
      assert.equal(response.status, 200);
      assert.equal(
        outcomes.some((outcome) => outcome instanceof VigilRaspBlockedError),
        false,
      );
      assert.deepEqual(loggedEvents(), []);
    });
  }
});

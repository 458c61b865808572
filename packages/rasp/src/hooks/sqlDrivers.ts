/**
 * SQL driver sinks, for drivers the app loads from node_modules (see `hookPackageLoads`):
 * `better-sqlite3` (`Database.prototype.prepare` and `exec`, SQLite dialect), `sqlite3`
 * (`Database.prototype` `prepare`, `run`, `get`, `all`, `each`, `map` and `exec`: each builds its
 * own native `Statement`, SQLite dialect), Node's `node:sqlite` (`DatabaseSync.prototype.prepare`
 * and `exec`, SQLite dialect; a builtin, patched when the app loads it, see `hookNodeSqlite`), `pg`
 * (`Client.prototype.query`, PostgreSQL dialect; `Pool#query` goes through it), `mysql2`
 * (`query` and `execute` of the connection base class, MySQL dialect; pools and the promise API
 * go through it) and `mysql` (`Connection.prototype.query`, MySQL dialect).
 *
 * Queries with placeholders are checked as written (`WHERE id = ?`): the values the drivers
 * substitute or send apart are data, never structure.
 */

import { detectSqlInjection } from '../sql/detectSqlInjection.js';
import type { SqlDialect } from '../sql/tokenizeSql.js';
import { callGuarded } from './callGuarded.js';
import type { PackagePatch } from './packageLoads.js';
import { wrapMethod } from './wrapMethod.js';

/** The SQL drivers' patches, by package name (see `hookPackageLoads`). */
export const SQL_DRIVER_PATCHES: Readonly<Record<string, PackagePatch>> = {
  'better-sqlite3': patchBetterSqlite3,
  sqlite3: patchSqlite3,
  // `require('node:sqlite')` passes `Module._load` like a package (see `hookNodeSqlite`).
  'node:sqlite': patchNodeSqlite,
  pg: patchPg,
  mysql2: patchMysql2,
  mysql: patchMysql,
};

function patchBetterSqlite3(exports: unknown): void {
  if (typeof exports !== 'function') return;
  const prototype = (exports as { prototype?: Record<string, unknown> }).prototype;
  if (typeof prototype?.prepare !== 'function' || typeof prototype.exec !== 'function') return;
  for (const method of ['prepare', 'exec']) {
    wrapMethod(
      prototype,
      method,
      (original) =>
        function guardedSqlite(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () =>
            sqlCheck(`better-sqlite3.${method}`, args[0], 'sqlite'),
          );
        },
    );
  }
}

/** The `sqlite3` package: its export holds the `Database` class. */
function patchSqlite3(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  const database = (exports as { Database?: unknown }).Database;
  const prototype = (database as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (typeof database !== 'function' || typeof prototype?.run !== 'function') return;
  // Each of these compiles its first argument (`new Statement(db, sql)` inside): none goes
  // through another, so every statement is checked once.
  patchSqlMethods(prototype, ['prepare', 'run', 'get', 'all', 'each', 'map', 'exec'], 'sqlite3');
}

/** Node's builtin `node:sqlite` (22.5+): statements are compiled by `prepare` and `exec`. */
export function patchNodeSqlite(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  const database = (exports as { DatabaseSync?: unknown }).DatabaseSync;
  const prototype = (database as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (typeof database !== 'function' || typeof prototype?.prepare !== 'function') return;
  patchSqlMethods(prototype, ['prepare', 'exec'], 'node:sqlite');
}

/** Wraps methods whose first argument is SQLite text, named `<driver>.<method>` in events. */
function patchSqlMethods(
  prototype: Record<string, unknown>,
  methods: readonly string[],
  driver: string,
): void {
  for (const method of methods) {
    const sink = `${driver}.${method}`;
    wrapMethod(
      prototype,
      method,
      (original) =>
        function guardedSqliteCall(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () => sqlCheck(sink, args[0], 'sqlite'));
        },
    );
  }
}

function patchPg(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  // `Client` only: reading `native` would load the optional native bindings.
  const client = Object.getOwnPropertyDescriptor(exports, 'Client')?.value as unknown;
  const prototype = (client as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (typeof client !== 'function' || typeof prototype?.query !== 'function') return;
  wrapMethod(
    prototype,
    'query',
    (original) =>
      function guardedPgQuery(this: unknown, ...args: unknown[]): unknown {
        const [config] = args;
        const text =
          typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
        // Without a callback, pg returns a promise: a block then rejects it.
        const rejects = !args.some((arg) => typeof arg === 'function');
        return callGuarded(
          original,
          this,
          args,
          () => sqlCheck('pg.query', text, 'postgres'),
          rejects,
        );
      },
  );
}

function sqlCheck(sink: string, query: unknown, dialect: SqlDialect) {
  if (typeof query !== 'string') return undefined;
  return {
    kind: 'sql_injection' as const,
    sink,
    detect: (input: string) => {
      const verdict = detectSqlInjection(query, input, dialect);
      return verdict.attack ? verdict.reason : undefined;
    },
  };
}

/** `query(sql | { sql }, values?, callback?)`: the sql, when it is text. */
function sqlOf(config: unknown): unknown {
  return typeof config === 'string' ? config : (config as { sql?: unknown } | null)?.sql;
}

function patchMysql2(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  // `query` and `execute` live on the base classes Connection, PoolConnection and Pool extend;
  // a pool's query is checked before it waits for a connection.
  for (const name of ['Connection', 'Pool']) {
    const owner = ownerOf(Object.getOwnPropertyDescriptor(exports, name)?.value, 'query');
    if (owner === undefined) continue;
    for (const method of ['query', 'execute']) {
      wrapMethod(
        owner,
        method,
        (original) =>
          function guardedMysql2(this: unknown, ...args: unknown[]): unknown {
            return callGuarded(original, this, args, () =>
              sqlCheck(`mysql2.${method}`, sqlOf(args[0]), 'mysql'),
            );
          },
      );
    }
  }
}

/** The prototype in `constructor`'s chain that owns `method`. */
function ownerOf(constructor: unknown, method: string): object | undefined {
  if (typeof constructor !== 'function') return undefined;
  let prototype = (constructor as { prototype?: unknown }).prototype;
  while (typeof prototype === 'object' && prototype !== null) {
    if (Object.hasOwn(prototype, method)) return prototype;
    prototype = Object.getPrototypeOf(prototype);
  }
  return undefined;
}

function patchMysql(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  const create = (exports as { createConnection?: unknown }).createConnection;
  if (typeof create !== 'function') return;
  // The Connection class is not exported: reach its prototype through an unused instance
  // (creating one opens nothing until `connect` or a query).
  const instance = (create as (config: object) => unknown)({});
  const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
  if (prototype === null || typeof prototype.query !== 'function') return;
  wrapMethod(
    prototype,
    'query',
    (original) =>
      function guardedMysql(this: unknown, ...args: unknown[]): unknown {
        return callGuarded(original, this, args, () =>
          sqlCheck('mysql.query', sqlOf(args[0]), 'mysql'),
        );
      },
  );
}

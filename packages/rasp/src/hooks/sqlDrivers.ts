/**
 * SQL driver sinks, for drivers the app loads from node_modules: `better-sqlite3`
 * (`Database.prototype.prepare` and `exec`, SQLite dialect) and `pg` (`Client.prototype.query`,
 * PostgreSQL dialect; `Pool#query` goes through it).
 *
 * Both drivers are CommonJS, and on Node 20 both `require()` and an ESM `import` of a CommonJS
 * package go through `Module._load`, so one wrapper there sees every load, after which the driver's
 * prototype is patched in place: every importer shares it. Drivers loaded before the agent are
 * found in the require cache. A driver is recognised by its shape as well as its name, so a file
 * of another package that happens to sit in a directory of that name is left alone.
 */

import { detectSqlInjection } from '../sql/detectSqlInjection.js';
import type { SqlDialect } from '../sql/tokenizeSql.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { callGuarded, type AnyFunction } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

const DRIVER_PATH = /(?:^|[/\\]node_modules[/\\])(better-sqlite3|pg)(?:[/\\]|$)/;

interface ModuleStatics {
  _load: AnyFunction;
  _cache: Record<string, { exports?: unknown } | undefined>;
}

export function hookSqlDrivers(): void {
  const Module = process.getBuiltinModule('node:module') as unknown as ModuleStatics;
  for (const [filename, cached] of Object.entries(Module._cache)) {
    patchDriver(filename, cached?.exports);
  }
  wrapMethod(
    Module,
    '_load',
    (original) =>
      function load(this: unknown, ...args: unknown[]): unknown {
        const exports = Reflect.apply(original, this, args);
        const [request] = args;
        if (typeof request === 'string') patchDriver(request, exports);
        return exports;
      },
  );
}

function patchDriver(request: string, exports: unknown): void {
  try {
    const name = DRIVER_PATH.exec(request)?.[1];
    if (name === 'better-sqlite3') patchBetterSqlite3(exports);
    else if (name === 'pg') patchPg(exports);
  } catch (error) {
    reportInternalError(`patching ${request}`, error);
  }
}

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

/**
 * Patches Node's builtin `node:sqlite` (see `patchNodeSqlite`) when the app loads it, not
 * before: on the Node versions that have it, loading the module prints an `ExperimentalWarning`,
 * which an app that never uses SQLite must not see because of the agent. A CommonJS
 * `require('node:sqlite')` passes `Module._load` (see `hookPackageLoads`); an ESM import of a
 * builtin does not, so where `module.registerHooks` exists (Node 22.15+, 23.5+) a resolve hook
 * patches the module as it is about to be loaded. A module loaded before the agent is patched
 * at once. Without `registerHooks` (Node 22.5 to 22.14), ESM imports of `node:sqlite` are not
 * protected unless something in the process required it first.
 */

import { reportInternalError } from '../agent/reportInternalError.js';
import { patchNodeSqlite } from './sqlDrivers.js';

const SPECIFIER = 'node:sqlite';

type ResolveHook = (
  specifier: string,
  context: unknown,
  nextResolve: (specifier: string, context: unknown) => unknown,
) => unknown;

interface ModuleWithHooks {
  registerHooks?: (hooks: { resolve: ResolveHook }) => unknown;
}

export function hookNodeSqlite(): void {
  const loaded = (process as { moduleLoadList?: unknown }).moduleLoadList;
  if (Array.isArray(loaded) && loaded.includes('NativeModule sqlite')) {
    patchLoaded();
    return;
  }
  const module = process.getBuiltinModule('node:module') as unknown as ModuleWithHooks;
  if (typeof module.registerHooks !== 'function') return;
  let patched = false;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!patched && specifier === SPECIFIER) {
        patched = true;
        patchLoaded();
      }
      return nextResolve(specifier, context);
    },
  });
}

function patchLoaded(): void {
  try {
    // Undefined where the builtin is missing or still behind `--experimental-sqlite`.
    const sqlite: unknown = process.getBuiltinModule(SPECIFIER);
    if (sqlite !== undefined) patchNodeSqlite(sqlite);
  } catch (error) {
    reportInternalError('patching node:sqlite', error);
  }
}

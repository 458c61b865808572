/**
 * Patches packages the app loads from node_modules (database drivers), whatever loads them.
 * On Node 20 both `require()` and an ESM `import` of a CommonJS package go through
 * `Module._load`, so one wrapper there sees every load, after which the package's prototypes
 * are patched in place: every importer shares them. Packages loaded before the agent are found
 * in the require cache. Each patch recognises its package by shape as well as by name, so a file
 * of another package that happens to sit in a directory of that name is left alone; ESM-only
 * packages would need `module.register` loader hooks.
 */

import { reportInternalError } from '../agent/reportInternalError.js';
import type { AnyFunction } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

export type PackagePatch = (exports: unknown, request: string) => void;

interface ModuleStatics {
  _load: AnyFunction;
  _cache: Record<string, { exports?: unknown } | undefined>;
}

export function hookPackageLoads(patches: Readonly<Record<string, PackagePatch>>): void {
  const names = Object.keys(patches)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const packagePath = new RegExp(
    `(?:^|[/\\\\]node_modules[/\\\\])(${names.join('|')})(?:-[0-9a-f]{16})?(?:[/\\\\]|$)`,
  );
  const patch = (request: string, exports: unknown): void => {
    try {
      const name = packagePath.exec(request)?.[1];
      if (name !== undefined) patches[name]?.(exports, request);
    } catch (error) {
      reportInternalError(`patching ${request}`, error);
    }
  };
  const Module = process.getBuiltinModule('node:module') as unknown as ModuleStatics;
  for (const [filename, cached] of Object.entries(Module._cache)) patch(filename, cached?.exports);
  wrapMethod(
    Module,
    '_load',
    (original) =>
      function load(this: unknown, ...args: unknown[]): unknown {
        const exports = Reflect.apply(original, this, args);
        const [request] = args;
        if (typeof request === 'string') patch(request, exports);
        return exports;
      },
  );
}

/**
 * `fs` and `fs/promises` sinks: every function taking a path, checked with `detectPathTraversal`
 * on each path argument (strings, Buffers and `file:` URLs; file descriptors and `FileHandle`s
 * are not paths). Callback and sync functions throw when blocked, promise functions reject.
 */

import { detectPathTraversal } from '../path/detectPathTraversal.js';
import type { SinkCheck } from '../agent/inspectSink.js';
import { requestStore } from '../context/requestStore.js';
import { callGuarded } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

/** Functions whose first argument is a path (each also has a `Sync` form in `fs`, or is one). */
const ONE_PATH = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'lchmod',
  'lchown',
  'lutimes',
  'lstat',
  'mkdir',
  'mkdtemp',
  'open',
  'openAsBlob',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
];
/** Functions whose first two arguments are paths. */
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'];
/** `fs`-only functions taking a path, without a `Sync` form. */
const CALLBACK_ONLY = ['createReadStream', 'createWriteStream', 'exists', 'watch', 'watchFile'];

export function hookFs(): void {
  const fs = process.getBuiltinModule('node:fs');
  const promises = process.getBuiltinModule('node:fs/promises');
  for (const name of [...ONE_PATH, ...CALLBACK_ONLY, 'existsSync']) {
    guard(fs, 'fs', name, 1, false);
  }
  for (const name of ONE_PATH) guard(fs, 'fs', `${name}Sync`, 1, false);
  for (const name of TWO_PATHS) {
    guard(fs, 'fs', name, 2, false);
    guard(fs, 'fs', `${name}Sync`, 2, false);
  }
  for (const name of ONE_PATH) guard(promises, 'fs/promises', name, 1, true);
  for (const name of TWO_PATHS) guard(promises, 'fs/promises', name, 2, true);
}

function guard(
  owner: object,
  moduleName: string,
  name: string,
  pathCount: number,
  rejects: boolean,
): void {
  const sink = `${moduleName}.${name}`;
  wrapMethod(
    owner,
    name,
    (original) =>
      function guardedFs(this: unknown, ...args: unknown[]): unknown {
        return callGuarded(
          original,
          this,
          args,
          () => pathCheck(sink, args.slice(0, pathCount)),
          rejects,
        );
      },
  );
}

function pathCheck(sink: string, candidates: readonly unknown[]): SinkCheck | undefined {
  const paths = candidates.filter(
    (path): path is string | Buffer | URL =>
      typeof path === 'string' || Buffer.isBuffer(path) || path instanceof URL,
  );
  if (paths.length === 0) return undefined;
  const context = requestStore.getStore();
  return {
    kind: 'path_traversal',
    sink,
    detect: (input) => {
      for (const path of paths) {
        const verdict = detectPathTraversal(path, input);
        if (verdict.attack) return verdict.reason;
        if (typeof path === 'string' && context?.derivedFrom(path) === input) return 'dot-dot';
      }
      return undefined;
    },
  };
}

/**
 * `path.join`, `path.resolve` and `path.normalize` remove the `..` an attacker sent before the
 * path reaches `fs` (`join(root, '../etc/passwd')` is `/etc/passwd`), so at the fs sink the input
 * can no longer be found. These wrappers never block: when a user input makes the joined
 * arguments climb (checked on the arguments as written, with `detectPathTraversal`), they remember
 * the result as derived from that input, and the fs hook treats that exact path as the input's.
 * An app that checks the result (`startsWith(root)`) and refuses it never reaches the sink.
 */

import { detectPathTraversal } from '../path/detectPathTraversal.js';
import { agentState } from '../agent/agentState.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { requestStore } from '../context/requestStore.js';
import type { RequestContext } from '../context/RequestContext.js';
import { wrapMethod } from './wrapMethod.js';

/** Derived paths remembered per request: enough for real handlers, bounded for hostile ones. */
const MAX_DERIVED_PATHS = 256;

export function hookPathFunctions(): void {
  const path = process.getBuiltinModule('node:path');
  for (const owner of new Set([path, path.posix, path.win32])) {
    for (const name of ['join', 'resolve', 'normalize']) {
      wrapMethod(
        owner,
        name,
        (original) =>
          function trackedPath(this: unknown, ...args: unknown[]): unknown {
            const result = Reflect.apply(original, this, args);
            const context = requestStore.getStore();
            if (context !== undefined && typeof result === 'string' && !agentState().insideSink) {
              remember(context, result, args);
            }
            return result;
          },
      );
    }
  }
}

function remember(context: RequestContext, result: string, args: readonly unknown[]): void {
  try {
    if (context.derivedFrom(result) !== undefined) return;
    const written = args.filter((arg) => typeof arg === 'string').join('/');
    // Only a `..` the arguments hold can make the result climb above what they name.
    if (written === result || !written.includes('..')) return;
    for (const input of context.userInput()) {
      if (!written.includes(input.value) && !input.value.includes('%')) continue;
      if (detectPathTraversal(written, input.value).attack) {
        if (context.derivedPaths.size < MAX_DERIVED_PATHS)
          context.derivedPaths.set(result, input.value);
        return;
      }
    }
  } catch (error) {
    reportInternalError('path tracking', error);
  }
}

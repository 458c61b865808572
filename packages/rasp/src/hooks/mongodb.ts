/**
 * NoSQL sinks of the `mongodb` driver (and of Mongoose, which calls it): the filter-taking
 * methods of `Collection.prototype`, checked with `detectNoSqlInjection` against the request's
 * parsed input (the body, a nested query string, route params) rather than its flattened strings:
 * an operator object is only visible as an object. `find` and `aggregate` return lazy cursors and
 * throw when blocked; the others return promises and reject.
 */

import { detectNoSqlInjection } from '../nosql/detectNoSqlInjection.js';
import { callGuarded } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

/** Method → index of its filter argument (`aggregate`'s pipeline stands for the filter). */
const FILTER_METHODS: Readonly<Record<string, number>> = {
  find: 0,
  findOne: 0,
  findOneAndDelete: 0,
  findOneAndReplace: 0,
  findOneAndUpdate: 0,
  updateOne: 0,
  updateMany: 0,
  replaceOne: 0,
  deleteOne: 0,
  deleteMany: 0,
  countDocuments: 0,
  count: 0,
  distinct: 1,
  aggregate: 0,
};
const CURSOR_METHODS: ReadonlySet<string> = new Set(['find', 'aggregate']);

export function patchMongodb(exports: unknown): void {
  if (typeof exports !== 'object' || exports === null) return;
  const collection = Object.getOwnPropertyDescriptor(exports, 'Collection')?.value as unknown;
  const prototype = (collection as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (typeof collection !== 'function' || typeof prototype?.find !== 'function') return;
  for (const [method, filterIndex] of Object.entries(FILTER_METHODS)) {
    wrapMethod(
      prototype,
      method,
      (original) =>
        function guardedCollection(this: unknown, ...args: unknown[]): unknown {
          const filter = args[filterIndex];
          return callGuarded(
            original,
            this,
            args,
            () => {
              if (typeof filter !== 'object' || filter === null) return undefined;
              return {
                kind: 'nosql_injection',
                sink: `mongodb.${method}`,
                detect: () => undefined,
                detectParsed: (input) => {
                  const verdict = detectNoSqlInjection(filter, input);
                  return verdict.attack
                    ? { reason: verdict.reason, path: verdict.inputPath }
                    : undefined;
                },
              };
            },
            !CURSOR_METHODS.has(method),
          );
        },
    );
  }
}

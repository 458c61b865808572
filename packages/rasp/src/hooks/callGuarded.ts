/**
 * Runs a wrapped sink: checks it (see `inspectSink`), then calls the original as if the agent were
 * absent, unless the check blocked it. A blocked sync or callback API throws the error; a promise
 * API (`rejects`) returns it rejected, where `await` and `.catch` expect it. While the original
 * runs, nested sinks it calls (`exec` calls `execFile`) are not checked a second time.
 */

import { agentState } from '../agent/agentState.js';
import { inspectSink, type SinkCheck } from '../agent/inspectSink.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { requestStore } from '../context/requestStore.js';

export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

export function callGuarded(
  original: AnyFunction,
  self: unknown,
  args: unknown[],
  check: () => SinkCheck | undefined,
  rejects = false,
): unknown {
  const state = agentState();
  if (state.insideSink || requestStore.getStore() === undefined) {
    return Reflect.apply(original, self, args);
  }
  const sinkCheck = safely(check);
  const blocked = sinkCheck === undefined ? undefined : inspectSink(sinkCheck);
  if (blocked !== undefined) {
    if (rejects) return Promise.reject(blocked);
    throw blocked;
  }
  state.insideSink = true;
  try {
    return Reflect.apply(original, self, args);
  } finally {
    state.insideSink = false;
  }
}

/** Building the check reads the call's arguments, which may be anything: never let it throw. */
function safely(check: () => SinkCheck | undefined): SinkCheck | undefined {
  try {
    return check();
  } catch (error) {
    reportInternalError('reading sink arguments', error);
    return undefined;
  }
}

/**
 * Appends one event as a line of NDJSON to the agent's log. Synchronous on purpose: detections
 * are rare, lines stay whole and in order, and nothing is lost if the process dies right after.
 * Uses the file system functions as they were before the agent wrapped them.
 */

import { originalOf } from '../hooks/wrapMethod.js';

const fs = process.getBuiltinModule('node:fs');
const openSync = originalOf(fs.openSync);
const writeSync = originalOf(fs.writeSync);

const descriptors = new Map<string, number>();

export function appendEvent(path: string, event: object): void {
  let descriptor = descriptors.get(path);
  if (descriptor === undefined) {
    descriptor = openSync(path, 'a');
    descriptors.set(path, descriptor);
  }
  writeSync(descriptor, `${JSON.stringify(event)}\n`);
}

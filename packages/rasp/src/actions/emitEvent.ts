/**
 * Sends one agent event where the operator wants events: always the NDJSON log (when one is
 * set), and the alert endpoint when `actions.alert` is configured. Never throws.
 */

import type { RaspConfig } from '../config/RaspConfig.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { AlertQueue } from './AlertQueue.js';
import { appendEvent } from './appendEvent.js';

const queues = new WeakMap<object, AlertQueue>();

export function emitEvent(event: object, config: RaspConfig): void {
  if (config.logPath !== null) {
    try {
      appendEvent(config.logPath, event);
    } catch (error) {
      reportInternalError(`event log ${config.logPath}`, error);
    }
  }
  const { alert } = config.actions;
  if (alert === null) return;
  try {
    let queue = queues.get(alert);
    if (queue === undefined) {
      queue = new AlertQueue(alert);
      queues.set(alert, queue);
    }
    queue.enqueue(event);
  } catch (error) {
    reportInternalError('alert queue', error);
  }
}

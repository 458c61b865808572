/**
 * The agent's own failures: reported once per place on stderr, then ignored, so the app runs on as
 * if the agent were absent (fail open). Never throws, even when stderr is gone.
 */

import { agentState } from './agentState.js';

export function reportInternalError(where: string, error: unknown): void {
  try {
    const { reportedErrors } = agentState();
    if (reportedErrors.has(where)) return;
    reportedErrors.add(where);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `vigil-rasp: internal error in ${where}, letting the call through (reported once): ${message}\n`,
    );
  } catch {
    // Nothing left to tell: the app must not notice.
  }
}

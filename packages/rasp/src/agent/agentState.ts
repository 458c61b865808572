/**
 * The agent's process-wide state: the configuration in force and which hooks are in place. Kept on
 * `globalThis` under a registered symbol so that loading the agent twice (its ESM and CommonJS
 * builds, or two copies in node_modules) installs every hook once and shares one configuration.
 */

import { defaultRaspConfig, type RaspConfig } from '../config/RaspConfig.js';
import type { SessionTerminator } from '../actions/sessionTerminators.js';

export interface AgentState {
  config: RaspConfig;
  /** Names of the hook groups installed (`http`, `fs`, ...). */
  readonly installed: Set<string>;
  /** Places whose internal error was already reported: each is reported once. */
  readonly reportedErrors: Set<string>;
  /** Set while a guarded sink runs its original function: nested sinks are not checked again. */
  insideSink: boolean;
  /** The app's own session terminator (`setSessionTerminator`). */
  sessionTerminator: SessionTerminator | undefined;
  /** Attacks seen by this process, for `actions.shutdownAfter`. */
  attacks: number;
}

const STATE_KEY = Symbol.for('vigil.rasp.agentState');

type GlobalWithState = typeof globalThis & { [STATE_KEY]?: AgentState };

export function agentState(): AgentState {
  const holder = globalThis as GlobalWithState;
  return (holder[STATE_KEY] ??= {
    config: defaultRaspConfig(process.cwd()),
    installed: new Set(),
    reportedErrors: new Set(),
    insideSink: false,
    sessionTerminator: undefined,
    attacks: 0,
  });
}

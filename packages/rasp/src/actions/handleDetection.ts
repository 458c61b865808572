/**
 * What happens once a sink received an attack: one NDJSON event (monitor or block mode), and in
 * block mode a 403 for the request and an error for the sink to throw. Each (kind, source,
 * input) is reported once per request, so a sink reached twice (`createReadStream` then its
 * `open`) makes one event.
 */

import type { AttackKind, AttackSetting } from '../config/RaspConfig.js';
import type { RequestContext } from '../context/RequestContext.js';
import type { UserInput } from '../context/collectUserInput.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { agentState, type AgentState } from '../agent/agentState.js';
import { userOf } from '../agent/setUser.js';
import type { RaspConfig } from '../config/RaspConfig.js';
import { recordAttack } from './attackWave.js';
import { emitEvent } from './emitEvent.js';
import { sessionTerminatorFor } from './sessionTerminators.js';
import { appStackFrame } from './appStackFrame.js';
import { blockResponse } from './blockResponse.js';
import { redactPayload, type RedactedPayload } from './redactPayload.js';
import { VigilRaspBlockedError } from './VigilRaspBlockedError.js';

/** One line of the event log. */
export interface AttackEvent {
  readonly time: string;
  readonly type: 'attack';
  readonly kind: AttackKind;
  readonly action: 'blocked' | 'monitored';
  /** The sink that received the input: `child_process.exec`, `fs.readFile`, `pg.query`. */
  readonly sink: string;
  /** The detector's reason: `string-escape`, `separator`, `dot-dot`, ... */
  readonly reason: string;
  /** Where the input came from: `query.id`, `body.user.name`. */
  readonly source: string;
  readonly payload: RedactedPayload;
  readonly request: {
    readonly method: string;
    readonly route: string;
    readonly path: string;
    readonly ip: string | null;
    /** `setUser`'s, else a bearer JWT's `sub`. */
    readonly user: string | null;
  };
  /** The app's own call site: `file:line:column`. */
  readonly stack: string | null;
}

export interface Detection {
  readonly kind: AttackKind;
  readonly sink: string;
  readonly reason: string;
  readonly input: UserInput;
}

export function handleDetection(
  context: RequestContext,
  detection: Detection,
  setting: Exclude<AttackSetting, 'off'>,
): VigilRaspBlockedError | undefined {
  const { kind, sink, reason, input } = detection;
  const key = `${kind}\u0000${input.source}\u0000${input.value}`;
  const block = setting === 'block';
  const state = agentState();
  const { config } = state;
  if (!context.reported.has(key)) {
    context.reported.add(key);
    const event: AttackEvent = {
      time: new Date().toISOString(),
      type: 'attack',
      kind,
      action: block ? 'blocked' : 'monitored',
      sink,
      reason,
      source: input.source,
      payload: redactPayload(input.value),
      request: {
        method: context.method,
        route: context.route(),
        path: context.path,
        ip: context.ip ?? null,
        user: userOf(context) ?? null,
      },
      stack: appStackFrame() ?? null,
    };
    emitEvent(event, config);
    recordAttack(context.ip, config);
    countTowardsShutdown(state);
  }
  if (!block) return undefined;
  if (!context.blocked) {
    context.blocked = true;
    terminateSession(context, config.actions.terminateSession);
    try {
      blockResponse(context.res, kind, context.headers.accept);
    } catch (error) {
      reportInternalError('block response', error);
    }
  }
  return new VigilRaspBlockedError(kind, sink);
}

/** Ends the attacker's session before the 403's headers go out (see `sessionTerminators`). */
function terminateSession(
  context: RequestContext,
  setting: RaspConfig['actions']['terminateSession'],
): void {
  try {
    const terminator = sessionTerminatorFor(setting);
    const result = terminator?.(context.req, context.res);
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        reportInternalError('session terminator', error);
      });
  } catch (error) {
    reportInternalError('session terminator', error);
  }
}

/** `actions.shutdownAfter`: the Nth attack stops the process (SIGTERM, so the app's handlers run). */
function countTowardsShutdown(state: AgentState): void {
  const limit = state.config.actions.shutdownAfter;
  state.attacks++;
  if (limit === 0 || state.attacks !== limit) return;
  emitEvent(
    { time: new Date().toISOString(), type: 'shutdown', attacks: state.attacks },
    state.config,
  );
  // After the current request has had its answer.
  setImmediate(() => process.kill(process.pid, 'SIGTERM'));
}

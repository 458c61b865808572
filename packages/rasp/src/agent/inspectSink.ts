/**
 * The wiring between a sink and a pure detector: for the request being served, asks the detector
 * about each user input against what the sink is about to receive, and hands the first attack to
 * `handleDetection`. Outside a request, for allow-listed requests and for attack kinds set to
 * `off`, nothing is checked. Never throws: an internal error is reported once and the call goes on.
 */

import type { AttackKind } from '../config/RaspConfig.js';
import { requestStore } from '../context/requestStore.js';
import type { RequestContext } from '../context/RequestContext.js';
import type { UserInput } from '../context/collectUserInput.js';
import { handleDetection } from '../actions/handleDetection.js';
import type { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { agentState } from './agentState.js';
import { isAllowListed } from './isAllowListed.js';
import { reportInternalError } from './reportInternalError.js';

export interface SinkCheck {
  readonly kind: AttackKind;
  readonly sink: string;
  /** The detector's reason when `input` attacks this call, else undefined. */
  readonly detect: (input: string) => string | undefined;
  /** Sources this kind of attack cannot come from (`headers.host` cannot choose where SSRF goes). */
  readonly skipSources?: ReadonlySet<string>;
  /**
   * For sinks that receive structures (a MongoDB filter): checks each parsed input (the body,
   * a nested query, params) as a whole; `path` locates the culprit inside it (`''` for all of it).
   */
  readonly detectParsed?: (input: unknown) => { reason: string; path: string } | undefined;
  /** The attack can only be logged here (the response is already on its way): never block. */
  readonly monitorOnly?: boolean;
}

/**
 * The error the sink must throw (block mode), or undefined to let the call go on. `context` is
 * the current request's unless a hook kept it for a callback running elsewhere (a DNS lookup).
 */
export function inspectSink(
  check: SinkCheck,
  context: RequestContext | undefined = requestStore.getStore(),
): VigilRaspBlockedError | undefined {
  try {
    if (context === undefined) return undefined;
    const { config } = agentState();
    const setting = config.attacks[check.kind];
    if (setting === 'off' || isAllowListed(context, config)) return undefined;
    for (const input of context.userInput()) {
      if (check.skipSources?.has(input.source) === true) continue;
      const reason = check.detect(input.value);
      if (reason === undefined) continue;
      const detection = { kind: check.kind, sink: check.sink, reason, input };
      const action = check.monitorOnly === true ? 'monitor' : setting;
      return handleDetection(context, detection, action);
    }
    if (check.detectParsed !== undefined) {
      for (const parsed of context.parsedInput()) {
        const found = check.detectParsed(parsed.value);
        if (found === undefined) continue;
        const input = culprit(parsed.source, parsed.value, found.path);
        const detection = { kind: check.kind, sink: check.sink, reason: found.reason, input };
        return handleDetection(context, detection, setting);
      }
    }
    return undefined;
  } catch (error) {
    reportInternalError(check.sink, error);
    return undefined;
  }
}

/** The part of a parsed input at `path` (`a.b.0`), as the event's source and text. */
function culprit(source: string, value: unknown, path: string): UserInput {
  let part = value;
  for (const key of path === '' ? [] : path.split('.')) {
    part = (part as Record<string, unknown> | undefined)?.[key];
  }
  let text: string;
  try {
    // JSON.stringify gives undefined for undefined and functions.
    const json = JSON.stringify(part) as string | undefined;
    text = typeof part === 'string' ? part : (json ?? String(part));
  } catch {
    text = String(part);
  }
  return { source: path === '' ? source : `${source}.${path}`, value: text };
}

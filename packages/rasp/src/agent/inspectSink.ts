/**
 * The wiring between a sink and a pure detector: for the request being served, asks the detector
 * about each user input against what the sink is about to receive, and hands the first attack to
 * `handleDetection`. Outside a request, for allow-listed requests and for attack kinds set to
 * `off`, nothing is checked. Never throws: an internal error is reported once and the call goes on.
 */

import type { AttackKind } from '../config/RaspConfig.js';
import { requestStore } from '../context/requestStore.js';
import type { RequestContext } from '../context/RequestContext.js';
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
      return handleDetection(context, detection, action, config.logPath);
    }
    return undefined;
  } catch (error) {
    reportInternalError(check.sink, error);
    return undefined;
  }
}

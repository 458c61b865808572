/**
 * Checks a request before the app sees it: an address in an attack-wave cool-down gets 403, and
 * a request over one of the configured rate limits gets 429 with `Retry-After`. Both only in
 * block mode; in monitor mode the `rate_limited` event is logged and the request goes on.
 * Allow-listed requests are never stopped. One event per key and window.
 */

import type { RaspConfig, RateLimit } from '../config/RaspConfig.js';
import type { RequestContext } from '../context/RequestContext.js';
import { agentState } from '../agent/agentState.js';
import { isAllowListed, matchesRoutes } from '../agent/isAllowListed.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { userOf } from '../agent/setUser.js';
import { inWaveCoolDown } from './attackWave.js';
import { blockResponse } from './blockResponse.js';
import { emitEvent } from './emitEvent.js';
import { SlidingWindowCounter } from './SlidingWindowCounter.js';

export interface RateLimitedEvent {
  readonly time: string;
  readonly type: 'rate_limited';
  readonly by: RateLimit['by'];
  readonly key: string;
  readonly max: number;
  readonly windowSeconds: number;
  readonly action: 'blocked' | 'monitored';
  readonly request: { readonly method: string; readonly path: string; readonly ip: string | null };
}

interface LimitState {
  readonly counter: SlidingWindowCounter;
  readonly reportedUntil: Map<string, number>;
}

const states = new WeakMap<RateLimit, LimitState>();

/** True when the agent answered the request itself (the app must not see it). */
export function gateRequest(context: RequestContext): boolean {
  try {
    const { config } = agentState();
    const { rateLimits, attackWave } = config.actions;
    if ((rateLimits.length === 0 && attackWave === null) || isAllowListed(context, config)) {
      return false;
    }
    const block = config.mode === 'block';
    if (block && inWaveCoolDown(context.ip, config)) {
      context.blocked = true;
      blockResponse(context.res, 'attack_wave', context.headers.accept);
      return true;
    }
    const now = Date.now();
    for (const limit of rateLimits) {
      if (limit.routes.length > 0 && !matchesRoutes(context, limit.routes)) continue;
      const key = keyOf(context, limit);
      if (key === undefined) continue;
      const state = stateOf(limit);
      if (state.counter.hit(key, now) <= limit.max) continue;
      report(context, config, limit, key, state, now, block);
      if (!block) continue;
      context.blocked = true;
      blockResponse(context.res, 'rate_limited', context.headers.accept, 429, limit.windowSeconds);
      return true;
    }
  } catch (error) {
    reportInternalError('request gate', error);
  }
  return false;
}

function keyOf(context: RequestContext, limit: RateLimit): string | undefined {
  switch (limit.by) {
    case 'ip':
      return context.ip;
    case 'user':
      return userOf(context);
    case 'route':
      return `${context.method} ${context.path}`;
  }
}

function report(
  context: RequestContext,
  config: RaspConfig,
  limit: RateLimit,
  key: string,
  state: LimitState,
  now: number,
  block: boolean,
): void {
  if ((state.reportedUntil.get(key) ?? 0) > now) return;
  if (state.reportedUntil.size >= 10_000) state.reportedUntil.clear();
  state.reportedUntil.set(key, now + limit.windowSeconds * 1000);
  const event: RateLimitedEvent = {
    time: new Date(now).toISOString(),
    type: 'rate_limited',
    by: limit.by,
    key,
    max: limit.max,
    windowSeconds: limit.windowSeconds,
    action: block ? 'blocked' : 'monitored',
    request: { method: context.method, path: context.path, ip: context.ip ?? null },
  };
  emitEvent(event, config);
}

function stateOf(limit: RateLimit): LimitState {
  let state = states.get(limit);
  if (state === undefined) {
    state = {
      counter: new SlidingWindowCounter(limit.windowSeconds * 1000),
      reportedUntil: new Map(),
    };
    states.set(limit, state);
  }
  return state;
}

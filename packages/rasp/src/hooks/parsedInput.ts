/**
 * Prototype pollution at the parsers: the request's query keys are checked before the app sees
 * the request, and a JSON or URL-encoded body when it has arrived (at the request's `end`, which
 * every body parser waits for). In block mode the app never gets the request (or never gets its
 * body's `end`, so its parser never hands the polluting object to a handler), and the client
 * gets the 403. Bodies larger than `maxBodyBytes` are not parsed a second time.
 */

import {
  detectPollutingKey,
  detectPrototypePollution,
  type PrototypePollutionVerdict,
} from '../prototype/detectPrototypePollution.js';
import { handleDetection } from '../actions/handleDetection.js';
import { agentState } from '../agent/agentState.js';
import { isAllowListed } from '../agent/isAllowListed.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import type { RequestContext } from '../context/RequestContext.js';

/** True when the request must not reach the app (blocked). */
export function pollutionInQuery(context: RequestContext): boolean {
  try {
    if (!context.hasQuery()) return false;
    for (const name of context.query.keys()) {
      const verdict = detectPollutingKey(name);
      if (verdict.attack) return report(context, 'query parser', 'query key', verdict);
    }
  } catch (error) {
    reportInternalError('query keys', error);
  }
  return false;
}

/** True when the body's `end` must not reach the app's parser (blocked). */
export function pollutionInBody(context: RequestContext): boolean {
  try {
    const { body, headers } = context;
    if (body.truncated || body.bytes === 0) return false;
    const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const raw = Buffer.concat(body.chunks);
    if (type === 'application/json' || type.endsWith('+json')) {
      // JSON escapes can spell the key (`\u005f_proto__`): those bodies are parsed too.
      if (!raw.includes('proto') && !raw.includes('\\u')) return false;
      const verdict = detectPrototypePollution(parseJson(raw.toString('utf8')), limitsOf());
      return verdict.attack && report(context, 'json body parser', 'body', verdict);
    }
    if (type === 'application/x-www-form-urlencoded' && raw.includes('proto')) {
      for (const name of new URLSearchParams(raw.toString('utf8')).keys()) {
        const verdict = detectPollutingKey(name);
        if (verdict.attack) return report(context, 'form body parser', 'body key', verdict);
      }
    }
  } catch (error) {
    reportInternalError('request body', error);
  }
  return false;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function limitsOf(): { maxDepth: number; maxKeys: number } {
  const { limits } = agentState().config;
  return { maxDepth: limits.maxDepth, maxKeys: limits.maxInputs * 10 };
}

function report(
  context: RequestContext,
  sink: string,
  source: string,
  verdict: PrototypePollutionVerdict & { attack: true },
): boolean {
  const { config } = agentState();
  const setting = config.attacks.prototype_pollution;
  if (setting === 'off' || isAllowListed(context, config)) return false;
  const detection = {
    kind: 'prototype_pollution' as const,
    sink,
    reason: verdict.reason,
    input: { source, value: verdict.path },
  };
  return handleDetection(context, detection, setting) !== undefined;
}

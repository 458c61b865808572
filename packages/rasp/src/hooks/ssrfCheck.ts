/**
 * The SSRF wiring shared by the outbound HTTP hooks (`http`/`https` and `fetch`): which user
 * input chose where a request goes, the check handed to `inspectSink` once the addresses are
 * known, a DNS lookup that runs that check on the very addresses the connection will use (no
 * rebinding window between check and connect), and the redirect bookkeeping that carries the
 * choice of a host over to the next hop.
 */

import type { LookupAddress, LookupOptions } from 'node:dns';
import { classifyIp, parseIpv4Loose } from '../ssrf/classifyAddress.js';
import { detectSsrf, userInputChoosesHost } from '../ssrf/detectSsrf.js';
import { agentState } from '../agent/agentState.js';
import { inspectSink, type SinkCheck } from '../agent/inspectSink.js';
import { isAllowedOutbound } from '../agent/isAllowedOutbound.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import type { RequestContext } from '../context/RequestContext.js';

/** The server's own name is not the client's choice of destination: apps call themselves. */
const NOT_SSRF_SOURCES: ReadonlySet<string> = new Set(['headers.host', 'headers.:authority']);
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Redirect targets remembered per request: enough for real chains, bounded for hostile ones. */
const MAX_REDIRECT_TARGETS = 64;

export interface OutboundTarget {
  /** The normalised URL (WHATWG `href`). */
  readonly url: string;
  /** Lowercase, without IPv6 brackets. */
  readonly hostname: string;
  /** The host is an address in some form: no DNS lookup will happen. */
  readonly literal: boolean;
}

export function outboundTarget(url: string): OutboundTarget | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (hostname === '') return undefined;
  const literal = classifyIp(parseIpv4Loose(hostname) ?? hostname) !== undefined;
  return { url: parsed.href, hostname, literal };
}

/** The input that chose the target's host (or whose redirect led to it), if any. */
export function hostChooser(context: RequestContext, target: OutboundTarget): string | undefined {
  const redirected = context.redirectTargets.get(target.url);
  if (redirected !== undefined) return redirected;
  for (const input of context.userInput()) {
    if (NOT_SSRF_SOURCES.has(input.source)) continue;
    if (userInputChoosesHost(target.url, input.value)) return input.value;
  }
  return undefined;
}

/** The check of one outbound request to `target`, resolved to `addresses` (none for literals). */
export function ssrfCheck(
  sink: string,
  target: OutboundTarget,
  addresses: readonly string[],
  context: RequestContext,
): SinkCheck {
  const allow = agentState().config.allowOutboundHosts;
  return {
    kind: 'ssrf',
    sink,
    skipSources: NOT_SSRF_SOURCES,
    detect: (input) => {
      const verdict = detectSsrf(target.url, addresses, input);
      if (verdict.attack) {
        return isAllowedOutbound(verdict.hostname, verdict.address, allow)
          ? undefined
          : verdict.reason;
      }
      if (context.redirectTargets.get(target.url) !== input) return undefined;
      for (const address of [target.hostname, ...addresses]) {
        const kind = classifyIp(parseIpv4Loose(address) ?? address);
        if (
          kind !== undefined &&
          kind !== 'public' &&
          !isAllowedOutbound(target.hostname, address, allow)
        ) {
          return kind;
        }
      }
      return undefined;
    },
  };
}

export type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address?: string | LookupAddress[],
  family?: number,
) => void;
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
) => void;

/**
 * A `lookup` for `net.connect` (and so for `http.request` and undici) that resolves with `base`
 * and then checks every address: a blocked request gets the agent's error instead of an address,
 * and the socket never connects.
 */
export function checkingLookup(
  base: LookupFunction,
  sink: string,
  target: OutboundTarget,
  context: RequestContext,
): LookupFunction {
  return function lookup(hostname, options, callback): void {
    // Legacy callers pass the callback second.
    const loose: unknown = options;
    const done = typeof loose === 'function' ? (loose as LookupCallback) : callback;
    const lookupOptions = typeof loose === 'object' && loose !== null ? options : {};
    base(hostname, lookupOptions, (error, address, family) => {
      if (error !== null) {
        done(error, address, family);
        return;
      }
      let blocked: Error | undefined;
      try {
        const addresses = Array.isArray(address)
          ? address.map((entry) => entry.address)
          : typeof address === 'string'
            ? [address]
            : [];
        blocked = inspectSink(ssrfCheck(sink, target, addresses, context), context);
      } catch (checkError) {
        reportInternalError(sink, checkError);
      }
      if (blocked !== undefined) done(blocked);
      else done(null, address, family);
    });
  };
}

/**
 * Remembers where a response of a request whose host `chooser` chose redirects to: whoever
 * follows it (follow-redirects, axios, got, the fetch hook) goes where the input sent it.
 */
export function rememberRedirect(
  context: RequestContext,
  from: string,
  status: number | undefined,
  location: string | null | undefined,
  chooser: string,
): string | undefined {
  if (status === undefined || !REDIRECT_STATUSES.has(status) || typeof location !== 'string') {
    return undefined;
  }
  if (!URL.canParse(location, from)) return undefined;
  const next = new URL(location, from).href;
  if (context.redirectTargets.size < MAX_REDIRECT_TARGETS)
    context.redirectTargets.set(next, chooser);
  return next;
}

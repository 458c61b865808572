/**
 * SSRF at `http.request`, `http.get`, `https.request` and `https.get`. Only requests whose host a
 * user input chose (or whose URL a chosen host redirected to) are touched; every other request
 * goes out exactly as the app made it.
 *
 * - A host written as an address (in any form: `2130706433`, `0x7f.1`, `[::ffff:7f00:1]`) is
 *   checked at once; a blocked request is destroyed before it connects and reports the agent's
 *   error through its `error` event, as any failed request does.
 * - A host name gets a `lookup` option wrapping the app's (or `dns.lookup`): the addresses are
 *   checked as they come back, on their way to `connect`, so no second resolution can differ.
 * - A pooled keep-alive socket skips the lookup: its peer address is checked when it is handed
 *   to the request.
 * - A 3xx response's `Location` is remembered for the request (see `rememberRedirect`).
 */

import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { agentState } from '../agent/agentState.js';
import { inspectSink } from '../agent/inspectSink.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import type { RequestContext } from '../context/RequestContext.js';
import { requestStore } from '../context/requestStore.js';
import type { AnyFunction } from './callGuarded.js';
import {
  checkingLookup,
  hostChooser,
  outboundTarget,
  rememberRedirect,
  ssrfCheck,
  type LookupFunction,
  type OutboundTarget,
} from './ssrfCheck.js';
import { wrapMethod } from './wrapMethod.js';

interface Plan {
  readonly args: unknown[];
  readonly target: OutboundTarget;
  readonly chooser: string;
  readonly blocked: Error | undefined;
}

type Options = Record<string, unknown>;

export function hookOutboundHttp(): void {
  const modules = [
    ['http', process.getBuiltinModule('node:http'), 'http:'],
    ['https', process.getBuiltinModule('node:https'), 'https:'],
  ] as const;
  for (const [name, module, protocol] of modules) {
    for (const method of ['request', 'get']) {
      const sink = `${name}.${method}`;
      wrapMethod(
        module,
        method,
        (original) =>
          function guardedRequest(this: unknown, ...args: unknown[]): unknown {
            return requestGuarded(original, this, args, sink, protocol);
          },
      );
    }
  }
}

function requestGuarded(
  original: AnyFunction,
  self: unknown,
  args: unknown[],
  sink: string,
  defaultProtocol: string,
): unknown {
  const context = requestStore.getStore();
  if (context === undefined || agentState().insideSink) return Reflect.apply(original, self, args);
  let plan: Plan | undefined;
  try {
    plan = planRequest(args, sink, defaultProtocol, context);
  } catch (error) {
    reportInternalError(sink, error);
  }
  if (plan === undefined) return Reflect.apply(original, self, args);
  const req = Reflect.apply(original, self, plan.args) as ClientRequest;
  try {
    watchRequest(req, sink, plan, context);
    if (plan.blocked !== undefined) req.destroy(plan.blocked);
  } catch (error) {
    reportInternalError(sink, error);
  }
  return req;
}

function planRequest(
  args: unknown[],
  sink: string,
  defaultProtocol: string,
  context: RequestContext,
): Plan | undefined {
  const [first, second] = args;
  let url: URL | undefined;
  let options: Options | undefined;
  let optionsIndex: number;
  if (typeof first === 'string' || first instanceof URL) {
    if (typeof first === 'string' && !URL.canParse(first)) return undefined;
    url = new URL(first);
    optionsIndex = 1;
    if (typeof second === 'object' && second !== null) options = second as Options;
  } else if (typeof first === 'object' && first !== null) {
    options = first as Options;
    optionsIndex = 0;
  } else {
    return undefined;
  }
  if (options?.socketPath !== undefined) return undefined;
  const href = requestUrl(url, options, defaultProtocol);
  const target = href === undefined ? undefined : outboundTarget(href);
  if (target === undefined) return undefined;
  const chooser = hostChooser(context, target);
  if (chooser === undefined) return undefined;
  if (target.literal) {
    return {
      args,
      target,
      chooser,
      blocked: inspectSink(ssrfCheck(sink, target, [], context), context),
    };
  }
  const base = (
    typeof options?.lookup === 'function'
      ? options.lookup
      : process.getBuiltinModule('node:dns').lookup
  ) as LookupFunction;
  const withLookup = { ...options, lookup: checkingLookup(base, sink, target, context) };
  const planned = [...args];
  if (options === undefined) planned.splice(optionsIndex, 0, withLookup);
  else planned[optionsIndex] = withLookup;
  return { args: planned, target, chooser, blocked: undefined };
}

/** The URL `http.request` will fetch, built the way Node merges a URL and options. */
function requestUrl(url: URL | undefined, options: Options | undefined, defaultProtocol: string) {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const protocol = text(options?.protocol) ?? url?.protocol ?? defaultProtocol;
  const host =
    text(options?.hostname) ??
    text(options?.host) ??
    (url === undefined ? undefined : url.hostname.replace(/^\[(.*)\]$/, '$1')) ??
    'localhost';
  const rawPort: unknown = options?.port ?? url?.port;
  const port =
    typeof rawPort === 'number' || (typeof rawPort === 'string' && rawPort !== '')
      ? `:${rawPort}`
      : '';
  const path = text(options?.path) ?? (url === undefined ? '/' : `${url.pathname}${url.search}`);
  const authority = host.includes(':') ? `[${host}]` : host;
  const href = `${protocol}//${authority}${port}${path.startsWith('/') ? path : `/${path}`}`;
  return URL.canParse(href) ? href : undefined;
}

/** Checks a reused socket's peer and remembers redirects, for this one request. */
function watchRequest(req: ClientRequest, sink: string, plan: Plan, context: RequestContext) {
  const emit = req.emit.bind(req);
  req.emit = function emitWatched(event: string | symbol, ...args: unknown[]) {
    try {
      if (event === 'socket') checkReusedSocket(req, args[0] as Socket, sink, plan, context);
      if (event === 'response') {
        const response = args[0] as IncomingMessage;
        rememberRedirect(
          context,
          plan.target.url,
          response.statusCode,
          response.headers.location,
          plan.chooser,
        );
      }
    } catch (error) {
      reportInternalError(sink, error);
    }
    return emit(event, ...args);
  } as typeof req.emit;
}

function checkReusedSocket(
  req: ClientRequest,
  socket: Socket,
  sink: string,
  plan: Plan,
  context: RequestContext,
): void {
  const address = socket.remoteAddress;
  if (plan.target.literal || address === undefined || socket.connecting) return;
  const blocked = inspectSink(ssrfCheck(sink, plan.target, [address], context), context);
  if (blocked !== undefined) req.destroy(blocked);
}

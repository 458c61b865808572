/**
 * SSRF at the global `fetch` (undici inside Node). As for `http.request`, only requests whose
 * host a user input chose are touched:
 *
 * - a host written as an address is checked before the call;
 * - a host name is resolved through a dispatcher of the app's own undici `Agent` class whose
 *   `connect.lookup` checks the addresses the socket will use (one-shot connections: nothing is
 *   pooled with the app's other traffic); when the app passes its own `dispatcher`, or the global
 *   one is not a plain `Agent` (a proxy), the name is resolved and checked before the call;
 * - with `redirect: 'follow'` (the default) the agent follows redirects itself, hop by hop, with
 *   the spec's rules for methods, bodies and credentials, checking each hop before it is fetched;
 *   bodies that cannot be sent twice (streams, `Request` objects) leave redirects to undici, whose
 *   hops are then checked by the lookup only.
 *
 * A blocked fetch rejects with the agent's `VigilRaspBlockedError`.
 */

import { agentState } from '../agent/agentState.js';
import { inspectSink } from '../agent/inspectSink.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import type { RequestContext } from '../context/RequestContext.js';
import { requestStore } from '../context/requestStore.js';
import type { AnyFunction } from './callGuarded.js';
import {
  checkingLookup,
  hostChooser,
  outboundTarget,
  rememberRedirect,
  ssrfCheck,
  type OutboundTarget,
} from './ssrfCheck.js';
import { wrapMethod } from './wrapMethod.js';

const SINK = 'fetch';
/** The fetch standard's limit. */
const MAX_REDIRECTS = 20;
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];

type AgentClass = new (options: object) => object;

interface Hop {
  readonly input: unknown;
  readonly init: RequestInit & { dispatcher?: unknown };
  readonly target: OutboundTarget;
}

export function hookFetch(): void {
  wrapMethod(
    globalThis,
    'fetch',
    (original) =>
      function fetch(this: unknown, ...args: unknown[]): unknown {
        const context = requestStore.getStore();
        if (context === undefined || agentState().insideSink) {
          return Reflect.apply(original, this, args);
        }
        let hop: Hop | undefined;
        let chooser: string | undefined;
        try {
          hop = firstHop(args[0], args[1]);
          chooser = hop === undefined ? undefined : hostChooser(context, hop.target);
        } catch (error) {
          reportInternalError(SINK, error);
        }
        if (hop === undefined || chooser === undefined) return Reflect.apply(original, this, args);
        return fetchChecked(original, this, hop, chooser, context);
      },
  );
}

function firstHop(input: unknown, init: unknown): Hop | undefined {
  const url =
    typeof input === 'string'
      ? input
      : input instanceof URL
        ? input.href
        : input instanceof Request
          ? input.url
          : undefined;
  const target = url === undefined ? undefined : outboundTarget(url);
  if (target === undefined) return undefined;
  const options = typeof init === 'object' && init !== null ? (init as Hop['init']) : {};
  return { input, init: options, target };
}

async function fetchChecked(
  original: AnyFunction,
  self: unknown,
  first: Hop,
  chooser: string,
  context: RequestContext,
): Promise<Response> {
  const redirect =
    first.init.redirect ?? (first.input instanceof Request ? first.input.redirect : 'follow');
  const followHere = redirect === 'follow' && canSendTwice(first);
  let hop = first;
  for (let count = 0; ; count++) {
    const dispatcher =
      hop.init.dispatcher === undefined ? checkingDispatcher(hop, context) : undefined;
    const blocked = await checkBeforeCall(hop, dispatcher !== undefined, context);
    if (blocked !== undefined) throw blocked;
    const init = {
      ...hop.init,
      ...(followHere ? { redirect: 'manual' as const } : {}),
      ...(dispatcher === undefined ? {} : { dispatcher }),
    };
    let response: Response;
    try {
      response = (await Reflect.apply(original, self, [hop.input, init])) as Response;
    } catch (error) {
      // The lookup's block surfaces as undici's "fetch failed": give the app the agent's error.
      const cause = (error as { cause?: unknown } | null)?.cause;
      throw cause instanceof VigilRaspBlockedError ? cause : error;
    }
    const next = rememberRedirect(
      context,
      hop.target.url,
      response.status,
      response.headers.get('location'),
      chooser,
    );
    if (!followHere || next === undefined) return response;
    await response.body?.cancel();
    const target = outboundTarget(next);
    if (
      count + 1 > MAX_REDIRECTS ||
      target === undefined ||
      !/^https?:$/.test(new URL(next).protocol)
    ) {
      throw new TypeError('fetch failed', { cause: new Error(`redirect to ${next} not followed`) });
    }
    hop = nextHop(hop, response.status, target);
  }
}

/** Address hosts are checked now; names too when no checking dispatcher will resolve them. */
async function checkBeforeCall(
  hop: Hop,
  lookupChecks: boolean,
  context: RequestContext,
): Promise<Error | undefined> {
  if (hop.target.literal) return inspectSink(ssrfCheck(SINK, hop.target, [], context), context);
  if (lookupChecks) return undefined;
  let addresses: string[];
  try {
    const { lookup } = process.getBuiltinModule('node:dns/promises');
    addresses = (await lookup(hop.target.hostname, { all: true })).map((entry) => entry.address);
  } catch {
    return undefined; // fetch itself will fail to resolve the name
  }
  return inspectSink(ssrfCheck(SINK, hop.target, addresses, context), context);
}

/** A one-shot dispatcher of the global dispatcher's `Agent` class, resolving through the check. */
function checkingDispatcher(hop: Hop, context: RequestContext): object | undefined {
  if (hop.target.literal) return undefined;
  try {
    // Reading `Headers` loads undici, which installs its global dispatcher.
    if (typeof globalThis.Headers !== 'function') return undefined;
    const global = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
    const Agent = (global as { constructor?: unknown } | undefined)?.constructor;
    if (typeof Agent !== 'function' || Agent.name !== 'Agent') return undefined;
    const lookup = checkingLookup(
      process.getBuiltinModule('node:dns').lookup,
      SINK,
      hop.target,
      context,
    );
    return new (Agent as AgentClass)({ connect: { lookup }, pipelining: 0 });
  } catch (error) {
    reportInternalError('fetch dispatcher', error);
    return undefined;
  }
}

/** A body that can be sent again on a 307/308 (not a stream, not a `Request`'s). */
function canSendTwice(hop: Hop): boolean {
  if (hop.input instanceof Request) return false;
  const { body } = hop.init;
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof FormData
  );
}

/** The fetch standard's HTTP-redirect fetch: method and body changes, credentials dropped. */
function nextHop(hop: Hop, status: number, target: OutboundTarget): Hop {
  let method = (hop.init.method ?? 'GET').toUpperCase();
  let body = hop.init.body;
  const headers = new Headers(hop.init.headers);
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (new URL(target.url).origin !== new URL(hop.target.url).origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  const init: Hop['init'] = { ...hop.init, method, headers };
  if (body === undefined) delete init.body;
  else init.body = body;
  return { input: target.url, init, target };
}

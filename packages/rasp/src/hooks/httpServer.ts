/**
 * Gives every HTTP request a `RequestContext` by wrapping `emit` of the server classes, the one
 * place every `request` event passes through whatever created the server (`http.createServer`,
 * `new http.Server`, Express's `app.listen`, https, the http2 compatibility API). The listeners run
 * inside `requestStore.run`, and so does every later event of the request and its response
 * (`data`, `end`, `finish`): body parsers call back from those events, whose async context would
 * otherwise be the socket's rather than the request's.
 */

import type { EventEmitter } from 'node:events';
import { agentState } from '../agent/agentState.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { VigilRaspBlockedError } from '../actions/VigilRaspBlockedError.js';
import { gateRequest } from '../actions/gateRequest.js';
import {
  RequestContext,
  type ServerRequest,
  type ServerResponseLike,
} from '../context/RequestContext.js';
import { attachContext, contextOfRequest, requestStore } from '../context/requestStore.js';
import { pollutionInBody, pollutionInQuery } from './parsedInput.js';
import { wrapMethod } from './wrapMethod.js';

type Emit = (this: unknown, event: unknown, ...args: unknown[]) => unknown;

const REQUEST_EVENTS = new Set(['request', 'checkContinue', 'checkExpectation']);

export function hookHttpServers(): void {
  const http = process.getBuiltinModule('node:http');
  const https = process.getBuiltinModule('node:https');
  const http2 = process.getBuiltinModule('node:http2');
  wrapMethod(http.Server.prototype, 'emit', wrapEmit);
  wrapMethod(https.Server.prototype, 'emit', wrapEmit);
  // The http2 server classes are not exported: reach their prototypes through unused instances.
  for (const server of [http2.createServer(), http2.createSecureServer()]) {
    wrapMethod(Object.getPrototypeOf(server) as object, 'emit', wrapEmit);
  }
  // Requests and responses: one wrapper per class, finding the context on the object itself,
  // rather than a closure and an own `emit` per request.
  for (const prototype of [
    http.IncomingMessage.prototype,
    http.ServerResponse.prototype,
    http2.Http2ServerRequest.prototype,
    http2.Http2ServerResponse.prototype,
  ]) {
    wrapMethod(prototype, 'emit', wrapMessageEmit);
  }
}

function wrapEmit(original: Emit): Emit {
  // The emit's own arguments array is handed on as it is: no copy per event.
  return function emit(this: unknown, ...args: unknown[]): unknown {
    const event = args[0];
    if (typeof event !== 'string' || !REQUEST_EVENTS.has(event) || requestStore.getStore()) {
      return Reflect.apply(original, this, args);
    }
    let context: RequestContext | undefined;
    try {
      const req = args[1] as ServerRequest;
      const res = args[2] as ServerResponseLike;
      context = new RequestContext(req, res, agentState().config);
      attachContext(req, context);
      attachContext(res, context);
    } catch (error) {
      reportInternalError('request context', error);
    }
    if (context === undefined) return Reflect.apply(original, this, args);
    // Blocked before the app sees the request: the 403 is sent, no listener runs.
    if (gateRequest(context) || pollutionInQuery(context)) return true;
    return runInRequest(context, original, this, args);
  };
}

/**
 * Calls an emit in the request's context. A block the app did not catch (a plain handler, or a
 * body `end` listener) stops at this event: the 403 is already sent, and letting the error go on
 * would crash the server.
 */
function runInRequest(
  context: RequestContext,
  emit: Emit,
  self: unknown,
  args: unknown[],
): unknown {
  // `run` takes the call's arguments: no closure per event.
  return requestStore.run(context, emitCatchingBlock, context, emit, self, args);
}

function emitCatchingBlock(
  context: RequestContext,
  emit: Emit,
  self: unknown,
  args: unknown[],
): unknown {
  try {
    return Reflect.apply(emit, self, args);
  } catch (error) {
    if (error instanceof VigilRaspBlockedError && context.blocked) return true;
    throw error;
  }
}

/**
 * Runs every event of a server request or response that has a context in the request's
 * context (client-side `IncomingMessage`s have none and pass straight through). The request's
 * `end` is where a whole body has arrived: a blocked body's `end` is swallowed, so the app's
 * parser never completes. Most of a request's events (`resume`, `prefinish`, …) have no
 * listener, and many are emitted where the request's context is already current: neither
 * needs `AsyncLocalStorage.run`, which is most of what this wrapper costs a request.
 */
function wrapMessageEmit(original: Emit): Emit {
  return function emitInRequest(this: unknown, ...args: unknown[]): unknown {
    const context = contextOfRequest(this);
    if (context === undefined) return Reflect.apply(original, this, args);
    const event = args[0] as string | symbol;
    if (event === 'end' && context.req === this && pollutionInBody(context)) return true;
    if ((this as EventEmitter).listenerCount(event) === 0)
      return Reflect.apply(original, this, args);
    if (requestStore.getStore() === context)
      return emitCatchingBlock(context, original, this, args);
    return runInRequest(context, original, this, args);
  };
}

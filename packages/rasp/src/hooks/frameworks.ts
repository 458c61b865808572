/**
 * Adapters for frameworks that keep their parsed request apart from Node's: they attach a
 * `FrameworkView` to the request's context, so sinks see route params, parsed bodies and route
 * templates under their names (`params.id`, `/users/:id`). Without them the agent still sees
 * every request at the `http` level: the query, the raw body, the path's segments.
 *
 * - Fastify (v4.? and v5): subscribes to its `tracing:fastify.request.handler:start` diagnostics
 *   channel, published right before each route handler with the Fastify `request`.
 * - Koa: `Application.prototype.createContext` (patched when `koa` is loaded), reading
 *   `ctx.request.body` (any body parser), `ctx.params` and `ctx._matchedRoute` (`@koa/router`).
 * - Express needs none: it decorates Node's request itself. Hono's node adapter needs none
 *   either: its routes see Node's request through the same `http` server.
 */

import { reportInternalError } from '../agent/reportInternalError.js';
import { contextOfRequest } from '../context/requestStore.js';
import type { AnyFunction } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

const FASTIFY_HANDLER_START = 'tracing:fastify.request.handler:start';

interface FastifyHandlerStart {
  readonly request?: {
    readonly raw?: object;
    readonly body?: unknown;
    readonly params?: unknown;
    readonly query?: unknown;
  };
  readonly route?: { readonly url?: unknown };
}

interface KoaContext {
  readonly request?: { readonly body?: unknown };
  readonly params?: unknown;
  readonly query?: unknown;
  readonly _matchedRoute?: unknown;
}

export function hookFastify(): void {
  const channels = process.getBuiltinModule('node:diagnostics_channel');
  channels.subscribe(FASTIFY_HANDLER_START, (message) => {
    try {
      const { request, route } = message as FastifyHandlerStart;
      const context = contextOfRequest(request?.raw);
      if (request === undefined || context === undefined) return;
      const template = typeof route?.url === 'string' ? route.url : undefined;
      context.attachFramework({
        body: () => request.body,
        params: () => request.params,
        query: () => request.query,
        route: () => template,
      });
    } catch (error) {
      reportInternalError('fastify adapter', error);
    }
  });
}

/** The `koa` package's patch (see `hookPackageLoads`): its export is the Application class. */
export function patchKoa(exports: unknown): void {
  if (typeof exports !== 'function') return;
  const prototype = (exports as { prototype?: Record<string, unknown> }).prototype;
  if (typeof prototype?.createContext !== 'function') return;
  wrapMethod(
    prototype,
    'createContext',
    (original: AnyFunction) =>
      function createContext(this: unknown, ...args: unknown[]): unknown {
        const ctx = Reflect.apply(original, this, args) as KoaContext;
        try {
          const [req] = args;
          const context = contextOfRequest(req);
          context?.attachFramework({
            body: () => ctx.request?.body,
            params: () => ctx.params,
            query: () => ctx.query,
            route: () => (typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : undefined),
          });
        } catch (error) {
          reportInternalError('koa adapter', error);
        }
        return ctx;
      },
  );
}

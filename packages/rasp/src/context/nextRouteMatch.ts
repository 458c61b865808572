/**
 * The route Next.js matched for a request, read from the metadata Next.js keeps on Node's own
 * request (`Symbol.for('NextInternalRequestMeta')`: `match.definition.pathname`, the route's
 * template `/users/[id]`, and `match.params`, its dynamic segments decoded, catch-alls as arrays).
 * App Router route handlers receive a web `Request` built from that same request, so everything
 * else (query, headers, cookies, the body read through `request.json()`/`formData()`) is seen at
 * the `http` level; only the named params and the template need Next.js's own knowledge. Read at
 * sink time, so requests that reach no sink pay nothing.
 */

const NEXT_REQUEST_META = Symbol.for('NextInternalRequestMeta');

export interface NextRouteMatch {
  /** The dynamic segments (`{ id: '7' }`, `{ slug: ['a', 'b'] }`), if the route has any. */
  readonly params: unknown;
  /** The route's template (`/users/[id]`). */
  readonly route: string | undefined;
}

interface RouteMatchShape {
  readonly definition?: { readonly pathname?: unknown } | null;
  readonly params?: unknown;
}

/** Next.js's match for a request it routed, else undefined (not a Next.js app, or no match). */
export function nextRouteMatch(req: object): NextRouteMatch | undefined {
  const meta: unknown = (req as { [NEXT_REQUEST_META]?: unknown })[NEXT_REQUEST_META];
  if (typeof meta !== 'object' || meta === null) return undefined;
  const match: unknown = (meta as { match?: unknown }).match;
  if (typeof match !== 'object' || match === null) return undefined;
  const { definition, params } = match as RouteMatchShape;
  const pathname = definition?.pathname;
  return { params, route: typeof pathname === 'string' ? pathname : undefined };
}

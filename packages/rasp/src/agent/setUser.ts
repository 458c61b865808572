/**
 * Tells the agent who the current request's user is, for events and per-user rate limits; call
 * it from the app's authentication middleware. Without it, the `sub` claim of a bearer JWT is
 * used when there is one.
 *
 * @example
 * app.use((req, res, next) => { if (req.user) setUser(req.user.id); next(); });
 */

import { decodeJwtClaims } from '../context/decodeJwtClaims.js';
import type { RequestContext } from '../context/RequestContext.js';
import { requestStore } from '../context/requestStore.js';

export function setUser(id: string | number): void {
  const context = requestStore.getStore();
  if (context !== undefined && (typeof id === 'string' || typeof id === 'number')) {
    context.user = String(id);
  }
}

/** The request's user: the one set with `setUser`, else a bearer JWT's `sub`. */
export function userOf(context: RequestContext): string | undefined {
  if (context.user !== undefined) return context.user;
  const sub = decodeJwtClaims(context.headers.authorization)?.sub;
  return typeof sub === 'string' || typeof sub === 'number' ? String(sub) : undefined;
}

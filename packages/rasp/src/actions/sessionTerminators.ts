/**
 * The `terminate-session` action: ends the attacker's session when an attack is blocked, before
 * the 403 is written (so a cookie-clearing `Set-Cookie` goes out with it). Ready terminators for
 * `express-session` (`req.session.destroy`) and `cookie-session` (`req.session = null`); any
 * other session store plugs in with `setSessionTerminator`.
 *
 * @example
 * import { setSessionTerminator } from '@vigil/rasp';
 * setSessionTerminator((req) => sessions.revoke(req.headers.cookie));
 */

import type { SessionTermination } from '../config/RaspConfig.js';
import { agentState } from '../agent/agentState.js';
import type { ServerRequest, ServerResponseLike } from '../context/RequestContext.js';

export type SessionTerminator = (req: ServerRequest, res: ServerResponseLike) => unknown;

/** `express-session`: removes the session from its store. */
export const expressSessionTerminator: SessionTerminator = (req) => {
  const session = (req as { session?: { destroy?: unknown } }).session;
  if (typeof session?.destroy === 'function') {
    (session.destroy as (callback: () => void) => void).call(session, () => undefined);
  }
};

/** `cookie-session`: an empty session, so the cookie is cleared in the response. */
export const cookieSessionTerminator: SessionTerminator = (req) => {
  (req as { session?: unknown }).session = null;
};

/** Registers the terminator used when `actions.terminateSession` is `custom`. */
export function setSessionTerminator(terminator: SessionTerminator | undefined): void {
  agentState().sessionTerminator = terminator;
}

export function sessionTerminatorFor(
  setting: SessionTermination | false,
): SessionTerminator | undefined {
  switch (setting) {
    case false:
      return undefined;
    case 'express-session':
      return expressSessionTerminator;
    case 'cookie-session':
      return cookieSessionTerminator;
    case 'custom':
      return agentState().sessionTerminator;
  }
}

/**
 * Ends the response of a blocked request with 403 and a small body that reveals nothing about the
 * app: JSON, or HTML when the client prefers `text/html` (a browser). Then seals the response:
 * the app's own attempts to answer afterwards (its error handler after catching the block) become
 * no-ops instead of throwing "headers already sent" or emitting write-after-end errors.
 */

import type { ServerResponseLike } from '../context/RequestContext.js';

const SEALED_METHODS = [
  'writeHead',
  'setHeader',
  'setHeaders',
  'appendHeader',
  'removeHeader',
  'flushHeaders',
  'write',
  'end',
] as const;

/**
 * Answers 403 (or 429 with `Retry-After` for a rate limit) unless the app already sent headers;
 * tells whether it did. `kind` is the attack kind, `attack_wave` or `rate_limited`.
 */
export function blockResponse(
  res: ServerResponseLike,
  kind: string,
  accept: string | undefined,
  status: 403 | 429 = 403,
  retryAfterSeconds?: number,
): boolean {
  if (res.headersSent || res.writableEnded) return false;
  const html = prefersHtml(accept);
  const limited = status === 429;
  const body = html
    ? limited
      ? '<!doctype html><title>Too many requests</title><h1>Too many requests</h1>\n'
      : '<!doctype html><title>Blocked</title><h1>Blocked by Vigil</h1>\n'
    : `${JSON.stringify({ error: limited ? 'rate limited by vigil' : 'blocked by vigil', kind })}\n`;
  res.writeHead(status, {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
  });
  res.end(body);
  seal(res);
  return true;
}

function seal(res: ServerResponseLike): void {
  const target = res as unknown as Record<string, unknown>;
  for (const name of SEALED_METHODS) {
    if (typeof target[name] !== 'function') continue;
    target[name] = function sealed(this: unknown, ...args: unknown[]): unknown {
      const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (callback !== undefined) process.nextTick(callback);
      return name === 'write' ? true : this;
    };
  }
}

/** True when `text/html` has a higher quality than `application/json` in `Accept`. */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return quality(accept, 'text', 'html') > quality(accept, 'application', 'json');
}

function quality(accept: string, type: string, subtype: string): number {
  let best = 0;
  let bestSpecificity = -1;
  for (const range of accept.split(',')) {
    const [mediaRange = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const [rangeType, rangeSubtype] = mediaRange.split('/');
    const specificity =
      rangeType === type && rangeSubtype === subtype
        ? 2
        : rangeType === type && rangeSubtype === '*'
          ? 1
          : rangeType === '*' && rangeSubtype === '*'
            ? 0
            : -1;
    if (specificity <= bestSpecificity) continue;
    const q = params.find((param) => param.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    bestSpecificity = specificity;
    best = Number.isFinite(value) ? value : 0;
  }
  return best;
}

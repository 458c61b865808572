/**
 * Reflected XSS at the response: `write` and `end` of `http.ServerResponse` (Express's `send`
 * and `render`, Fastify, Koa and Hono's node adapter all end there). For a response that is HTML
 * (`text/html`, or no `Content-Type` and a body browsers sniff as HTML), each chunk is checked with
 * `detectXss` against the request's user input before it is written.
 *
 * In block mode, when the headers are not sent yet (Express, and any app that sets headers
 * with `setHeader`), the response becomes the agent's 403 instead; after an explicit
 * `writeHead`, the page can no longer be replaced and the detection is logged only. Benign
 * chunks are passed on as they came: the same bytes, the same encoding, the same callback.
 * A reflection split across two writes is not seen (each chunk is checked on its own).
 */

import type { ServerResponse } from 'node:http';
import { detectXss } from '../xss/detectXss.js';
import { inspectSink, type SinkCheck } from '../agent/inspectSink.js';
import { reportInternalError } from '../agent/reportInternalError.js';
import { requestStore } from '../context/requestStore.js';
import { wrapMethod } from './wrapMethod.js';

/** Larger chunks are files or generated data rather than a page echoing a request. */
const MAX_CHECKED_CHUNK = 4 * 1024 * 1024;

export function hookHtmlResponses(): void {
  const http = process.getBuiltinModule('node:http');
  for (const method of ['write', 'end'] as const) {
    wrapMethod(
      http.ServerResponse.prototype,
      method,
      (original) =>
        function guardedResponse(this: unknown, ...args: unknown[]): unknown {
          // `end()` without a chunk (the empty route) writes nothing to check.
          if (!isChunk(args[0])) return Reflect.apply(original, this, args);
          const context = requestStore.getStore();
          if (context === undefined || context.res !== this || context.blocked) {
            return Reflect.apply(original, this, args);
          }
          const blocked = checkChunk(this as ServerResponse, method, args);
          if (!blocked) return Reflect.apply(original, this, args);
          // The 403 replaced the page: drop the chunk, still honour the caller's callback.
          const callback = args.find((arg) => typeof arg === 'function') as
            (() => void) | undefined;
          if (callback !== undefined) process.nextTick(callback);
          return method === 'write' ? true : this;
        },
    );
  }
}

function isChunk(value: unknown): boolean {
  return value !== undefined && value !== null && typeof value !== 'function';
}

/** True when the chunk must not be written (the agent answered 403). */
function checkChunk(res: ServerResponse, method: string, args: unknown[]): boolean {
  try {
    const [chunk, encoding] = args;
    // The declared type first: a JSON or text chunk is never decoded to be looked at.
    const declared = declaredMediaType(res);
    if (declared !== undefined && !HTML_TYPES.has(declared)) return false;
    const html = chunkText(chunk, encoding);
    if (html === undefined || (declared === undefined && !sniffedAsHtml(res, html))) return false;
    const replaceable = !res.headersSent;
    const check: SinkCheck = {
      kind: 'xss',
      sink: `http.ServerResponse.${method}`,
      monitorOnly: !replaceable,
      detect: (input) => {
        const verdict = detectXss(html, input);
        return verdict.attack ? verdict.reason : undefined;
      },
    };
    return inspectSink(check) !== undefined && replaceable;
  } catch (error) {
    reportInternalError('html response', error);
    return false;
  }
}

function chunkText(chunk: unknown, encoding: unknown): string | undefined {
  if (typeof chunk === 'string') {
    if (chunk.length > MAX_CHECKED_CHUNK) return undefined;
    const binary =
      typeof encoding === 'string' && Buffer.isEncoding(encoding) && !/^utf-?8$/i.test(encoding);
    return binary ? Buffer.from(chunk, encoding).toString('utf8') : chunk;
  }
  if (chunk instanceof Uint8Array && chunk.length <= MAX_CHECKED_CHUNK) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('utf8');
  }
  return undefined;
}

/**
 * The WHATWG MIME Sniffing patterns that make a browser render an untyped body as HTML: the body
 * starts (after blanks) with one of these tags, followed by a blank or `>`, or a comment.
 */
const SNIFFED_AS_HTML =
  /^[\t\n\f\r ]*(?:<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\t\n\f\r >]|<!--)/i;

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);

/** The response's media type, lowercase (`text/html`), or undefined when it has none. */
function declaredMediaType(res: ServerResponse): string | undefined {
  let type = res.getHeader('content-type');
  if (type === undefined) {
    // After `writeHead(status, headers)` the headers live only in the serialised head.
    const head = (res as unknown as { _header?: unknown })._header;
    if (typeof head === 'string') type = /^content-type:[ \t]*([^\r\n]*)/im.exec(head)?.[1];
  }
  if (type === undefined) return undefined;
  return String(type).split(';')[0]?.trim().toLowerCase() ?? '';
}

/** An untyped body a browser would sniff as HTML (unless told `nosniff`). */
function sniffedAsHtml(res: ServerResponse, body: string): boolean {
  const noSniff = String(res.getHeader('x-content-type-options') ?? '').toLowerCase() === 'nosniff';
  return !noSniff && SNIFFED_AS_HTML.test(body);
}

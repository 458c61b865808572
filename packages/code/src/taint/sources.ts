import type { Special } from './value.js';

/** Members of request-like objects that hold request data (Express, Koa, Fastify, Next.js). */
export const HTTP_INPUT_MEMBERS = new Set([
  'query',
  'params',
  'body',
  'headers',
  'header',
  'cookies',
  'signedCookies',
  'files',
  'file',
  'url',
  'originalUrl',
  'path',
  'querystring',
  'search',
  'href',
  'rawBody',
  'nextUrl',
  'searchParams',
]);

/** Members that lead from a context object to its request (`ctx.request`, Hono `c.req`). */
export const HTTP_NESTED_MEMBERS = new Set(['req', 'request']);

/** Methods of request-like objects that return request data (`req.get`, Hono `c.req.query()`, `request.json()`). */
export const HTTP_INPUT_METHODS = new Set([
  'get',
  'header',
  'param',
  'query',
  'queries',
  'json',
  'text',
  'formData',
  'parseBody',
  'arrayBuffer',
  'blob',
  'cookie',
]);

/** Members of browser objects that an attacker controls through the URL or other windows. */
export const BROWSER_INPUT_MEMBERS: Record<Special, ReadonlySet<string>> = {
  http: new Set(),
  location: new Set(['href', 'hash', 'search', 'pathname']),
  document: new Set(['URL', 'documentURI', 'baseURI', 'cookie', 'referrer']),
  window: new Set(['name']),
  process: new Set(['argv']),
  messageEvent: new Set(['data']),
};

/** Parameter names that mean a request, response or framework context in server code. */
export const HTTP_PARAMETER_NAMES = new Set(['req', 'request', 'res', 'response', 'reply', 'ctx']);

/** Methods that register route handlers or middleware: their function arguments receive requests. */
export const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'options',
  'head',
  'route',
  'on',
]);

/** Next.js App Router handler names: `export async function GET(request, { params })`. */
export const NEXT_ROUTE_HANDLERS = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
]);

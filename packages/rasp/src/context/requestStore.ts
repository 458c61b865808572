/**
 * The one `AsyncLocalStorage` holding the current request's context. Kept on `globalThis` under a
 * registered symbol so the ESM and CommonJS builds of the agent, if both get loaded, share it.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './RequestContext.js';

const STORE_KEY = Symbol.for('vigil.rasp.requestStore');

type GlobalWithStore = typeof globalThis & {
  [STORE_KEY]?: AsyncLocalStorage<RequestContext>;
};

const holder = globalThis as GlobalWithStore;

export const requestStore: AsyncLocalStorage<RequestContext> = (holder[STORE_KEY] ??=
  new AsyncLocalStorage<RequestContext>());

/** The context of the request being served, or undefined outside any request. */
export function getRequestContext(): RequestContext | undefined {
  return requestStore.getStore();
}

/**
 * Each server request's context, for adapters that meet Node's request outside its async
 * context (a framework's diagnostics channel, a context factory). Kept on the request itself
 * under a registered symbol (shared by the ESM and CommonJS builds): a `WeakMap` entry per
 * request costs every scavenge ephemeron work, measurably so at thousands of requests a second.
 */
const CONTEXT_KEY = Symbol.for('vigil.rasp.requestContext');

interface WithContext {
  [CONTEXT_KEY]?: RequestContext;
}

export function attachContext(req: object, context: RequestContext): void {
  (req as WithContext)[CONTEXT_KEY] = context;
}

/** The context `attachContext` gave this server request (or its response), if any. */
export function contextOfRequest(req: unknown): RequestContext | undefined {
  return typeof req === 'object' && req !== null ? (req as WithContext)[CONTEXT_KEY] : undefined;
}

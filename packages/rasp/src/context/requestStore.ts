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

const BY_REQUEST_KEY = Symbol.for('vigil.rasp.contextsByRequest');
type GlobalWithMap = typeof globalThis & { [BY_REQUEST_KEY]?: WeakMap<object, RequestContext> };

/**
 * Each server request's context, for adapters that meet Node's request outside its async
 * context (a framework's diagnostics channel, a context factory).
 */
export const contextsByRequest: WeakMap<object, RequestContext> = ((holder as GlobalWithMap)[
  BY_REQUEST_KEY
] ??= new WeakMap());

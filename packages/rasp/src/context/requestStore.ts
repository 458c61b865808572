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

/**
 * Replaces `owner[name]` with a wrapper built around the original, once: a second call for the
 * same property finds the agent's wrapper and does nothing. The wrapper keeps the original's
 * name, length and own properties (`fs.realpath.native`, `util.promisify.custom`), so code that
 * inspects the function sees no difference.
 */

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const ORIGINAL = Symbol.for('vigil.rasp.original');

type Wrapped = AnyFunction & { [ORIGINAL]?: AnyFunction };

export function wrapMethod(
  owner: object,
  name: string,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): boolean {
  const original = (owner as Record<string, unknown>)[name];
  if (typeof original !== 'function') return false;
  if ((original as Wrapped)[ORIGINAL] !== undefined) return false;
  const wrapper = makeWrapper(original as AnyFunction) as Wrapped;
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'prototype' || key === 'length' || key === 'name') continue;
    const descriptor = Object.getOwnPropertyDescriptor(original, key);
    if (descriptor !== undefined) Object.defineProperty(wrapper, key, descriptor);
  }
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  Object.defineProperty(wrapper, ORIGINAL, { value: original });
  const own = Object.getOwnPropertyDescriptor(owner, name);
  Object.defineProperty(owner, name, {
    value: wrapper,
    writable: own?.writable ?? true,
    enumerable: own?.enumerable ?? false,
    configurable: true,
  });
  return true;
}

/** The function the agent wrapped, or the function itself. */
export function originalOf<T>(fn: T): T {
  return ((fn as Wrapped | undefined)?.[ORIGINAL] as T | undefined) ?? fn;
}

/**
 * Prototype pollution in parsed user input: keys that make a naive deep merge, `set(obj, path)`
 * or `qs`-style parser write to a prototype instead of the object (`__proto__`, `constructor`
 * then `prototype`, or `prototype` holding more keys). Checked on parsed values (JSON bodies: own
 * `__proto__` keys survive `JSON.parse`) and on the flat keys of query strings and forms
 * (`a[__proto__][admin]=1`, `a.constructor.prototype.x=1`), before any parser expands them.
 */

export type PrototypePollutionReason = '__proto__' | 'constructor.prototype' | 'prototype';

export type PrototypePollutionVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: PrototypePollutionReason;
      /** The key path that reaches the prototype: `user.__proto__`. */
      readonly path: string;
    };

export interface PrototypePollutionLimits {
  readonly maxDepth: number;
  /** Keys visited at most: a hostile body costs a bounded amount of work. */
  readonly maxKeys: number;
}

const NOT_AN_ATTACK: PrototypePollutionVerdict = { attack: false };
const DEFAULT_LIMITS: PrototypePollutionLimits = { maxDepth: 32, maxKeys: 20_000 };
/** Separators of nested keys in `qs`, `lodash.set` and dotted forms: `a[b][c]`, `a.b.c`. */
const KEY_SEPARATORS = /\]\[|\[|\]|\./;

/**
 * Finds the first polluting key path in a parsed value.
 *
 * @example
 * detectPrototypePollution(JSON.parse('{"user":{"__proto__":{"admin":true}}}'))
 * // → { attack: true, reason: '__proto__', path: 'user.__proto__' }
 */
export function detectPrototypePollution(
  value: unknown,
  limits: PrototypePollutionLimits = DEFAULT_LIMITS,
): PrototypePollutionVerdict {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  let visited = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined || typeof item.value !== 'object' || item.value === null) continue;
    if (item.path.length >= limits.maxDepth) continue;
    for (const key of Object.keys(item.value)) {
      if (++visited > limits.maxKeys) return NOT_AN_ATTACK;
      const child = (item.value as Record<string, unknown>)[key];
      const path = [...item.path, key];
      const reason = pollutingStep(item.path.at(-1), key, child);
      if (reason !== undefined) return { attack: true, reason, path: path.join('.') };
      if (typeof child === 'object' && child !== null) stack.push({ value: child, path });
    }
  }
  return NOT_AN_ATTACK;
}

/**
 * Tells whether a flat key of a query string or form names a prototype once a nesting parser
 * splits it.
 *
 * @example
 * detectPollutingKey('filter[__proto__][isAdmin]') // → { attack: true, reason: '__proto__', ... }
 */
export function detectPollutingKey(key: string): PrototypePollutionVerdict {
  if (typeof key !== 'string' || !/proto/i.test(key)) return NOT_AN_ATTACK;
  const segments = key.split(KEY_SEPARATORS).filter((segment) => segment !== '');
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const reason = pollutingStep(segments[index - 1], segment, last ? undefined : {});
    if (reason !== undefined) {
      return { attack: true, reason, path: segments.slice(0, index + 1).join('.') };
    }
  }
  return NOT_AN_ATTACK;
}

/** Whether stepping from `parent` into `key` (holding `child`) reaches a prototype. */
function pollutingStep(
  parent: string | undefined,
  key: string,
  child: unknown,
): PrototypePollutionReason | undefined {
  if (key === '__proto__') return '__proto__';
  if (key !== 'prototype') return undefined;
  if (parent === 'constructor') return 'constructor.prototype';
  // `prototype` alone is a harmless field name; holding keys to merge, it targets a function's.
  return typeof child === 'object' && child !== null ? 'prototype' : undefined;
}

/**
 * NoSQL operator injection (MongoDB query language): user input is an attack when an object the
 * user sent, holding `$`-operator keys (`{"$ne": null}`, `{"$gt": ""}`, `{"$regex": ".*"}`),
 * reaches a query filter, where the application expected a plain value; or when a user string
 * changes the structure of server-side JavaScript (`$where`, `$function`, `$accumulator`).
 * Operators the application wrote itself around plain user values are not the user's doing.
 *
 * A user object counts as reaching the filter when the very object, or an equal copy (drivers
 * and ODMs clone filters), occurs in it. Both walks are bounded.
 */

import { detectCodeInjection } from '../code/detectCodeInjection.js';

export type NoSqlInjectionReason = 'operator-injection' | 'where-injection';

export type NoSqlInjectionVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: NoSqlInjectionReason;
      /** Where in the filter: `user.password`, `$where`, `0.$match.name`. */
      readonly path: string;
      /** Where in the user input the object or string came from: `password`. */
      readonly inputPath: string;
    };

const NOT_AN_ATTACK: NoSqlInjectionVerdict = { attack: false };
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;
/** Operators whose value MongoDB runs as JavaScript. */
const CODE_OPERATORS: ReadonlySet<string> = new Set(['$where', '$function', '$accumulator']);

interface Node {
  readonly value: unknown;
  readonly path: string;
}

/**
 * Tells whether `userInput` (a parsed body, query or params object, or a string) injected
 * operators or code into `filter`.
 *
 * @example
 * const body = JSON.parse('{"user":"admin","password":{"$ne":""}}');
 * detectNoSqlInjection({ user: body.user, password: body.password }, body)
 * // → { attack: true, reason: 'operator-injection', path: 'password', inputPath: 'password' }
 */
export function detectNoSqlInjection(filter: unknown, userInput: unknown): NoSqlInjectionVerdict {
  if (typeof filter !== 'object' || filter === null) return NOT_AN_ATTACK;
  // User objects with operators, by identity and by their JSON text (for clones).
  const byIdentity = new Map<unknown, Node>();
  const byText = new Map<string, Node>();
  const strings: Node[] = [];
  for (const node of walk(userInput)) {
    if (typeof node.value === 'string') {
      strings.push(node);
    } else if (hasOperatorKey(node.value)) {
      byIdentity.set(node.value, node);
      const text = jsonText(node.value);
      if (text !== undefined && !byText.has(text)) byText.set(text, node);
    }
  }
  if (byIdentity.size === 0 && strings.length === 0) return NOT_AN_ATTACK;
  for (const node of walk(filter)) {
    const operators = hasOperatorKey(node.value);
    const injected = !operators
      ? undefined
      : (byIdentity.get(node.value) ?? byText.get(jsonText(node.value) ?? '\u0000'));
    if (injected !== undefined) {
      return {
        attack: true,
        reason: 'operator-injection',
        path: node.path,
        inputPath: injected.path,
      };
    }
    const code = codeOf(node);
    if (code === undefined) continue;
    const changer = strings.find((user) => detectCodeInjection(code, user.value as string).attack);
    if (changer !== undefined) {
      return { attack: true, reason: 'where-injection', path: node.path, inputPath: changer.path };
    }
  }
  return NOT_AN_ATTACK;
}

/** Server-side JavaScript in the filter: `$where: "..."`, `$function: { body: "..." }`. */
function codeOf(node: Node): string | undefined {
  const last = node.path.slice(node.path.lastIndexOf('.') + 1);
  if (typeof node.value === 'string' && CODE_OPERATORS.has(last)) return node.value;
  if (last === 'body' && typeof node.value === 'string') {
    const parent = node.path.slice(0, node.path.lastIndexOf('.'));
    const operator = parent.slice(parent.lastIndexOf('.') + 1);
    if (CODE_OPERATORS.has(operator)) return node.value;
  }
  return undefined;
}

function hasOperatorKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).some((key) => key.startsWith('$'));
}

/** Every node of a JSON-like value, breadth first, bounded in depth and count. */
function* walk(root: unknown): Generator<Node> {
  const queue: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: '', depth: 0 },
  ];
  let seen = 0;
  // The queue grows while it is read: the array iterator sees the new entries.
  for (const item of queue) {
    if (++seen > MAX_NODES) return;
    yield item;
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) continue;
    if (ArrayBuffer.isView(value)) continue;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      queue.push({
        value: child,
        path: item.path === '' ? key : `${item.path}.${key}`,
        depth: depth + 1,
      });
    }
  }
}

/** A value's JSON text, or undefined for what JSON cannot write (cycles, BigInt). */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

import {
  child,
  children,
  memberName,
  staticString,
  stringField,
  unwrap,
  type Node,
} from '../ast.js';
import { SINK_CLASSES, type SinkClass } from '../rules/codeRule.js';

/** A fact a condition proves: `target` is safe for `classes` when the condition is `when`. */
export interface Guard {
  target: Node;
  classes: readonly SinkClass[];
  when: boolean;
  /** `hasOwnProperty(object, target)`: `object[target]` is an own property, not a prototype. */
  ownKeyOf?: Node;
  /** The prototype keys a comparison rejects (`key === '__proto__'` → `__proto__`). */
  rejects?: readonly string[];
}

const ALL: readonly SinkClass[] = SINK_CLASSES;
const ALL_BUT_REDOS: readonly SinkClass[] = SINK_CLASSES.filter(
  (sinkClass) => sinkClass !== 'redos',
);
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 16;

/**
 * The guards a condition establishes: allow-list membership (`ALLOWED.includes(x)`, `set.has(x)`,
 * `indexOf(x) !== -1`), anchored pattern tests, equality with a literal, `typeof`, numeric checks,
 * `startsWith`, `..` rejection, origin checks of message events, `__proto__` key rejection and
 * validator predicates, through `!`, `&&` and `||`.
 */
export function guardsOf(test: Node, predicates: ReadonlySet<string>): Guard[] {
  return mergeKeyRejections(conditionGuards(test, predicates, 0));
}

/**
 * Rejecting `__proto__` alone does not make a key safe: `constructor` then `prototype` reaches
 * `Object.prototype` as well. A key is safe for prototype writes once the comparisons on it
 * (in one condition, or in several guards one after the other) reject `__proto__` and
 * `constructor` or `prototype`.
 */
export function rejectsPrototypeKeys(names: ReadonlySet<string>): boolean {
  return names.has('__proto__') && (names.has('constructor') || names.has('prototype'));
}

/** Comparisons with prototype keys on one target, as one guard naming all the keys. */
function mergeKeyRejections(guards: readonly Guard[]): Guard[] {
  const groupOf = (guard: Guard): string => `${String(guard.when)}:${targetText(guard.target)}`;
  const rejected = new Map<string, Set<string>>();
  for (const guard of guards) {
    if (!guard.rejects) continue;
    const group = rejected.get(groupOf(guard)) ?? new Set();
    for (const name of guard.rejects) group.add(name);
    rejected.set(groupOf(guard), group);
  }
  const kept: Guard[] = [];
  const done = new Set<string>();
  for (const guard of guards) {
    if (!guard.rejects) {
      kept.push(guard);
      continue;
    }
    const group = groupOf(guard);
    if (done.has(group)) continue;
    done.add(group);
    kept.push({ ...guard, rejects: [...(rejected.get(group) ?? [])] });
  }
  return kept;
}

/** Identifies a guarded expression by its shape (`key`, `parts[i]`), for grouping comparisons. */
function targetText(node: Node): string {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return stringField(inner, 'name') ?? '';
  if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    const property = child(inner, 'property');
    const key =
      inner.computed === true
        ? property
          ? `[${targetText(property)}]`
          : '[]'
        : `.${memberName(inner) ?? ''}`;
    return `${object ? targetText(object) : ''}${key}`;
  }
  const literal = staticString(inner);
  if (literal !== undefined) return JSON.stringify(literal);
  if (inner.type === 'Literal') return String(inner.value);
  return `@${String(inner.start)}`;
}

function conditionGuards(test: Node, predicates: ReadonlySet<string>, depth: number): Guard[] {
  if (depth > MAX_DEPTH) return [];
  const node = unwrap(test);
  switch (node.type) {
    case 'UnaryExpression': {
      const argument = child(node, 'argument');
      if (node.operator !== '!' || !argument) return [];
      return conditionGuards(argument, predicates, depth + 1).map((guard) => ({
        ...guard,
        when: !guard.when,
      }));
    }
    case 'LogicalExpression': {
      const left = child(node, 'left');
      const right = child(node, 'right');
      if (!left || !right) return [];
      const both = [
        ...conditionGuards(left, predicates, depth + 1),
        ...conditionGuards(right, predicates, depth + 1),
      ];
      // `a || b` false means both false; `a && b` true means both true
      if (node.operator === '||') return both.filter((guard) => !guard.when);
      if (node.operator === '&&') return both.filter((guard) => guard.when);
      return [];
    }
    case 'BinaryExpression':
      return binaryGuards(node);
    case 'CallExpression':
      return callGuards(node, predicates);
    default:
      return [];
  }
}

function literalOf(node: Node): { value: unknown } | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Literal') return { value: inner.value };
  if (inner.type === 'UnaryExpression' && inner.operator === '-') {
    const argument = child(inner, 'argument');
    if (argument?.type === 'Literal' && typeof argument.value === 'number') {
      return { value: -argument.value };
    }
  }
  const text = staticString(inner);
  return text === undefined ? undefined : { value: text };
}

function binaryGuards(node: Node): Guard[] {
  const left = child(node, 'left');
  const right = child(node, 'right');
  const operator = stringField(node, 'operator') ?? '';
  if (!left || !right) return [];
  const equal = operator === '===' || operator === '==';
  const notEqual = operator === '!==' || operator === '!=';
  const leftInner = unwrap(left);
  const rightInner = unwrap(right);

  // typeof x === 'number' / 'string'
  if (
    (equal || notEqual) &&
    leftInner.type === 'UnaryExpression' &&
    leftInner.operator === 'typeof'
  ) {
    const target = child(leftInner, 'argument');
    const type = staticString(rightInner);
    if (!target || type === undefined) return [];
    const classes: readonly SinkClass[] =
      type === 'number' || type === 'boolean' ? ALL : type === 'string' ? ['nosql'] : [];
    return classes.length > 0 ? [{ target, classes, when: equal }] : [];
  }
  // x.indexOf(y) === -1 and friends
  if (leftInner.type === 'CallExpression') {
    const number = literalOf(rightInner)?.value;
    if (typeof number === 'number') {
      const found =
        ((notEqual || operator === '>') && number === -1) ||
        (operator === '>=' && number === 0) ||
        (equal && number >= 0);
      const missing = (equal && number === -1) || (operator === '<' && number === 0);
      if (found || missing) {
        return membershipGuards(leftInner, 'indexOf').map((guard) => ({
          ...guard,
          when: found ? guard.when : !guard.when,
        }));
      }
    }
  }
  const bounded = lengthGuard(leftInner, rightInner, operator);
  if (bounded) return [bounded];
  if (!equal && !notEqual) return [];
  const [target, literal] = literalOf(rightInner)
    ? [leftInner, literalOf(rightInner)]
    : [rightInner, literalOf(leftInner)];
  if (!literal) return [];
  // event.origin === 'https://…' proves where a message came from
  if (target.type === 'MemberExpression' && memberName(target) === 'origin') {
    const event = child(target, 'object');
    return event ? [{ target: event, classes: ALL, when: equal }] : [];
  }
  if (typeof literal.value === 'string' && PROTOTYPE_KEYS.has(literal.value)) {
    return [{ target, classes: ['prototype'], when: !equal, rejects: [literal.value] }];
  }
  if (literal.value === null || literal.value === undefined) return [];
  return [{ target, classes: ALL, when: equal }];
}

const GREATER = new Set(['>', '>=']);
const LESS = new Set(['<', '<=']);

/**
 * `s.length > 1000` (false) or `s.length <= MAX_LENGTH` (true): `s` is short, so a super-linear
 * regex cannot take long on it. The bound is a number or a constant-case name.
 */
function lengthGuard(left: Node, right: Node, operator: string): Guard | undefined {
  const isLength = (node: Node): boolean =>
    node.type === 'MemberExpression' && memberName(node) === 'length';
  const isBound = (node: Node): boolean =>
    typeof literalOf(node)?.value === 'number' ||
    (node.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(stringField(node, 'name') ?? ''));
  let length: Node;
  let longWhen: boolean;
  if (isLength(left) && isBound(right)) {
    length = left;
    longWhen = GREATER.has(operator);
    if (!longWhen && !LESS.has(operator)) return undefined;
  } else if (isLength(right) && isBound(left)) {
    length = right;
    longWhen = LESS.has(operator);
    if (!longWhen && !GREATER.has(operator)) return undefined;
  } else {
    return undefined;
  }
  const target = child(length, 'object');
  return target ? { target, classes: ['redos'], when: !longWhen } : undefined;
}

/** `list.includes(x)` / `set.has(x)` / `list.indexOf(x)`: x is one of the list (when found). */
function membershipGuards(call: Node, method: string): Guard[] {
  const callee = unwrap(child(call, 'callee') ?? call);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== method) return [];
  const receiver = child(callee, 'object');
  const [argument] = children(call, 'arguments');
  if (!receiver || !argument) return [];
  const probe = staticString(argument);
  if (probe !== undefined) {
    // x.includes('..') / x.indexOf('..'): x is safe for paths when the probe is absent
    return probe.includes('..') ? [{ target: receiver, classes: ['path'], when: false }] : [];
  }
  const keys = unwrap(receiver);
  const rejects =
    keys.type === 'ArrayExpression'
      ? children(keys, 'elements')
          .map((element) => staticString(element) ?? '')
          .filter((key) => PROTOTYPE_KEYS.has(key))
      : [];
  if (rejects.length > 0) {
    return [{ target: argument, classes: ['prototype'], when: false, rejects }];
  }
  return [{ target: argument, classes: ALL, when: true }];
}

/**
 * `obj.hasOwnProperty(key)`, `Object.prototype.hasOwnProperty.call(obj, key)`,
 * `Object.hasOwn(obj, key)`: `obj[key]` is an own property, so reading it never gives a prototype.
 */
function ownKeyGuards(call: Node, receiver: Node, name: string): Guard[] | undefined {
  const [first, second] = children(call, 'arguments');
  const inner = unwrap(receiver);
  let object: Node | undefined;
  let key: Node | undefined;
  if (name === 'hasOwnProperty') [object, key] = [receiver, first];
  else if (name === 'hasOwn' && stringField(inner, 'name') === 'Object')
    [object, key] = [first, second];
  else if (
    (name === 'call' || name === 'apply') &&
    inner.type === 'MemberExpression' &&
    memberName(inner) === 'hasOwnProperty'
  ) {
    [object, key] = [first, second];
  }
  if (!object || !key) return undefined;
  return [{ target: key, ownKeyOf: object, classes: ['prototype'], when: true }];
}

function callGuards(call: Node, predicates: ReadonlySet<string>): Guard[] {
  const callee = unwrap(child(call, 'callee') ?? call);
  const args = children(call, 'arguments');
  const [first] = args;
  if (callee.type === 'MemberExpression') {
    const name = memberName(callee);
    const receiver = child(callee, 'object');
    if (!receiver || name === undefined) return [];
    const own = ownKeyGuards(call, receiver, name);
    if (own) return own;
    if (name === 'includes' || name === 'has') return membershipGuards(call, name);
    if (name === 'test' && first) {
      const pattern = unwrap(receiver);
      const regex = pattern.regex as { pattern?: string } | undefined;
      const source = regex?.pattern ?? '';
      // a whole-string match bounds the characters, not the length: not a ReDoS guard
      return source.startsWith('^') && source.endsWith('$')
        ? [{ target: first, classes: ALL_BUT_REDOS, when: true }]
        : [];
    }
    if (name === 'startsWith' && first) {
      return [{ target: receiver, classes: ['path', 'redirect', 'ssrf'], when: true }];
    }
    if (first && /^is(?:Integer|SafeInteger|Finite)$/.test(name)) {
      return [{ target: first, classes: ALL, when: true }];
    }
    if (first && stringField(unwrap(receiver), 'name') === 'validator' && name.startsWith('is')) {
      const classes =
        name === 'isURL' || name === 'isFQDN' ? ['sql', 'command', 'nosql', 'xss'] : ALL;
      return [{ target: first, classes: classes as SinkClass[], when: true }];
    }
    if (first && predicates.has(name)) return [{ target: first, classes: ALL, when: true }];
    return [];
  }
  const name = stringField(callee, 'name');
  if (!first || name === undefined) return [];
  const [, second] = args;
  if (second && /^(?:hasOwn|hasOwnProp|hasOwnProperty)$/.test(name)) {
    return [{ target: second, ownKeyOf: first, classes: ['prototype'], when: true }];
  }
  if (name === 'isNaN') return [{ target: first, classes: ALL, when: false }];
  if (predicates.has(name) || /^is(?:Valid|Safe|Allowed|Whitelisted|Permitted)/.test(name)) {
    return [{ target: first, classes: ALL, when: true }];
  }
  if (/proto(?:type)?(?:Polluted|Key|Pollution)|^isUnsafeKey$|^isPrototypeKey$/i.test(name)) {
    return [{ target: first, classes: ['prototype'], when: false }];
  }
  return [];
}

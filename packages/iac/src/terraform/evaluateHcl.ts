import type { HclExpression, HclTemplatePart } from './hclAst.js';

/** A value the static evaluator cannot know (a resource attribute, a variable without default…). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

export type HclValue = string | number | boolean | null | Unknown | HclValue[] | HclObject;
export interface HclObject {
  [key: string]: HclValue;
}

/**
 * What `var.x` and `local.x` refer to. Locals are expressions evaluated on demand in the same
 * scope; a cycle among them evaluates to unknown.
 */
export interface HclScope {
  variables: ReadonlyMap<string, HclValue>;
  locals: ReadonlyMap<string, HclExpression>;
}

export const EMPTY_SCOPE: HclScope = { variables: new Map(), locals: new Map() };

/** Bounds the work of `for` expressions and string building on hostile input. */
const MAX_ITEMS = 10_000;
const MAX_STRING = 1_000_000;

export function isObject(value: HclValue | undefined): value is HclObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Evaluates what can be known statically: literals, templates, collections, operators,
 * conditionals, `for` expressions, `var.*` with defaults, `local.*`, and a few pure functions
 * (`jsonencode`, `concat`, `merge`, …). Anything else is `UNKNOWN`, so rules that need a value
 * stay silent rather than guess.
 */
export function evaluateHcl(expr: HclExpression, scope: HclScope = EMPTY_SCOPE): HclValue {
  return new Evaluator(scope).evaluate(expr, new Map());
}

class Evaluator {
  private readonly evaluatingLocals = new Set<string>();
  private readonly localCache = new Map<string, HclValue>();

  constructor(private readonly scope: HclScope) {}

  evaluate(expr: HclExpression, iteration: ReadonlyMap<string, HclValue>): HclValue {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template':
        return this.template(expr.parts, iteration);
      case 'tuple':
        return expr.items.map((item) => this.evaluate(item, iteration));
      case 'object': {
        const result: HclObject = {};
        for (const item of expr.items) {
          const key = this.evaluate(item.key, iteration);
          if (typeof key !== 'string' && typeof key !== 'number') return UNKNOWN;
          result[String(key)] = this.evaluate(item.value, iteration);
        }
        return result;
      }
      case 'variable':
        return iteration.get(expr.name) ?? UNKNOWN;
      case 'getAttr': {
        if (expr.target.kind === 'variable' && !iteration.has(expr.target.name)) {
          if (expr.target.name === 'var') return this.scope.variables.get(expr.name) ?? UNKNOWN;
          if (expr.target.name === 'local') return this.local(expr.name);
        }
        const target = this.evaluate(expr.target, iteration);
        return isObject(target) ? (target[expr.name] ?? UNKNOWN) : UNKNOWN;
      }
      case 'index':
        return index(this.evaluate(expr.target, iteration), this.evaluate(expr.key, iteration));
      case 'splat': {
        const target = this.evaluate(expr.target, iteration);
        if (target === UNKNOWN) return UNKNOWN;
        const items = Array.isArray(target) ? target : target === null ? [] : [target];
        return items.map((item) => {
          let value = item;
          for (const step of expr.traversal) {
            value =
              step.kind === 'attr'
                ? isObject(value)
                  ? (value[step.name] ?? UNKNOWN)
                  : UNKNOWN
                : index(value, this.evaluate(step.key, iteration));
          }
          return value;
        });
      }
      case 'call':
        if (expr.expandFinal) return UNKNOWN;
        return callFunction(
          expr.name,
          expr.args.map((arg) => this.evaluate(arg, iteration)),
        );
      case 'unary': {
        const operand = this.evaluate(expr.operand, iteration);
        if (expr.op === '!') return typeof operand === 'boolean' ? !operand : UNKNOWN;
        const number = toNumber(operand);
        return number === undefined ? UNKNOWN : -number;
      }
      case 'binary':
        return binary(
          expr.op,
          this.evaluate(expr.left, iteration),
          this.evaluate(expr.right, iteration),
        );
      case 'conditional': {
        const condition = this.evaluate(expr.condition, iteration);
        if (typeof condition !== 'boolean') return UNKNOWN;
        return this.evaluate(condition ? expr.then : expr.else, iteration);
      }
      case 'for':
        return this.forExpression(expr, iteration);
      case 'parens':
        return this.evaluate(expr.expr, iteration);
    }
  }

  private local(name: string): HclValue {
    const cached = this.localCache.get(name);
    if (cached !== undefined) return cached;
    const expr = this.scope.locals.get(name);
    if (expr === undefined || this.evaluatingLocals.has(name)) return UNKNOWN;
    this.evaluatingLocals.add(name);
    const value = this.evaluate(expr, new Map());
    this.evaluatingLocals.delete(name);
    this.localCache.set(name, value);
    return value;
  }

  private entries(collection: HclValue): [HclValue, HclValue][] | undefined {
    if (Array.isArray(collection)) return collection.map((value, i) => [i, value]);
    if (isObject(collection)) return Object.entries(collection);
    return undefined;
  }

  private forExpression(
    expr: HclExpression & { kind: 'for' },
    iteration: ReadonlyMap<string, HclValue>,
  ): HclValue {
    const entries = this.entries(this.evaluate(expr.collection, iteration));
    if (entries === undefined || entries.length > MAX_ITEMS) return UNKNOWN;
    const list: HclValue[] = [];
    const object: HclObject = {};
    for (const [key, value] of entries) {
      const inner = new Map(iteration);
      inner.set(expr.valueVar, value);
      if (expr.keyVar !== undefined) inner.set(expr.keyVar, key);
      if (expr.condition) {
        const keep = this.evaluate(expr.condition, inner);
        if (typeof keep !== 'boolean') return UNKNOWN;
        if (!keep) continue;
      }
      const item = this.evaluate(expr.valueExpr, inner);
      if (expr.keyExpr === undefined) {
        list.push(item);
        continue;
      }
      const itemKey = toText(this.evaluate(expr.keyExpr, inner));
      if (typeof itemKey !== 'string') return UNKNOWN;
      if (expr.grouping) {
        const group = object[itemKey];
        if (Array.isArray(group)) group.push(item);
        else object[itemKey] = [item];
      } else object[itemKey] = item;
    }
    return expr.keyExpr === undefined ? list : object;
  }

  private template(parts: HclTemplatePart[], iteration: ReadonlyMap<string, HclValue>): HclValue {
    // A template that is one interpolation yields its value unchanged, as in Terraform.
    const only = parts[0];
    if (parts.length === 1 && only?.kind === 'interpolation')
      return this.evaluate(only.expr, iteration);
    let text = '';
    for (const part of parts) {
      let piece: HclValue;
      switch (part.kind) {
        case 'text':
          piece = part.value;
          break;
        case 'interpolation':
          piece = toText(this.evaluate(part.expr, iteration));
          break;
        case 'if': {
          const condition = this.evaluate(part.condition, iteration);
          if (typeof condition !== 'boolean') return UNKNOWN;
          piece = this.template(condition ? part.then : part.else, iteration);
          break;
        }
        case 'for': {
          const entries = this.entries(this.evaluate(part.collection, iteration));
          if (entries === undefined || entries.length > MAX_ITEMS) return UNKNOWN;
          piece = '';
          for (const [key, value] of entries) {
            const inner = new Map(iteration);
            inner.set(part.valueVar, value);
            if (part.keyVar !== undefined) inner.set(part.keyVar, key);
            const body = toText(this.template(part.body, inner));
            if (typeof body !== 'string') return UNKNOWN;
            piece += body;
            if (piece.length > MAX_STRING) return UNKNOWN;
          }
          break;
        }
      }
      if (typeof piece !== 'string') return UNKNOWN;
      text += piece;
      if (text.length > MAX_STRING) return UNKNOWN;
    }
    return text;
  }
}

function toText(value: HclValue): HclValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return UNKNOWN;
}

function toNumber(value: HclValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  return undefined;
}

function index(target: HclValue, key: HclValue): HclValue {
  if (Array.isArray(target)) {
    const i = toNumber(key);
    return i === undefined ? UNKNOWN : (target[i] ?? UNKNOWN);
  }
  if (isObject(target) && (typeof key === 'string' || typeof key === 'number'))
    return target[String(key)] ?? UNKNOWN;
  return UNKNOWN;
}

function containsUnknown(value: HclValue): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

function equal(a: HclValue, b: HclValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function binary(op: string, left: HclValue, right: HclValue): HclValue {
  if (op === '&&' || op === '||') {
    if (typeof left !== 'boolean' || typeof right !== 'boolean') return UNKNOWN;
    return op === '&&' ? left && right : left || right;
  }
  if (op === '==' || op === '!=') {
    if (containsUnknown(left) || containsUnknown(right)) return UNKNOWN;
    return equal(left, right) === (op === '==');
  }
  const a = toNumber(left);
  const b = toNumber(right);
  if (a === undefined || b === undefined) return UNKNOWN;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? UNKNOWN : a / b;
    case '%':
      return b === 0 ? UNKNOWN : a % b;
    default:
      return UNKNOWN;
  }
}

/** JSON for a value, as Terraform's `jsonencode` writes it; unknown when any part is. */
function toJson(value: HclValue): unknown {
  if (value === UNKNOWN) throw new Error('unknown');
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return value;
}

/** Converts parsed JSON; deeper than `depth` levels throws (hostile input, caught by the caller). */
function fromJson(value: unknown, depth = 0): HclValue {
  if (depth > 128) throw new Error('JSON nested too deeply');
  if (Array.isArray(value)) return value.map((item) => fromJson(item, depth + 1));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fromJson(item, depth + 1)]),
    );
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}

function callFunction(name: string, args: HclValue[]): HclValue {
  const [first, second] = args;
  switch (name) {
    case 'jsonencode':
      if (first === undefined || containsUnknown(first)) return UNKNOWN;
      return JSON.stringify(toJson(first));
    case 'jsondecode':
      if (typeof first !== 'string') return UNKNOWN;
      try {
        return fromJson(JSON.parse(first));
      } catch {
        return UNKNOWN;
      }
    case 'tostring':
      return first === null ? null : first === undefined ? UNKNOWN : toText(first);
    case 'tonumber':
      return first === undefined ? UNKNOWN : (toNumber(first) ?? UNKNOWN);
    case 'tobool':
      return first === true || first === 'true'
        ? true
        : first === false || first === 'false'
          ? false
          : UNKNOWN;
    case 'tolist':
    case 'toset':
      return Array.isArray(first) ? first : UNKNOWN;
    case 'tomap':
      return isObject(first) ? first : UNKNOWN;
    case 'lower':
      return typeof first === 'string' ? first.toLowerCase() : UNKNOWN;
    case 'upper':
      return typeof first === 'string' ? first.toUpperCase() : UNKNOWN;
    case 'concat':
      return args.every(Array.isArray) ? args.flat(1) : UNKNOWN;
    case 'merge':
      return args.every((arg) => isObject(arg) || arg === null)
        ? args.filter(isObject).reduce<HclObject>((merged, arg) => ({ ...merged, ...arg }), {})
        : UNKNOWN;
    case 'join':
      return typeof first === 'string' &&
        Array.isArray(second) &&
        second.every((v) => typeof v === 'string')
        ? second.join(first)
        : UNKNOWN;
    case 'flatten': {
      if (!Array.isArray(first)) return UNKNOWN;
      const flat = (items: HclValue[]): HclValue[] =>
        items.flatMap((item) => (Array.isArray(item) ? flat(item) : [item]));
      return flat(first);
    }
    case 'lookup':
      if (!isObject(first) || typeof second !== 'string') return UNKNOWN;
      return first[second] ?? args[2] ?? UNKNOWN;
    case 'coalesce':
      for (const arg of args) {
        if (arg === UNKNOWN) return UNKNOWN;
        if (arg !== null && arg !== '') return arg;
      }
      return UNKNOWN;
    default:
      return UNKNOWN;
  }
}

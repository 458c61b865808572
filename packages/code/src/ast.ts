/**
 * A loose view of the ESTree-shaped AST oxc-parser returns. The analysis reads a few fields of
 * many node types, so one indexable shape with checked accessors keeps it type-safe without
 * narrowing a union of two hundred node types at every step.
 */
export interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { start?: unknown }).start === 'number'
  );
}

/** The child node under `key`, if there is one. */
export function child(node: Node, key: string): Node | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/** The child nodes under `key` (holes and non-nodes dropped). */
export function children(node: Node, key: string): Node[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export function stringField(node: Node, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** Drops the wrappers that do not change a value: parentheses, TypeScript casts, `!`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < 64; i++) {
    switch (current.type) {
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression': {
        const inner = child(current, 'expression');
        if (!inner) return current;
        current = inner;
        break;
      }
      default:
        return current;
    }
  }
  return current;
}

/** The property name of a member expression: `a.b` and `a['b']` give `b`; other keys undefined. */
export function memberName(node: Node): string | undefined {
  const property = child(node, 'property');
  if (!property) return undefined;
  if (node.computed !== true) return stringField(property, 'name');
  return staticString(property);
}

/** The value of a string literal or an expression-free template literal. */
export function staticString(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Literal' && typeof inner.value === 'string') return inner.value;
  if (inner.type === 'TemplateLiteral' && children(inner, 'expressions').length === 0) {
    const [quasi] = children(inner, 'quasis');
    const value = quasi?.value as { cooked?: unknown } | undefined;
    return typeof value?.cooked === 'string' ? value.cooked : undefined;
  }
  return undefined;
}

/**
 * `a.b.c` as `['a', 'b', 'c']` for chains of identifiers and static members (also `this`);
 * undefined for anything else.
 */
export function memberPath(node: Node): string[] | undefined {
  const parts: string[] = [];
  let current = unwrap(node);
  for (let i = 0; i < 32; i++) {
    if (current.type === 'Identifier') {
      const name = stringField(current, 'name');
      if (name === undefined) return undefined;
      parts.push(name);
      return parts.reverse();
    }
    if (current.type === 'ThisExpression') {
      parts.push('this');
      return parts.reverse();
    }
    if (current.type !== 'MemberExpression') return undefined;
    const name = memberName(current);
    const object = child(current, 'object');
    if (name === undefined || !object) return undefined;
    parts.push(name);
    current = unwrap(object);
  }
  return undefined;
}

/** Whether a statement always leaves its block: `return`, `throw`, `continue`, `break`. */
export function alwaysExits(statement: Node): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement': {
      const body = children(statement, 'body');
      return body.some(alwaysExits);
    }
    case 'ExpressionStatement': {
      // Koa's ctx.throw(400) and process.exit() do not return either
      const expression = child(statement, 'expression');
      const callee =
        expression?.type === 'CallExpression' ? child(expression, 'callee') : undefined;
      const path = callee ? memberPath(callee) : undefined;
      return (
        path !== undefined &&
        (path[path.length - 1] === 'throw' || path.join('.') === 'process.exit')
      );
    }
    case 'IfStatement': {
      const consequent = child(statement, 'consequent');
      const alternate = child(statement, 'alternate');
      return (
        consequent !== undefined &&
        alternate !== undefined &&
        alwaysExits(consequent) &&
        alwaysExits(alternate)
      );
    }
    default:
      return false;
  }
}

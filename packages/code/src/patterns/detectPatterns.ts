import type { Node } from '../ast.js';
import type { PatternRule } from '../rules/patternRules.js';
import type { PatternContext } from './patternContext.js';

const MAX_NODES = 500_000;
const STATEMENT_TEXT_LIMIT = 400;

export interface PatternHit {
  rule: PatternRule;
  node: Node;
}

/**
 * Runs every pattern rule on every node of a program, walking with an explicit stack (no
 * recursion, however deep the tree) and knowing each node's statement and parent.
 */
export function detectPatterns(
  program: Node,
  text: string,
  rules: readonly PatternRule[],
): PatternHit[] {
  const hits: PatternHit[] = [];
  const all: Node[] = [];
  const stack: { node: Node; statement: Node; parent: Node | undefined }[] = [
    { node: program, statement: program, parent: undefined },
  ];
  const frames: { node: Node; statement: Node; parent: Node | undefined }[] = [];
  while (stack.length > 0 && all.length < MAX_NODES) {
    const frame = stack.pop();
    if (!frame) break;
    all.push(frame.node);
    frames.push(frame);
    const statement =
      frame.node.type.endsWith('Statement') || frame.node.type.endsWith('Declaration')
        ? frame.node
        : frame.statement;
    for (const value of Object.values(frame.node)) {
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item: unknown = value[i];
          if (isNode(item)) stack.push({ node: item, statement, parent: frame.node });
        }
      } else if (isNode(value)) {
        stack.push({ node: value, statement, parent: frame.node });
      }
    }
  }
  for (const frame of frames) {
    const context: PatternContext = {
      statementText: () =>
        text.slice(
          frame.statement.start,
          Math.min(frame.statement.end, frame.statement.start + STATEMENT_TEXT_LIMIT),
        ),
      parent: () => frame.parent,
      fileHas: (predicate) => all.some(predicate),
    };
    for (const rule of rules) {
      const reported = rule.check(frame.node, context);
      if (reported) hits.push({ rule, node: reported });
    }
  }
  return hits;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { start?: unknown }).start === 'number'
  );
}

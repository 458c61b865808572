import type { Node } from '../ast.js';

/** What a pattern check may ask about a node's surroundings. */
export interface PatternContext {
  /** Source text of the statement holding the node (capped), for naming heuristics. */
  statementText(): string;
  /** The object literal or call the node is directly inside, if any. */
  parent(): Node | undefined;
  /** Whether some other node in the file satisfies a predicate (for pairs of settings). */
  fileHas(predicate: (node: Node) => boolean): boolean;
}

/** A check run on every node; returns the node to report (usually the one given) or undefined. */
export type PatternCheck = (node: Node, context: PatternContext) => Node | undefined;

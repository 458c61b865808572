/** How many paths are kept per package: enough to explain why it is installed, bounded for cycles. */
export const MAX_PATHS_PER_PACKAGE = 3;

/**
 * Paths longer than this (root included) are not followed. Real trees are a few dozen levels deep
 * at most; without a bound a hostile chain of n packages would cost n² time and memory (every
 * node keeps its whole path), 20 000 of them half a minute and gigabytes.
 */
export const MAX_PATH_LENGTH = 128;

/** A dependency graph: node ids to labels and edges (dependent → dependencies). */
export interface DependencyGraph<Id> {
  label(id: Id): string;
  dependencies(id: Id): Iterable<Id>;
}

/**
 * Up to {@link MAX_PATHS_PER_PACKAGE} shortest acyclic paths from `root` to every reachable node,
 * as lists of labels starting with the root's. Breadth-first, so paths come shortest first; a
 * node is expanded at most once per kept path, so the work is bounded by
 * `MAX_PATHS_PER_PACKAGE × edges` whatever cycles the graph has; nodes only reachable by paths
 * longer than {@link MAX_PATH_LENGTH} get none.
 */
export function dependencyPaths<Id>(graph: DependencyGraph<Id>, root: Id): Map<Id, string[][]> {
  const paths = new Map<Id, string[][]>();
  let frontier: { id: Id; trail: Id[] }[] = [{ id: root, trail: [root] }];
  while (frontier.length > 0) {
    const next: { id: Id; trail: Id[] }[] = [];
    for (const { id, trail } of frontier) {
      if (trail.length >= MAX_PATH_LENGTH) continue;
      for (const dependency of new Set(graph.dependencies(id))) {
        if (trail.includes(dependency)) continue;
        const kept = paths.get(dependency) ?? [];
        if (kept.length >= MAX_PATHS_PER_PACKAGE) continue;
        const extended = [...trail, dependency];
        kept.push(extended.map((step) => graph.label(step)));
        paths.set(dependency, kept);
        next.push({ id: dependency, trail: extended });
      }
    }
    frontier = next;
  }
  return paths;
}

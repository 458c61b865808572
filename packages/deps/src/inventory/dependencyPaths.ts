/** How many paths are kept per package: enough to explain why it is installed, bounded for cycles. */
export const MAX_PATHS_PER_PACKAGE = 3;

/** A dependency graph: node ids to labels and edges (dependent → dependencies). */
export interface DependencyGraph<Id> {
  label(id: Id): string;
  dependencies(id: Id): Iterable<Id>;
}

/**
 * Up to {@link MAX_PATHS_PER_PACKAGE} shortest acyclic paths from `root` to every reachable node,
 * as lists of labels starting with the root's. Breadth-first, so paths come shortest first; a
 * node is expanded at most once per kept path, so the work is bounded by
 * `MAX_PATHS_PER_PACKAGE × edges` whatever cycles the graph has.
 */
export function dependencyPaths<Id>(graph: DependencyGraph<Id>, root: Id): Map<Id, string[][]> {
  const paths = new Map<Id, string[][]>();
  let frontier: { id: Id; trail: Id[] }[] = [{ id: root, trail: [root] }];
  while (frontier.length > 0) {
    const next: { id: Id; trail: Id[] }[] = [];
    for (const { id, trail } of frontier) {
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

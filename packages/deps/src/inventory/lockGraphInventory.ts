import { dependencyPaths, MAX_PATHS_PER_PACKAGE } from './dependencyPaths.js';
import type { DependencyScope, InventoryPackage, PackageSource } from './inventoryPackage.js';
import { npmPurl } from './npmPurl.js';

/** One package entry of a lockfile; several graph nodes share it when peers split it (pnpm). */
export interface LockedPackage {
  name: string;
  version: string;
  source: PackageSource;
  line: number | undefined;
  /** The scope the lockfile records (pnpm's `dev`/`optional` flags), which wins over reachability. */
  recordedScope: DependencyScope | undefined;
}

/** A node of the installed graph: a package instance, or a project (root or workspace member). */
export interface LockNode {
  label: string;
  locked: LockedPackage | undefined;
  dependencies: LockNode[];
}

/** A dependency that the root or a workspace member declares, in one of its manifest fields. */
export interface Declaration {
  node: LockNode;
  scope: DependencyScope;
}

/** Reachability claims scopes in this order, so a package needed in production is `prod`. */
const SCOPE_ORDER: readonly DependencyScope[] = ['prod', 'peer', 'optional', 'dev'];

/**
 * The inventory of a lockfile read into a graph: one package per {@link LockedPackage} in
 * first-seen order, direct when a project declares it, scoped by the first manifest field it is
 * reachable from, with the shortest paths from `root` over all of its nodes.
 */
export function lockGraphInventory(
  root: LockNode,
  nodes: readonly LockNode[],
  declarations: readonly Declaration[],
  path: string,
): InventoryPackage[] {
  const scopes = new Map<LockNode, DependencyScope>();
  for (const scope of SCOPE_ORDER) {
    const pending = declarations.filter((d) => d.scope === scope).map((d) => d.node);
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (scopes.has(next)) continue;
      scopes.set(next, scope);
      pending.push(...next.dependencies);
    }
  }
  const direct = new Set(declarations.map((d) => d.node));
  const paths = dependencyPaths(
    { label: (n) => n.label, dependencies: (n) => n.dependencies },
    root,
  );
  const byPackage = new Map<LockedPackage, LockNode[]>();
  for (const node of nodes) {
    if (node.locked === undefined) continue;
    const group = byPackage.get(node.locked) ?? [];
    group.push(node);
    byPackage.set(node.locked, group);
  }
  const packages: InventoryPackage[] = [];
  for (const [locked, group] of byPackage) {
    const reached = SCOPE_ORDER.find((scope) => group.some((node) => scopes.get(node) === scope));
    packages.push({
      ecosystem: 'npm',
      name: locked.name,
      version: locked.version,
      purl: npmPurl(locked.name, locked.version),
      direct: group.some((node) => direct.has(node)),
      scope: locked.recordedScope ?? reached ?? 'prod',
      source: locked.source,
      location: locked.line === undefined ? { path } : { path, line: locked.line },
      paths: group
        .flatMap((node) => paths.get(node) ?? [])
        .sort((a, b) => a.length - b.length)
        .slice(0, MAX_PATHS_PER_PACKAGE),
    });
  }
  return packages;
}

import type { DependencyScope, InventoryPackage } from '../inventory/inventoryPackage.js';

/** One SBOM component: every inventory entry with the same purl, across lockfiles. */
export interface SbomComponent {
  purl: string;
  /** The first entry seen; name, version and ecosystem are the same for every entry of a purl. */
  first: InventoryPackage;
  occurrences: InventoryPackage[];
  /** The most needed scope of its occurrences (`prod` over `peer` over `optional` over `dev`). */
  scope: DependencyScope;
}

/** The components, sorted by purl, and the edges between them (purl → purls). */
export interface SbomGraph {
  components: SbomComponent[];
  /** What the project itself depends on: every direct package. */
  rootDependsOn: Set<string>;
  /** Dependencies of the components whose lockfile records a graph; absent means unknown. */
  dependsOn: Map<string, Set<string>>;
  /** The components whose edges were derived from `paths`, and so may lack some parents. */
  derived: Set<string>;
}

const SCOPE_ORDER: readonly DependencyScope[] = ['prod', 'peer', 'optional', 'dev'];

/**
 * Merges the inventories of all lockfiles into one graph keyed by purl. Edges come from each
 * package's `dependsOn` when its lockfile carries them; otherwise from consecutive names of its
 * `paths`, the parent name resolved to the package(s) of that name in the same lockfile whose
 * own paths include the prefix (so nested copies of different versions link to the right one),
 * or to every package of that name when none does. Paths keep only the three shortest routes to a
 * package, so derived graphs can miss parents that reach it by longer routes; `dependsOn` has no
 * such gap. A lockfile that records neither leaves its packages' dependencies unknown.
 */
export function buildSbomGraph(packages: readonly InventoryPackage[]): SbomGraph {
  const byPurl = new Map<string, SbomComponent>();
  const byLockfile = new Map<string, InventoryPackage[]>();
  for (const pkg of packages) {
    const component = byPurl.get(pkg.purl);
    if (component === undefined) {
      byPurl.set(pkg.purl, {
        purl: pkg.purl,
        first: pkg,
        occurrences: [pkg],
        scope: pkg.scope,
      });
    } else {
      component.occurrences.push(pkg);
      if (SCOPE_ORDER.indexOf(pkg.scope) < SCOPE_ORDER.indexOf(component.scope)) {
        component.scope = pkg.scope;
      }
    }
    const group = byLockfile.get(pkg.location.path) ?? [];
    group.push(pkg);
    byLockfile.set(pkg.location.path, group);
  }

  const rootDependsOn = new Set<string>();
  const derived = new Set<string>();
  const exact = new Set<string>();
  const dependsOn = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string): void => {
    if (from === to) return;
    const children = dependsOn.get(from) ?? new Set<string>();
    children.add(to);
    dependsOn.set(from, children);
  };
  const markKnown = (purl: string): void => {
    if (!dependsOn.has(purl)) dependsOn.set(purl, new Set());
  };

  for (const group of byLockfile.values()) {
    for (const pkg of group) if (pkg.direct) rootDependsOn.add(pkg.purl);
    if (group.some((pkg) => pkg.dependsOn !== undefined)) {
      for (const pkg of group) {
        if (pkg.dependsOn === undefined) continue;
        markKnown(pkg.purl);
        exact.add(pkg.purl);
        for (const child of pkg.dependsOn) if (byPurl.has(child)) addEdge(pkg.purl, child);
      }
    } else if (group.some((pkg) => pkg.paths.length > 0)) {
      for (const pkg of group) {
        markKnown(pkg.purl);
        derived.add(pkg.purl);
      }
      linkPaths(group, rootDependsOn, addEdge);
    }
  }

  const components = [...byPurl.values()].sort((a, b) => compareStrings(a.purl, b.purl));
  for (const purl of exact) derived.delete(purl);
  return { components, rootDependsOn, dependsOn, derived };
}

function linkPaths(
  group: readonly InventoryPackage[],
  rootDependsOn: Set<string>,
  addEdge: (from: string, to: string) => void,
): void {
  const byName = new Map<string, InventoryPackage[]>();
  for (const pkg of group) {
    const named = byName.get(pkg.name) ?? [];
    named.push(pkg);
    byName.set(pkg.name, named);
  }
  for (const pkg of group) {
    for (const path of pkg.paths) {
      if (path.length < 2) continue;
      if (path.length === 2) {
        rootDependsOn.add(pkg.purl);
        continue;
      }
      const parentName = path[path.length - 2] ?? '';
      const prefix = path.slice(0, -1);
      const named = byName.get(parentName) ?? [];
      const onPath = named.filter((parent) =>
        parent.paths.some((candidate) => sameSteps(candidate, prefix)),
      );
      for (const parent of onPath.length > 0 ? onPath : named) addEdge(parent.purl, pkg.purl);
    }
  }
}

function sameSteps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((step, index) => step === b[index]);
}

/** Code-unit order, so output does not depend on the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

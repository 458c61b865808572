import { dependencyPaths } from './dependencyPaths.js';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  RootManifest,
} from './inventoryPackage.js';
import { npmPurl } from './npmPurl.js';
import { readYarnBerry } from './readYarnBerry.js';
import { readYarnV1 } from './readYarnV1.js';
import { splitDescriptor, type YarnEntry } from './yarnEntry.js';

/** Manifest fields in the order a package reachable from several is classified. */
const SCOPE_FIELDS = [
  ['dependencies', 'prod'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
] as const satisfies readonly (readonly [keyof RootManifest, DependencyScope])[];

/**
 * Parses a `yarn.lock`, v1 (yarn's own syntax) or berry (YAML with `__metadata`), into a package
 * inventory. Yarn does not record which dependencies the project declares, or which are dev;
 * pass the root `package.json` as `rootManifest` for exact `direct` and `scope`. Without it,
 * berry's `workspace:.` entry still names the direct dependencies, v1 counts an entry no other
 * entry depends on as direct, and every package is `prod`.
 *
 * @example
 * const result = parseYarnLock(text, 'yarn.lock', JSON.parse(packageJson));
 */
export function parseYarnLock(
  text: string,
  path: string,
  rootManifest?: RootManifest,
): LockfileResult {
  const warnings: string[] = [];
  const read = /^__metadata:/m.test(text)
    ? readYarnBerry(text, warnings)
    : readYarnV1(text, warnings);
  if (!read.ok) return read;
  const entries = read.entries;
  const bySpec = new Map<string, YarnEntry>();
  for (const entry of entries) {
    for (const spec of entry.specs) bySpec.set(spec, entry);
  }
  const resolve = (descriptor: string): YarnEntry | undefined => {
    const found = bySpec.get(descriptor);
    if (found !== undefined) return found;
    const { name, range } = splitDescriptor(descriptor);
    return bySpec.get(`${name}@npm:${range}`);
  };
  const edges = new Map<YarnEntry, YarnEntry[]>();
  for (const entry of entries) {
    edges.set(
      entry,
      entry.dependencies
        .map(resolve)
        .filter((target): target is YarnEntry => target !== undefined && target !== entry),
    );
  }
  const rootWorkspace = entries.find((entry) => entry.workspace === 'root');
  const root: YarnEntry = rootWorkspace ?? {
    specs: [],
    name: rootManifest?.name ?? '(root)',
    version: '',
    source: 'local',
    line: 0,
    dependencies: [],
    workspace: 'root',
  };
  const scopes = new Map<YarnEntry, DependencyScope>();
  const rootEdges = new Set(edges.get(root) ?? []);
  if (rootManifest !== undefined) {
    for (const [field, scope] of SCOPE_FIELDS) {
      for (const [name, range] of Object.entries(rootManifest[field] ?? {})) {
        const target =
          resolve(`${name}@${range}`) ??
          entries.find((e) => e.specs.some((s) => splitDescriptor(s).name === name));
        if (target === undefined) continue;
        rootEdges.add(target);
        markReachable(target, scope, edges, scopes);
      }
    }
  } else if (rootWorkspace === undefined) {
    const depended = new Set([...edges.values()].flat());
    for (const entry of entries) if (!depended.has(entry)) rootEdges.add(entry);
  }
  for (const member of entries) {
    if (member.workspace === 'member') rootEdges.add(member);
  }
  edges.set(root, [...rootEdges]);
  const direct = new Set(rootEdges);
  for (const entry of entries) {
    if (entry.workspace === 'member')
      for (const target of edges.get(entry) ?? []) direct.add(target);
  }
  const paths = dependencyPaths(
    { label: (e) => e.name, dependencies: (e) => edges.get(e) ?? [] },
    root,
  );
  const packages: InventoryPackage[] = entries
    .filter((entry) => entry.workspace !== 'root')
    .map((entry) => ({
      ecosystem: 'npm',
      name: entry.name,
      version: entry.version,
      purl: npmPurl(entry.name, entry.version),
      direct: direct.has(entry),
      scope: scopes.get(entry) ?? 'prod',
      source: entry.source,
      location: { path, line: entry.line },
      paths: paths.get(entry) ?? [],
    }));
  return { ok: true, packages, warnings };
}

/** Gives `scope` to everything reachable from `start` that no earlier field has claimed. */
function markReachable(
  start: YarnEntry,
  scope: DependencyScope,
  edges: Map<YarnEntry, YarnEntry[]>,
  scopes: Map<YarnEntry, DependencyScope>,
): void {
  const pending = [start];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (scopes.has(next)) continue;
    scopes.set(next, scope);
    pending.push(...(edges.get(next) ?? []));
  }
}

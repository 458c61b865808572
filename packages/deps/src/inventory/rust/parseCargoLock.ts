import { dependencyPaths } from '../dependencyPaths.js';
import type { InventoryPackage, LockfileResult, PackageSource } from '../inventoryPackage.js';
import { readTomlPackages, type TomlTable } from '../python/readTomlPackages.js';

const ROOT_LABEL = '(root)';
/** The synthetic root above several root crates. */
const ROOT = -1;

interface CargoEntry {
  name: string;
  version: string;
  /** Undefined for a crate with no `source`: a workspace member or a path dependency. */
  source: PackageSource | undefined;
  line: number;
  dependencies: { name: string; version: string | undefined }[];
}

/**
 * Parses a Rust `Cargo.lock` into a package inventory. A crate's `source` says where it comes
 * from (`registry+`/`sparse+` index, `git+` repository); a crate without one is local (a
 * workspace member or a path dependency). Local crates no other crate depends on are taken as
 * the roots: what they depend on is `direct`, and paths start from them. Cargo.lock does not
 * record dev or build dependencies apart, so every crate is `prod`.
 *
 * @example
 * const result = parseCargoLock(text, 'Cargo.lock');
 */
export function parseCargoLock(text: string, path: string): LockfileResult {
  const read = readTomlPackages(text);
  if (!read.ok) return read;
  const warnings: string[] = [];
  const entries: CargoEntry[] = [];
  for (const { table, line } of read.packages) {
    const entry = readEntry(table, line);
    if (entry === undefined) {
      warnings.push(`${path}:${String(line)}: package without a name and version; skipped`);
    } else {
      entries.push(entry);
    }
  }
  const byName = new Map<string, number[]>();
  for (const [index, entry] of entries.entries()) {
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), index]);
  }
  const dependenciesOf = (index: number): number[] =>
    (entries[index]?.dependencies ?? []).flatMap((ref) =>
      (byName.get(ref.name) ?? []).filter(
        (candidate) => ref.version === undefined || entries[candidate]?.version === ref.version,
      ),
    );
  const dependedOn = new Set(entries.flatMap((_, index) => dependenciesOf(index)));
  const roots = entries.flatMap((entry, index) =>
    entry.source === undefined && !dependedOn.has(index) ? [index] : [],
  );
  const direct = new Set(roots.flatMap(dependenciesOf));
  const paths = dependencyPaths<number>(
    {
      label: (index) => entries[index]?.name ?? ROOT_LABEL,
      dependencies: (index) => (index === ROOT ? roots : dependenciesOf(index)),
    },
    roots.length === 1 ? (roots[0] ?? ROOT) : ROOT,
  );
  const packages: InventoryPackage[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const source = entry.source ?? 'local';
    const key = `${entry.name}@${entry.version}@${source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({
      ecosystem: 'crates.io',
      name: entry.name,
      version: entry.version,
      purl: `pkg:cargo/${encodeURIComponent(entry.name)}@${encodeURIComponent(entry.version)}`,
      direct: direct.has(index),
      scope: 'prod',
      source,
      location: { path, line: entry.line },
      paths: paths.get(index) ?? [],
    });
  }
  return { ok: true, packages, warnings };
}

function readEntry(table: TomlTable, line: number): CargoEntry | undefined {
  const { name, version, source, dependencies } = table;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '') {
    return undefined;
  }
  return {
    name,
    version,
    source: typeof source === 'string' ? cargoSource(source) : undefined,
    line,
    dependencies: Array.isArray(dependencies) ? dependencies.flatMap(readDependency) : [],
  };
}

function cargoSource(source: string): PackageSource {
  if (source.startsWith('git+')) return 'git';
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return 'registry';
  if (source.startsWith('path+')) return 'local';
  return 'url';
}

/** `"name"`, `"name version"` or `"name version (source)"`. */
function readDependency(value: unknown): { name: string; version: string | undefined }[] {
  if (typeof value !== 'string') return [];
  const [name, version] = value.split(' ');
  return name === undefined || name === '' ? [] : [{ name, version }];
}

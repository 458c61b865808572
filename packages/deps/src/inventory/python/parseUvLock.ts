import { dependencyPaths } from '../dependencyPaths.js';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { pypiPurl } from './pypiPurl.js';
import { isTable, readTomlPackages, type TomlTable } from './readTomlPackages.js';

const ROOT_LABEL = '(root)';
/** The synthetic root above several workspace members. */
const ROOT = -1;

interface UvEntry {
  name: string;
  version: string;
  source: PackageSource | 'member';
  line: number;
  dependencies: DependencyRef[];
  optional: DependencyRef[];
  dev: DependencyRef[];
}

interface DependencyRef {
  name: string;
  version: string | undefined;
}

/**
 * Parses a uv `uv.lock` into a package inventory. Workspace members (a `virtual` or `editable`
 * source) are the roots, not listed themselves: what they depend on is `direct`, and scopes
 * follow from what reaches a package first, their `dependencies` (`prod`), their
 * `optional-dependencies` (`optional`) or their `dev-dependencies` (`dev`).
 *
 * @example
 * const result = parseUvLock(text, 'uv.lock');
 */
export function parseUvLock(text: string, path: string): LockfileResult {
  const read = readTomlPackages(text);
  if (!read.ok) return read;
  const warnings: string[] = [];
  const entries: UvEntry[] = [];
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
  const resolve = (ref: DependencyRef): number[] =>
    (byName.get(ref.name) ?? []).filter(
      (index) => ref.version === undefined || entries[index]?.version === ref.version,
    );
  const members = entries.flatMap((entry, index) => (entry.source === 'member' ? [index] : []));
  const scopes = new Map<number, DependencyScope>();
  const spread = (refs: DependencyRef[], scope: DependencyScope): void => {
    let frontier = refs.flatMap(resolve);
    while (frontier.length > 0) {
      const next: number[] = [];
      for (const index of frontier) {
        const entry = entries[index];
        if (entry === undefined || scopes.has(index) || entry.source === 'member') continue;
        scopes.set(index, scope);
        next.push(...[...entry.dependencies, ...entry.optional].flatMap(resolve));
      }
      frontier = next;
    }
  };
  const memberEntries = members.flatMap((index) => entries[index] ?? []);
  spread(
    memberEntries.flatMap((m) => m.dependencies),
    'prod',
  );
  spread(
    memberEntries.flatMap((m) => m.optional),
    'optional',
  );
  spread(
    memberEntries.flatMap((m) => m.dev),
    'dev',
  );
  const direct = new Set(
    memberEntries.flatMap((m) => [...m.dependencies, ...m.optional, ...m.dev]).flatMap(resolve),
  );
  const root = members.length === 1 ? (members[0] ?? ROOT) : ROOT;
  const paths = dependencyPaths<number>(
    {
      label: (index) => entries[index]?.name ?? ROOT_LABEL,
      dependencies: (index) => {
        if (index === ROOT) return members;
        const entry = entries[index];
        if (entry === undefined) return [];
        return [...entry.dependencies, ...entry.optional, ...entry.dev].flatMap(resolve);
      },
    },
    root,
  );
  const packages: InventoryPackage[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.source === 'member') continue;
    packages.push({
      ecosystem: 'PyPI',
      name: entry.name,
      version: entry.version,
      purl: pypiPurl(entry.name, entry.version),
      direct: direct.has(index),
      scope: scopes.get(index) ?? 'prod',
      source: entry.source,
      location: { path, line: entry.line },
      paths: paths.get(index) ?? [],
    });
  }
  return { ok: true, packages, warnings };
}

function readEntry(table: TomlTable, line: number): UvEntry | undefined {
  const { name, version } = table;
  const source = uvSource(table.source);
  if (typeof name !== 'string' || name === '') return undefined;
  // Workspace members with a dynamic version have none in the lock.
  if (typeof version !== 'string' && source !== 'member') return undefined;
  return {
    name,
    version: typeof version === 'string' ? version : '',
    source,
    line,
    dependencies: refs(table.dependencies),
    optional: groupRefs(table['optional-dependencies']),
    dev: groupRefs(table['dev-dependencies']),
  };
}

function uvSource(source: unknown): UvEntry['source'] {
  if (!isTable(source)) return 'registry';
  if ('virtual' in source || 'editable' in source) return 'member';
  if ('git' in source) return 'git';
  if ('url' in source) return 'url';
  if ('path' in source || 'directory' in source) return 'local';
  return 'registry';
}

function refs(value: unknown): DependencyRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((ref: unknown) =>
    isTable(ref) && typeof ref.name === 'string'
      ? [{ name: ref.name, version: typeof ref.version === 'string' ? ref.version : undefined }]
      : [],
  );
}

function groupRefs(value: unknown): DependencyRef[] {
  return isTable(value) ? Object.values(value).flatMap(refs) : [];
}

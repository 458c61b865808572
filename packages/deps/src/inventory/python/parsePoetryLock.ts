import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { pypiPurl } from './pypiPurl.js';
import { isTable, readTomlPackages, type TomlTable } from './readTomlPackages.js';

/**
 * Parses a Poetry `poetry.lock` (1.x `category` or 2.x `groups`) into a package inventory. A
 * package of the `main` category or group is `prod` (`optional` when it is only an extra's),
 * any other is `dev`. `source.type` `directory`/`file` is local, `git` git, `url` url; a custom
 * index (`legacy`) is still a registry. Poetry does not record which packages `pyproject.toml`
 * declares, so `direct` is false and `paths` is empty.
 *
 * @example
 * const result = parsePoetryLock(text, 'poetry.lock');
 */
export function parsePoetryLock(text: string, path: string): LockfileResult {
  const read = readTomlPackages(text);
  if (!read.ok) return read;
  const warnings: string[] = [];
  const packages: InventoryPackage[] = [];
  for (const { table, line } of read.packages) {
    const { name, version } = table;
    if (typeof name !== 'string' || typeof version !== 'string' || version === '') {
      warnings.push(`${path}:${String(line)}: package without a name and version; skipped`);
      continue;
    }
    packages.push({
      ecosystem: 'PyPI',
      name,
      version,
      purl: pypiPurl(name, version),
      direct: false,
      scope: poetryScope(table),
      source: poetrySource(table.source),
      location: { path, line },
      paths: [],
    });
  }
  return { ok: true, packages, warnings };
}

function poetryScope(table: TomlTable): DependencyScope {
  const groups = Array.isArray(table.groups) ? table.groups : undefined;
  const main =
    groups === undefined ? (table.category ?? 'main') === 'main' : groups.includes('main');
  if (!main) return 'dev';
  return table.optional === true ? 'optional' : 'prod';
}

function poetrySource(source: unknown): PackageSource {
  const type = isTable(source) ? source.type : undefined;
  switch (type) {
    case 'directory':
    case 'file':
      return 'local';
    case 'git':
      return 'git';
    case 'url':
      return 'url';
    default:
      return 'registry';
  }
}

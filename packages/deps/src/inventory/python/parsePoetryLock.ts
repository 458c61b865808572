import type { DependencyScope, LockfileResult, PackageSource } from '../inventoryPackage.js';
import { flatPypiLock } from './flatPypiLock.js';
import { isTable, type TomlTable } from './readTomlPackages.js';

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
  return flatPypiLock(text, path, (table) => ({
    scope: poetryScope(table),
    source: poetrySource(table.source),
  }));
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

import type { DependencyScope, LockfileResult, PackageSource } from '../inventoryPackage.js';
import { flatPypiLock } from './flatPypiLock.js';
import type { TomlTable } from './readTomlPackages.js';

/**
 * Parses a PDM `pdm.lock` into a package inventory. A package of the `default` group is `prod`,
 * one of the `dev` group `dev`; the lock does not tell other dev-dependency groups from
 * optional-dependency groups, so those count as `optional`. `git`, `path` and `url` entries keep
 * their source. The lock does not say which packages `pyproject.toml` declares, so `direct` is
 * false and `paths` is empty.
 *
 * @example
 * const result = parsePdmLock(text, 'pdm.lock');
 */
export function parsePdmLock(text: string, path: string): LockfileResult {
  return flatPypiLock(text, path, (table) => ({
    scope: pdmScope(table.groups),
    source: pdmSource(table),
  }));
}

function pdmScope(groups: unknown): DependencyScope {
  if (!Array.isArray(groups) || groups.includes('default')) return 'prod';
  return groups.includes('dev') ? 'dev' : 'optional';
}

function pdmSource(table: TomlTable): PackageSource {
  if (typeof table.git === 'string') return 'git';
  if (typeof table.path === 'string') return 'local';
  if (typeof table.url === 'string') return table.url.startsWith('file:') ? 'local' : 'url';
  return 'registry';
}

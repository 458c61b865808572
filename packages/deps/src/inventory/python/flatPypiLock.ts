import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { pypiPurl } from './pypiPurl.js';
import { readTomlPackages, type TomlTable } from './readTomlPackages.js';

/**
 * Inventory of a TOML lock that lists `[[package]]` tables without the dependency edges to the
 * project's declarations (poetry.lock, pdm.lock): `direct` is false and `paths` empty; the
 * format-specific part is how a table maps to a scope and a source.
 */
export function flatPypiLock(
  text: string,
  path: string,
  classify: (table: TomlTable) => { scope: DependencyScope; source: PackageSource },
): LockfileResult {
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
      ...classify(table),
      location: { path, line },
      paths: [],
    });
  }
  return { ok: true, packages, warnings };
}

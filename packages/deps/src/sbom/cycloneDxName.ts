import type { InventoryPackage } from '../inventory/inventoryPackage.js';

/**
 * A package's name split the way each ecosystem's own CycloneDX tools split it: an npm scope
 * (`@babel/core` → group `@babel`), a Maven groupId (`org.slf4j:slf4j-api`) and a Composer vendor
 * (`laravel/framework`) become the group. Go keeps the whole module path as the name, as
 * cyclonedx-gomod does, since no part of it is a publisher in the registry sense.
 */
export function cycloneDxName(pkg: Pick<InventoryPackage, 'ecosystem' | 'name'>): {
  group?: string;
  name: string;
} {
  const separator =
    pkg.ecosystem === 'Maven'
      ? pkg.name.indexOf(':')
      : pkg.ecosystem === 'Packagist' || (pkg.ecosystem === 'npm' && pkg.name.startsWith('@'))
        ? pkg.name.indexOf('/')
        : -1;
  if (separator <= 0 || separator === pkg.name.length - 1) return { name: pkg.name };
  return { group: pkg.name.slice(0, separator), name: pkg.name.slice(separator + 1) };
}

import { formatPurl } from '../inventory/formatPurl.js';
import type { LanguageEcosystem } from '../inventory/inventoryPackage.js';
import type { Purl } from '../inventory/parsePurl.js';

type Ecosystem = LanguageEcosystem;

/** The purl types of the ecosystems Vigil inventories, with the OSV ecosystem each names. */
const ECOSYSTEM_BY_TYPE: ReadonlyMap<string, Ecosystem> = new Map<string, Ecosystem>([
  ['npm', 'npm'],
  ['pypi', 'PyPI'],
  ['golang', 'Go'],
  ['cargo', 'crates.io'],
  ['gem', 'RubyGems'],
  ['composer', 'Packagist'],
  ['nuget', 'NuGet'],
  ['pub', 'Pub'],
  ['hex', 'Hex'],
  ['maven', 'Maven'],
]);

export type PurlPackage =
  | { ok: true; ecosystem: Ecosystem; name: string; version: string; purl: string }
  | { ok: false; reason: string };

/**
 * The package a purl names, in the inventory's conventions: npm and Packagist names keep their
 * scope or vendor (`@babel/core`, `laravel/framework`), Maven names are `group:artifact`, Go
 * names are the module path and versions lose Go's `v` (as `parseGoMod` records them). The purl
 * is rewritten in the canonical form the lockfile parsers produce, without qualifiers.
 */
export function packageFromPurl(purl: Purl): PurlPackage {
  const ecosystem = ECOSYSTEM_BY_TYPE.get(purl.type);
  if (ecosystem === undefined) {
    return { ok: false, reason: `purl type "${purl.type}" is not an ecosystem Vigil inventories` };
  }
  const version = purl.version ?? '';
  const canonical = formatPurl(purl.type, purl.namespace, purl.name, purl.version);
  const joined = purl.namespace === undefined ? purl.name : `${purl.namespace}/${purl.name}`;
  switch (ecosystem) {
    case 'npm':
    case 'Packagist':
      if (ecosystem === 'Packagist' && purl.namespace === undefined) {
        return { ok: false, reason: 'a composer purl needs a vendor namespace' };
      }
      return { ok: true, ecosystem, name: joined, version, purl: canonical };
    case 'Go':
      return {
        ok: true,
        ecosystem,
        name: joined,
        version: version.startsWith('v') ? version.slice(1) : version,
        purl: canonical,
      };
    case 'Maven':
      if (purl.namespace === undefined) {
        return { ok: false, reason: 'a maven purl needs a groupId namespace' };
      }
      return {
        ok: true,
        ecosystem,
        name: `${purl.namespace}:${purl.name}`,
        version,
        purl: canonical,
      };
    case 'PyPI':
    case 'crates.io':
    case 'RubyGems':
    case 'NuGet':
    case 'Pub':
    case 'Hex':
      return { ok: true, ecosystem, name: purl.name, version, purl: canonical };
  }
}

import { compareAlpineVersions } from './alpineVersion.js';
import { compareCranVersions } from './cranVersion.js';
import { compareDebianVersions } from './debianVersion.js';
import { compareGoVersions } from './goVersion.js';
import { compareHackageVersions } from './hackageVersion.js';
import { compareMavenVersions } from './mavenVersion.js';
import { compareNuGetVersions } from './nugetVersion.js';
import { comparePackagistVersions } from './packagistVersion.js';
import { comparePubVersions } from './pubVersion.js';
import { comparePyPIVersions } from './pypiVersion.js';
import { compareRpmVersions } from './rpmVersion.js';
import { compareRubyGemsVersions } from './rubyGemsVersion.js';
import { compareSemverVersions } from './semverVersion.js';

/** OSV ecosystems whose `ECOSYSTEM` ranges Vigil can order. */
export type Ecosystem =
  | 'npm'
  | 'crates.io'
  | 'Hex'
  | 'Go'
  | 'PyPI'
  | 'Maven'
  | 'RubyGems'
  | 'NuGet'
  | 'Packagist'
  | 'Pub'
  | 'Debian'
  | 'Ubuntu'
  | 'Red Hat'
  | 'Rocky Linux'
  | 'AlmaLinux'
  | 'openSUSE'
  | 'SUSE'
  | 'CRAN'
  | 'Hackage'
  | 'Alpine';

const ECOSYSTEMS: ReadonlySet<string> = new Set<Ecosystem>([
  'npm',
  'crates.io',
  'Hex',
  'Go',
  'PyPI',
  'Maven',
  'RubyGems',
  'NuGet',
  'Packagist',
  'Pub',
  'Debian',
  'Ubuntu',
  'Red Hat',
  'Rocky Linux',
  'AlmaLinux',
  'openSUSE',
  'SUSE',
  'CRAN',
  'Hackage',
  'Alpine',
]);

function isEcosystem(name: string): name is Ecosystem {
  return ECOSYSTEMS.has(name);
}

/**
 * The ecosystem of an OSV `affected[].package.ecosystem` value. A release suffix after `:`
 * (`Debian:12`, `Alpine:v3.20`, `Red Hat:rhel_aus:8.4::appstream`) does not change the version order.
 *
 * @example parseEcosystem('Debian:12') // 'Debian'
 */
export function parseEcosystem(name: string): Ecosystem | undefined {
  const colon = name.indexOf(':');
  const base = colon === -1 ? name : name.slice(0, colon);
  return isEcosystem(base) ? base : undefined;
}

/**
 * Orders two versions of one OSV ecosystem: negative, zero or positive; `undefined` when the
 * ecosystem is unknown. Versions the ecosystem cannot parse sort before every valid one.
 *
 * @example compareVersions('PyPI', '1.0rc1', '1.0') // < 0
 */
export function compareVersions(ecosystem: string, a: string, b: string): number | undefined {
  const known = parseEcosystem(ecosystem);
  return known === undefined ? undefined : comparatorFor(known)(a, b);
}

function comparatorFor(ecosystem: Ecosystem): (a: string, b: string) => number {
  switch (ecosystem) {
    case 'npm':
    case 'crates.io':
    case 'Hex':
      return compareSemverVersions;
    case 'Go':
      return compareGoVersions;
    case 'PyPI':
      return comparePyPIVersions;
    case 'Maven':
      return compareMavenVersions;
    case 'RubyGems':
      return compareRubyGemsVersions;
    case 'NuGet':
      return compareNuGetVersions;
    case 'Packagist':
      return comparePackagistVersions;
    case 'Pub':
      return comparePubVersions;
    case 'Debian':
    case 'Ubuntu':
      return compareDebianVersions;
    case 'Red Hat':
    case 'Rocky Linux':
    case 'AlmaLinux':
    case 'openSUSE':
    case 'SUSE':
      return compareRpmVersions;
    case 'CRAN':
      return compareCranVersions;
    case 'Hackage':
      return compareHackageVersions;
    case 'Alpine':
      return compareAlpineVersions;
    default: {
      const unreachable: never = ecosystem;
      throw new Error(`no comparator for ${String(unreachable)}`);
    }
  }
}

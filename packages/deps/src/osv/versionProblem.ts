import type { Ecosystem } from '../versions/compareVersions.js';
import { parseAlpineVersion } from '../versions/alpineVersion.js';
import { parseCranVersion } from '../versions/cranVersion.js';
import { parseDebianVersion } from '../versions/debianVersion.js';
import { parseGoVersion } from '../versions/goVersion.js';
import { parseHackageVersion } from '../versions/hackageVersion.js';
import { parseMavenVersion } from '../versions/mavenVersion.js';
import { parseNuGetVersion } from '../versions/nugetVersion.js';
import { parsePackagistVersion } from '../versions/packagistVersion.js';
import { parsePubVersion } from '../versions/pubVersion.js';
import { parsePyPIVersion } from '../versions/pypiVersion.js';
import { parseRpmVersion } from '../versions/rpmVersion.js';
import { parseRubyGemsVersion } from '../versions/rubyGemsVersion.js';
import { parseSemverVersion } from '../versions/semverVersion.js';
import type { VersionParse } from '../versions/versionParse.js';

/**
 * Why `version` is not a version of `ecosystem`, or `undefined` when it is. `compareVersions`
 * orders unparseable text before every version, which would make it look affected by every range
 * starting at "0"; callers ask here first.
 */
export function versionProblem(
  ecosystem: Ecosystem | 'SEMVER',
  version: string,
): string | undefined {
  const parse = parserFor(ecosystem)(version);
  return parse.ok ? undefined : parse.reason;
}

function parserFor(ecosystem: Ecosystem | 'SEMVER'): (text: string) => VersionParse<unknown> {
  switch (ecosystem) {
    case 'SEMVER':
    case 'npm':
    case 'crates.io':
    case 'Hex':
      return parseSemverVersion;
    case 'Go':
      return parseGoVersion;
    case 'PyPI':
      return parsePyPIVersion;
    case 'Maven':
      return parseMavenVersion;
    case 'RubyGems':
      return parseRubyGemsVersion;
    case 'NuGet':
      return parseNuGetVersion;
    case 'Packagist':
      return parsePackagistVersion;
    case 'Pub':
      return parsePubVersion;
    case 'Debian':
    case 'Ubuntu':
      return parseDebianVersion;
    case 'Red Hat':
    case 'Rocky Linux':
    case 'AlmaLinux':
    case 'openSUSE':
    case 'SUSE':
      return parseRpmVersion;
    case 'CRAN':
      return parseCranVersion;
    case 'Hackage':
      return parseHackageVersion;
    case 'Alpine':
      return parseAlpineVersion;
    default: {
      const unreachable: never = ecosystem;
      throw new Error(`no parser for ${String(unreachable)}`);
    }
  }
}

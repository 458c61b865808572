import { compareVersions, parseEcosystem, type Ecosystem } from '../versions/compareVersions.js';
import { compareSemverVersions } from '../versions/semverVersion.js';
import { affectedEntries } from './affectedEntries.js';
import { rangeOrder } from './affectedVersions.js';
import type { OsvRecord } from './osvRecord.js';

/**
 * The version to upgrade to: the smallest `fixed` version above `version` on the same major line
 * (the first numeric component) when the record has one, so a 4.x user is not sent to 5.0; else
 * the smallest fix above `version` on any line. `undefined` when no fix is above it.
 *
 * @example smallestFix(record, 'npm', 'lodash', '3.10.1') // '3.10.2' when fixes are 3.10.2 and 4.17.21
 */
export function smallestFix(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  version: string,
): string | undefined {
  const fixes: string[] = [];
  for (const entry of affectedEntries(record, ecosystem, name)) {
    for (const range of entry.ranges ?? []) {
      const order = rangeOrder(range, ecosystem, version);
      if (order === undefined || 'problem' in order) continue;
      for (const event of range.events) {
        if (event.fixed !== undefined && order.compare(event.fixed, version) > 0)
          fixes.push(event.fixed);
      }
    }
  }
  const known = parseEcosystem(ecosystem);
  const compare = (a: string, b: string): number =>
    known === undefined ? compareSemverVersions(a, b) : (compareVersions(known, a, b) ?? 0);
  fixes.sort(compare);
  const major = majorLine(known, version);
  const sameLine =
    major === undefined ? undefined : fixes.find((fix) => majorLine(known, fix) === major);
  return sameLine ?? fixes[0];
}

/**
 * The major line of a version, where the ecosystem's versions start with one: the first numeric
 * component (with the epoch for PyPI). Distribution package versions have none worth keeping to.
 */
function majorLine(ecosystem: Ecosystem | undefined, version: string): string | undefined {
  switch (ecosystem) {
    case 'PyPI': {
      const match = /^\s*v?(?:(\d+)!)?(\d+)/i.exec(version);
      return match === null
        ? undefined
        : `${stripZeros(match[1] ?? '0')}!${stripZeros(match[2] ?? '0')}`;
    }
    case 'npm':
    case 'crates.io':
    case 'Hex':
    case 'Go':
    case 'Maven':
    case 'RubyGems':
    case 'NuGet':
    case 'Packagist':
    case 'Pub':
    case 'CRAN':
    case 'Hackage':
    case undefined: {
      const match = /^\s*v?(\d+)/i.exec(version);
      return match?.[1] === undefined ? undefined : stripZeros(match[1]);
    }
    case 'Debian':
    case 'Ubuntu':
    case 'Red Hat':
    case 'Rocky Linux':
    case 'AlmaLinux':
    case 'openSUSE':
    case 'SUSE':
    case 'Alpine':
      return undefined;
    default: {
      const unreachable: never = ecosystem;
      throw new Error(`unknown ecosystem ${String(unreachable)}`);
    }
  }
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

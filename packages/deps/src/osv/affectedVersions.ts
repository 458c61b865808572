import { compareVersions, parseEcosystem } from '../versions/compareVersions.js';
import { compareSemverVersions } from '../versions/semverVersion.js';
import { affectedEntries } from './affectedEntries.js';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './osvRecord.js';
import { versionProblem } from './versionProblem.js';

export interface AffectedCheck {
  readonly affected: boolean;
  /** Why the answer is "not affected" although a range could not be evaluated, or why not. */
  readonly reason?: string;
}

type Compare = (a: string, b: string) => number;

/**
 * Whether `version` of the package is affected by the record, evaluated as the OSV schema's
 * `IsVulnerable` pseudo-code does: listed in `versions` or inside one `SEMVER`/`ECOSYSTEM` range
 * (`GIT` ranges need the commit graph and are skipped). Withdrawn records never match.
 *
 * @example isAffected(record, 'npm', 'lodash', '4.17.20') // true
 */
export function isAffected(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  version: string,
): boolean {
  return checkAffected(record, ecosystem, name, version).affected;
}

/**
 * {@link isAffected} with the reason a range could not be evaluated: an ecosystem Vigil cannot
 * order, or a version that ecosystem cannot parse. Those count as not affected.
 */
export function checkAffected(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  version: string,
): AffectedCheck {
  if (record.withdrawn !== undefined)
    return { affected: false, reason: `${record.id} was withdrawn on ${record.withdrawn}` };
  const reasons: string[] = [];
  for (const entry of affectedEntries(record, ecosystem, name)) {
    if (includedInVersions(entry, ecosystem, version)) return { affected: true };
    for (const range of entry.ranges ?? []) {
      const order = rangeOrder(range, ecosystem, version);
      if (order === undefined) continue;
      if ('problem' in order) reasons.push(order.problem);
      else if (includedInRange(range, version, order.compare)) return { affected: true };
    }
  }
  const [reason] = [...new Set(reasons)];
  return reason === undefined ? { affected: false } : { affected: false, reason };
}

/**
 * How to order the versions of a range: semver for `SEMVER` ranges whatever the ecosystem, the
 * ecosystem's own order for `ECOSYSTEM` ranges; `undefined` for `GIT` ranges, and a problem when
 * `version` cannot be placed in that order.
 */
export function rangeOrder(
  range: OsvRange,
  ecosystem: string,
  version: string,
): { compare: Compare } | { problem: string } | undefined {
  switch (range.type) {
    case 'GIT':
      return undefined;
    case 'SEMVER': {
      const problem = versionProblem('SEMVER', version);
      return problem === undefined
        ? { compare: compareSemverVersions }
        : { problem: `"${version}" is not a semantic version: ${problem}` };
    }
    case 'ECOSYSTEM': {
      const known = parseEcosystem(ecosystem);
      if (known === undefined)
        return { problem: `cannot order versions of ecosystem "${ecosystem}"` };
      const problem = versionProblem(known, version);
      return problem === undefined
        ? { compare: (a, b) => compareVersions(known, a, b) ?? 0 }
        : { problem: `"${version}" is not a ${known} version: ${problem}` };
    }
    default: {
      const unreachable: never = range.type;
      throw new Error(`unknown range type ${String(unreachable)}`);
    }
  }
}

function includedInVersions(entry: OsvAffected, ecosystem: string, version: string): boolean {
  const listed = entry.versions ?? [];
  if (listed.includes(version)) return true;
  // "v == version" is equality in the ecosystem's order: PyPI's 1.0 is 1.0.0.
  const known = parseEcosystem(ecosystem);
  if (known === undefined || versionProblem(known, version) !== undefined) return false;
  return listed.some(
    (item) =>
      versionProblem(known, item) === undefined && compareVersions(known, version, item) === 0,
  );
}

function includedInRange(range: OsvRange, version: string, compare: Compare): boolean {
  if (!beforeLimits(range, version, compare)) return false;
  let vulnerable = false;
  for (const event of sortEvents(range.events, compare)) {
    if (event.introduced !== undefined && atOrAfter(version, event.introduced, compare))
      vulnerable = true;
    else if (event.fixed !== undefined && compare(version, event.fixed) >= 0) vulnerable = false;
    else if (event.last_affected !== undefined && compare(version, event.last_affected) > 0)
      vulnerable = false;
  }
  return vulnerable;
}

function beforeLimits(range: OsvRange, version: string, compare: Compare): boolean {
  const limits = range.events.flatMap((event) => (event.limit === undefined ? [] : [event.limit]));
  // No limit event means an implicit `{ "limit": "*" }`.
  if (limits.length === 0) return true;
  return limits.some((limit) => isInfinite(limit) || compare(version, limit) < 0);
}

/** `introduced: "0"` sorts before every version, even ones an ecosystem orders below "0". */
function atOrAfter(version: string, introduced: string, compare: Compare): boolean {
  return introduced === '0' || compare(version, introduced) >= 0;
}

function isInfinite(limit: string): boolean {
  return limit.includes('*');
}

/** Events ordered by their version; a stable sort keeps the record's order among equals. */
export function sortEvents(events: readonly OsvEvent[], compare: Compare): OsvEvent[] {
  return [...events].sort((a, b) => compareEventKeys(sortKey(a), sortKey(b), compare));
}

type SortKey = -1 | 1 | string;

function sortKey(event: OsvEvent): SortKey {
  if (event.introduced === '0') return -1;
  if (event.limit !== undefined && isInfinite(event.limit)) return 1;
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
}

function compareEventKeys(a: SortKey, b: SortKey, compare: Compare): number {
  if (typeof a === 'string' && typeof b === 'string') return compare(a, b);
  if (a === b) return 0;
  if (a === -1 || b === 1) return -1;
  return 1;
}

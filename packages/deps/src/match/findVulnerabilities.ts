import type { Severity } from '@vigil/core';
import { severityRank } from '@vigil/core';
import type { InventoryPackage } from '../inventory/inventoryPackage.js';
import { checkAffected } from '../osv/affectedVersions.js';
import { smallestFix } from '../osv/fixVersion.js';
import type { OsvRecord } from '../osv/osvRecord.js';
import { severityFromRecord } from '../osv/severityFromRecord.js';
import { compareVersions, parseEcosystem } from '../versions/compareVersions.js';

/** Looks up every record that names a package (the database, or records in memory in tests). */
export type RecordLookup = (ecosystem: string, name: string) => readonly OsvRecord[];

/** One issue affecting one installed package; aliases of the same issue are one match. */
export interface VulnerabilityMatch {
  package: InventoryPackage;
  /** The id the finding is named after (a GHSA id where the issue has one). */
  id: string;
  /** Every other id of the issue: the other records' ids and all their aliases. */
  aliases: string[];
  /** The records describing the issue, the one named by `id` first. */
  records: OsvRecord[];
  /** Undefined when no record says how severe the issue is. */
  severity: Severity | undefined;
  /** The smallest version that fixes every record of the issue, if one is published. */
  fixedIn?: string;
}

/** A package that could not be checked against a record, and why (e.g. an unparseable version). */
export interface MatchProblem {
  package: InventoryPackage;
  recordId: string;
  reason: string;
}

export interface MatchResult {
  matches: VulnerabilityMatch[];
  problems: MatchProblem[];
}

/**
 * Matches an inventory against OSV records with the schema's semantics: only registry packages
 * are looked up (local, git and URL dependencies are not what registry advisories describe),
 * withdrawn records never match, and records that are aliases of each other become one match.
 *
 * @example findVulnerabilities(packages, (ecosystem, name) => db.recordsFor(ecosystem, name))
 */
export function findVulnerabilities(
  packages: readonly InventoryPackage[],
  lookup: RecordLookup,
): MatchResult {
  const matches: VulnerabilityMatch[] = [];
  const problems: MatchProblem[] = [];
  const cache = new Map<string, readonly OsvRecord[]>();
  for (const pkg of packages) {
    if (pkg.source !== 'registry') continue;
    const cacheKey = `${pkg.ecosystem}\0${pkg.name}`;
    let records = cache.get(cacheKey);
    if (records === undefined) {
      records = lookup(pkg.ecosystem, pkg.name);
      cache.set(cacheKey, records);
    }
    const affecting: OsvRecord[] = [];
    for (const record of records) {
      const check = checkAffected(record, pkg.ecosystem, pkg.name, pkg.version);
      if (check.affected) affecting.push(record);
      else if (check.reason !== undefined && record.withdrawn === undefined)
        problems.push({ package: pkg, recordId: record.id, reason: check.reason });
    }
    for (const group of groupAliases(affecting)) matches.push(toMatch(pkg, group));
  }
  return { matches, problems };
}

/** Records that name each other (by id or a shared alias) form one group. */
function groupAliases(records: readonly OsvRecord[]): OsvRecord[][] {
  const parent = records.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const owner = new Map<string, number>();
  records.forEach((record, index) => {
    for (const id of [record.id, ...(record.aliases ?? [])]) {
      const other = owner.get(id);
      if (other === undefined) owner.set(id, index);
      else parent[find(index)] = find(other);
    }
  });
  const groups = new Map<number, OsvRecord[]>();
  records.forEach((record, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) {
      if (!group.some((known) => known.id === record.id)) group.push(record);
    } else groups.set(root, [record]);
  });
  return [...groups.values()];
}

function toMatch(pkg: InventoryPackage, group: OsvRecord[]): VulnerabilityMatch {
  const ordered = [...group].sort(byPreference);
  const [primary] = ordered as [OsvRecord, ...OsvRecord[]];
  const ids = new Set<string>();
  for (const record of ordered)
    for (const id of [record.id, ...(record.aliases ?? [])]) ids.add(id);
  ids.delete(primary.id);
  let severity: Severity | undefined;
  for (const record of ordered) {
    const rated = severityFromRecord(record);
    if (
      rated !== undefined &&
      (severity === undefined || severityRank(rated) > severityRank(severity))
    )
      severity = rated;
  }
  return {
    package: pkg,
    id: primary.id,
    aliases: [...ids].sort(),
    records: ordered,
    severity,
    fixedIn: fixForAll(pkg, ordered),
  };
}

/**
 * The record a finding is named after: malicious-package reports first, then GitHub's
 * advisories (which carry CVSS vectors and CWE ids), then the ecosystem's own database.
 */
function byPreference(a: OsvRecord, b: OsvRecord): number {
  return rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function rank(id: string): number {
  if (id.startsWith('MAL-')) return 0;
  if (id.startsWith('GHSA-')) return 1;
  if (id.startsWith('CVE-')) return 3;
  return 2;
}

/** A version that fixes every record of the issue: the highest of their smallest fixes. */
function fixForAll(pkg: InventoryPackage, records: readonly OsvRecord[]): string | undefined {
  const fixes = records.flatMap((record) => {
    const fix = smallestFix(record, pkg.ecosystem, pkg.name, pkg.version);
    return fix === undefined ? [] : [fix];
  });
  const known = parseEcosystem(pkg.ecosystem);
  if (known === undefined) return fixes[0];
  return fixes.reduce<string | undefined>(
    (highest, fix) =>
      highest === undefined || (compareVersions(known, fix, highest) ?? 0) > 0 ? fix : highest,
    undefined,
  );
}

import type { Finding } from '@vigil/core';
import {
  findVulnerabilities,
  vulnerabilityFinding,
  type InventoryPackage,
  type MatchProblem,
  type RecordLookup,
} from '@vigil/deps';
import type { ImagePackage } from './inventory/readImageInventory.js';

export interface ImageMatchResult {
  findings: Finding[];
  problems: MatchProblem[];
}

/**
 * Matches an image's packages against OSV records. Distribution advisories are filed per
 * source package, so binary packages are grouped by source (name and version) and each group
 * is matched once: `libssl3` and `openssl` of one build give one finding for `openssl`,
 * naming both. The finding says which file listed the package and which layer wrote it.
 */
export function matchImagePackages(
  packages: readonly ImagePackage[],
  lookup: RecordLookup,
): ImageMatchResult {
  const groups = new Map<string, { matched: InventoryPackage; members: ImagePackage[] }>();
  for (const item of packages) {
    const { package: pkg, advisory } = item;
    const key = `${pkg.ecosystem}\0${advisory.name}\0${advisory.version}\0${pkg.location.path}`;
    const group = groups.get(key);
    if (group) {
      group.members.push(item);
      continue;
    }
    groups.set(key, {
      matched: { ...pkg, name: advisory.name, version: advisory.version },
      members: [item],
    });
  }
  const byPackage = new Map([...groups.values()].map((group) => [group.matched, group.members]));
  const result = findVulnerabilities([...byPackage.keys()], lookup);
  const findings = result.matches.map((match) => {
    const finding = vulnerabilityFinding(match, { includeDev: false });
    const members = byPackage.get(match.package) ?? [];
    const binaries = members
      .filter(
        (member) =>
          member.package.name !== match.package.name ||
          member.package.version !== match.package.version,
      )
      .map((member) => `${member.package.name} ${member.package.version}`);
    const layer = members[0]?.layer;
    finding.message +=
      (binaries.length > 0 ? ` Installed as ${binaries.join(', ')}.` : '') +
      ` Listed in /${match.package.location.path}${layer ? ` (layer ${layer})` : ''}.`;
    finding.tags = [...(finding.tags ?? []), 'container'];
    return finding;
  });
  return { findings, problems: result.problems };
}

import { dependencyPaths } from '../dependencyPaths.js';
import type { InventoryPackage, LockfileResult } from '../inventoryPackage.js';
import { asObject, parseJsonWithLines } from '../parseJsonWithLines.js';

const ROOT = '';
const ROOT_LABEL = '(root)';

interface NugetEntry {
  name: string;
  version: string;
  direct: boolean;
  project: boolean;
  line: number | undefined;
}

/**
 * Parses a NuGet `packages.lock.json` into a package inventory. The lock has one section per
 * target framework; a package found in several is listed once per version. `Direct` packages
 * are `direct`, `Transitive` and `CentralTransitive` ones are not, and `Project` references are
 * local packages. NuGet ids are case-insensitive, so dependencies are matched ignoring case.
 * The lock keeps no dev dependencies apart, so every package is `prod`.
 *
 * @example
 * const result = parseNugetPackagesLock(text, 'packages.lock.json');
 */
export function parseNugetPackagesLock(text: string, path: string): LockfileResult {
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const lock = asObject(parsed.value);
  const frameworks = asObject(lock?.dependencies);
  if (lock === undefined || frameworks === undefined) {
    return {
      ok: false,
      error: { message: 'a packages.lock.json must be an object with "dependencies"', line: 1 },
    };
  }
  const warnings: string[] = [];
  const entries = new Map<string, NugetEntry>();
  const edges = new Map<string, Set<string>>([[ROOT, new Set()]]);
  const labels = new Map<string, string>();
  for (const [framework, value] of Object.entries(frameworks)) {
    const packagesOfFramework = asObject(value);
    if (packagesOfFramework === undefined) {
      warnings.push(
        `${path}:${String(parsed.lineOf(frameworks))}: ${framework} is not an object; skipped`,
      );
      continue;
    }
    for (const [name, packageValue] of Object.entries(packagesOfFramework)) {
      const entry = asObject(packageValue);
      const line = entry === undefined ? parsed.lineOf(packagesOfFramework) : parsed.lineOf(entry);
      const type = entry?.type;
      const resolved = entry?.resolved;
      const project = type === 'Project';
      if (typeof type !== 'string' || (!project && typeof resolved !== 'string')) {
        warnings.push(
          `${path}:${String(line)}: ${framework}.${name} has no type and version; skipped`,
        );
        continue;
      }
      const version = typeof resolved === 'string' ? resolved : '';
      const id = name.toLowerCase();
      labels.set(id, name);
      const key = `${id}@${version}`;
      const direct = type === 'Direct' || project;
      const existing = entries.get(key);
      if (existing === undefined) {
        entries.set(key, { name, version, direct, project, line });
      } else {
        existing.direct ||= direct;
      }
      if (direct) edges.get(ROOT)?.add(id);
      const targets = edges.get(id) ?? new Set<string>();
      edges.set(id, targets);
      for (const dependency of Object.keys(asObject(entry?.dependencies) ?? {})) {
        targets.add(dependency.toLowerCase());
      }
    }
  }
  const paths = dependencyPaths<string>(
    {
      label: (id) => (id === ROOT ? ROOT_LABEL : (labels.get(id) ?? id)),
      dependencies: (id) => edges.get(id) ?? [],
    },
    ROOT,
  );
  const packages: InventoryPackage[] = [];
  for (const entry of entries.values()) {
    const purl = `pkg:nuget/${encodeURIComponent(entry.name)}`;
    packages.push({
      ecosystem: 'NuGet',
      name: entry.name,
      version: entry.version,
      purl: entry.version === '' ? purl : `${purl}@${encodeURIComponent(entry.version)}`,
      direct: entry.direct,
      scope: 'prod',
      source: entry.project ? 'local' : 'registry',
      location: entry.line === undefined ? { path } : { path, line: entry.line },
      paths: paths.get(entry.name.toLowerCase()) ?? [],
    });
  }
  return { ok: true, packages, warnings };
}

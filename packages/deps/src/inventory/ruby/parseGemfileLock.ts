import { dependencyPaths } from '../dependencyPaths.js';
import type { InventoryPackage, LockfileResult, PackageSource } from '../inventoryPackage.js';

const ROOT = -1;
const ROOT_LABEL = '(root)';

/** The sections that list gems, with where their gems come from. */
const SOURCE_SECTIONS: ReadonlyMap<string, PackageSource> = new Map([
  ['GEM', 'registry'],
  ['GIT', 'git'],
  ['PATH', 'local'],
  ['PLUGIN SOURCE', 'url'],
]);

/** `name (version)` or `name (version-platform)`, four spaces in. */
const SPEC = /^ {4}(\S+) \(([^-\s()]+)(?:-([^\s()]+))?\)$/;
/** A spec's dependency, six spaces in: `name` or `name (constraints)`. */
const SPEC_DEPENDENCY = /^ {6}(\S+)(?: \(.*\))?$/;
/** A Gemfile dependency, two spaces in: `name`, `name!` (pinned to a source) or `name (constraints)`. */
const GEMFILE_DEPENDENCY = /^ {2}([^\s!]+)!?(?: \(.*\))?$/;

interface GemEntry {
  name: string;
  version: string;
  platform: string | undefined;
  source: PackageSource;
  line: number;
  dependencies: string[];
}

/**
 * Parses a Bundler `Gemfile.lock` into a package inventory. Gems come from the `specs:` of the
 * `GEM` (registry), `GIT` and `PATH` (local) sections; the `DEPENDENCIES` section names what the
 * Gemfile declares, which makes a gem `direct` and roots the paths. A platform suffix
 * (`1.13.3-x86_64-linux`) goes into the purl's `platform` qualifier, not the version. The lock
 * keeps no Gemfile groups, so every gem is `prod`.
 *
 * @example
 * const result = parseGemfileLock(text, 'Gemfile.lock');
 */
export function parseGemfileLock(text: string, path: string): LockfileResult {
  const entries: GemEntry[] = [];
  const declared: string[] = [];
  const warnings: string[] = [];
  let section: string | undefined;
  let inSpecs = false;
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineNumber = index + 1;
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      section = line.trim();
      inSpecs = false;
      continue;
    }
    if (section === undefined) {
      return {
        ok: false,
        error: {
          message: 'not a Gemfile.lock: indented line before any section',
          line: lineNumber,
        },
      };
    }
    if (section === 'DEPENDENCIES') {
      const match = GEMFILE_DEPENDENCY.exec(line);
      if (match?.[1] === undefined)
        warnings.push(`${path}:${String(lineNumber)}: malformed dependency; skipped`);
      else declared.push(match[1]);
      continue;
    }
    const source = SOURCE_SECTIONS.get(section);
    if (source === undefined) continue;
    if (/^ {2}\S/.test(line)) {
      inSpecs = line === '  specs:';
      continue;
    }
    if (!inSpecs) continue;
    const spec = SPEC.exec(line);
    if (spec?.[1] !== undefined && spec[2] !== undefined) {
      entries.push({
        name: spec[1],
        version: spec[2],
        platform: spec[3],
        source,
        line: lineNumber,
        dependencies: [],
      });
      continue;
    }
    const dependency = SPEC_DEPENDENCY.exec(line);
    const owner = entries.at(-1);
    if (dependency?.[1] !== undefined && owner !== undefined && /^ {6}/.test(line)) {
      owner.dependencies.push(dependency[1]);
    } else {
      warnings.push(`${path}:${String(lineNumber)}: malformed spec; skipped`);
    }
  }

  const byName = new Map<string, number[]>();
  for (const [index, entry] of entries.entries()) {
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), index]);
  }
  const resolve = (name: string): number[] => byName.get(name) ?? [];
  const direct = new Set(declared.flatMap(resolve));
  const paths = dependencyPaths<number>(
    {
      label: (index) => entries[index]?.name ?? ROOT_LABEL,
      dependencies: (index) =>
        index === ROOT ? [...direct] : (entries[index]?.dependencies ?? []).flatMap(resolve),
    },
    ROOT,
  );
  const packages: InventoryPackage[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const key = `${entry.name}@${entry.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({
      ecosystem: 'RubyGems',
      name: entry.name,
      version: entry.version,
      purl: gemPurl(entry.name, entry.version, entry.platform),
      direct: direct.has(index),
      scope: 'prod',
      source: entry.source,
      location: { path, line: entry.line },
      paths: paths.get(index) ?? [],
    });
  }
  return { ok: true, packages, warnings };
}

function gemPurl(name: string, version: string, platform: string | undefined): string {
  const purl = `pkg:gem/${encodeURIComponent(name)}@${encodeURIComponent(version)}`;
  return platform === undefined ? purl : `${purl}?platform=${encodeURIComponent(platform)}`;
}

import { dependencyPaths } from './dependencyPaths.js';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  RootManifest,
} from './inventoryPackage.js';
import { npmPurl } from './npmPurl.js';
import { npmSource } from './npmSource.js';
import { asObject, parseJsonWithLines, type JsonObject } from './parseJsonWithLines.js';

const ROOT_LABEL = '(root)';
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const MANIFEST_FIELDS = [...DEPENDENCY_FIELDS, 'devDependencies'] as const;

interface LockEntry {
  /** The entry's key path (v2/v3) or its nesting path (v1); '' is the root. */
  location: string;
  name: string;
  version: string;
  scope: DependencyScope;
  source: InventoryPackage['source'];
  line: number | undefined;
  /** Declared dependency names, resolved to entries afterwards. */
  requires: string[];
  /** Whether this is the root or a workspace member, whose declarations make packages direct. */
  declares: boolean;
}

/**
 * Parses an npm `package-lock.json` or `npm-shrinkwrap.json` (lockfileVersion 1, 2 or 3) into a
 * package inventory. Pure: `path` only labels locations. Version 1 files do not record the
 * root's declarations; pass `rootManifest` for exact `direct` flags, otherwise a top-level entry
 * that no other entry requires counts as direct.
 *
 * @example
 * const result = parsePackageLock(text, 'package-lock.json');
 * if (result.ok) for (const p of result.packages) console.log(p.purl);
 */
export function parsePackageLock(
  text: string,
  path: string,
  rootManifest?: RootManifest,
): LockfileResult {
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const lock = asObject(parsed.value);
  if (lock === undefined) {
    return { ok: false, error: { message: 'a package lock must be a JSON object', line: 1 } };
  }
  const version = lock.lockfileVersion;
  if (version !== 1 && version !== 2 && version !== 3) {
    return {
      ok: false,
      error: { message: `unsupported lockfileVersion ${JSON.stringify(version ?? null)}` },
    };
  }
  const warnings: string[] = [];
  const lineOf = parsed.lineOf;
  if (lock.packages !== undefined) {
    const packages = asObject(lock.packages);
    if (packages === undefined) {
      return { ok: false, error: { message: '"packages" must be an object', line: lineOf(lock) } };
    }
    const entries = readPackagesMap(packages, lineOf, warnings);
    const root = entries.get('');
    if (root?.name === ROOT_LABEL && typeof lock.name === 'string') root.name = lock.name;
    return { ok: true, packages: inventory(entries, resolveNodeModules(entries), path), warnings };
  }
  const dependencies = lock.dependencies === undefined ? undefined : asObject(lock.dependencies);
  if (lock.dependencies !== undefined && dependencies === undefined) {
    return {
      ok: false,
      error: { message: '"dependencies" must be an object', line: lineOf(lock) },
    };
  }
  const root = rootEntry(lock, rootManifest);
  const entries = new Map<string, LockEntry>([['', root]]);
  readNestedDependencies(dependencies ?? {}, '', entries, lineOf, warnings, 0);
  if (rootManifest === undefined) {
    const required = new Set([...entries.values()].flatMap((entry) => entry.requires));
    root.requires = [...entries.values()]
      .filter((entry) => isTopLevel(entry.location) && !required.has(keyName(entry.location)))
      .map((entry) => keyName(entry.location));
  }
  return { ok: true, packages: inventory(entries, resolveNodeModules(entries), path), warnings };
}

function rootEntry(lock: JsonObject, manifest: RootManifest | undefined): LockEntry {
  return {
    location: '',
    name: manifest?.name ?? (typeof lock.name === 'string' ? lock.name : ROOT_LABEL),
    version: '',
    scope: 'prod',
    source: 'local',
    line: undefined,
    requires:
      manifest === undefined ? [] : MANIFEST_FIELDS.flatMap((f) => Object.keys(manifest[f] ?? {})),
    declares: true,
  };
}

/** v2/v3: `packages` keyed by install path (`node_modules/a/node_modules/@s/b`, `packages/x`). */
function readPackagesMap(
  packages: JsonObject,
  lineOf: (value: JsonObject) => number | undefined,
  warnings: string[],
): Map<string, LockEntry> {
  const entries = new Map<string, LockEntry>();
  const linkTargets = new Map<string, string>();
  for (const [location, value] of Object.entries(packages)) {
    const entry = asObject(value);
    if (entry === undefined) {
      warnings.push(`packages["${location}"] is not an object; skipped`);
      continue;
    }
    if (entry.link === true && typeof entry.resolved === 'string') {
      linkTargets.set(entry.resolved, keyName(location));
    }
  }
  for (const [location, value] of Object.entries(packages)) {
    const entry = asObject(value);
    if (entry === undefined || entry.link === true) continue;
    const isRoot = location === '';
    const inNodeModules = location.includes('node_modules/');
    const name =
      typeof entry.name === 'string'
        ? entry.name
        : inNodeModules
          ? keyName(location)
          : (linkTargets.get(location) ?? location.slice(location.lastIndexOf('/') + 1));
    const version = entry.version;
    if (!isRoot && typeof version !== 'string') {
      warnings.push(`packages["${location}"] has no string "version"; skipped`);
      continue;
    }
    const declares = isRoot || linkTargets.has(location);
    const requires = (declares ? MANIFEST_FIELDS : DEPENDENCY_FIELDS).flatMap((field) =>
      Object.keys(asObject(entry[field]) ?? {}),
    );
    entries.set(location, {
      location,
      name: isRoot && name === '' ? ROOT_LABEL : name,
      version: typeof version === 'string' ? version : '',
      scope: scopeOf(entry),
      source: inNodeModules ? npmSource(stringField(entry, 'resolved')) : 'local',
      line: lineOf(entry),
      requires,
      declares,
    });
  }
  for (const target of linkTargets.keys()) {
    const root = entries.get('');
    if (root !== undefined && entries.has(target)) root.requires.push(`\0${target}`);
  }
  return entries;
}

/**
 * v1: nested `dependencies`, each entry's own `dependencies` holding the copies it needs; the
 * entries get v2-style install paths so both versions share Node's lookup.
 */
function readNestedDependencies(
  dependencies: JsonObject,
  parent: string,
  entries: Map<string, LockEntry>,
  lineOf: (value: JsonObject) => number | undefined,
  warnings: string[],
  depth: number,
): void {
  for (const [key, value] of Object.entries(dependencies)) {
    const location = `${parent === '' ? '' : `${parent}/`}node_modules/${key}`;
    const entry = asObject(value);
    const spec = entry?.version;
    if (entry === undefined || typeof spec !== 'string') {
      warnings.push(`dependencies entry "${location}" has no string "version"; skipped`);
      continue;
    }
    const { name, version, source } = versionSpec(key, spec, stringField(entry, 'resolved'));
    entries.set(location, {
      location,
      name,
      version,
      scope: scopeOf(entry),
      source,
      line: lineOf(entry),
      requires: Object.keys(asObject(entry.requires) ?? {}),
      declares: false,
    });
    const nested = asObject(entry.dependencies);
    if (nested !== undefined && depth < 256) {
      readNestedDependencies(nested, location, entries, lineOf, warnings, depth + 1);
    }
  }
}

/** A v1 `version` is a version, an alias (`npm:name@1.0.0`), a git URL with commit, or a path. */
function versionSpec(
  key: string,
  spec: string,
  resolved: string | undefined,
): { name: string; version: string; source: InventoryPackage['source'] } {
  if (spec.startsWith('npm:')) {
    const at = spec.lastIndexOf('@');
    if (at > 4) return { name: spec.slice(4, at), version: spec.slice(at + 1), source: 'registry' };
  }
  const source = npmSource(/^[0-9]/.test(spec) ? resolved : spec);
  if (source === 'git') {
    const hash = spec.lastIndexOf('#');
    return { name: key, version: hash >= 0 ? spec.slice(hash + 1) : spec, source };
  }
  return { name: key, version: spec, source };
}

function scopeOf(entry: JsonObject): DependencyScope {
  if (entry.dev === true) return 'dev';
  if (entry.optional === true || entry.devOptional === true) return 'optional';
  if (entry.peer === true) return 'peer';
  return 'prod';
}

function stringField(entry: JsonObject, field: string): string | undefined {
  const value = entry[field];
  return typeof value === 'string' ? value : undefined;
}

/** The package name a `node_modules` path installs: its last (possibly scoped) segment. */
function keyName(location: string): string {
  const index = location.lastIndexOf('node_modules/');
  return index < 0 ? location : location.slice(index + 'node_modules/'.length);
}

function isTopLevel(location: string): boolean {
  return location.startsWith('node_modules/') && !location.includes('node_modules/', 1);
}

/** The install path that requiring `location` would be nested under next (Node's lookup order). */
function parentOf(location: string): string | undefined {
  if (location === '') return undefined;
  const index = location.lastIndexOf('/node_modules/');
  return index < 0 ? '' : location.slice(0, index);
}

type Resolve = (from: LockEntry, name: string) => LockEntry | undefined;

/** Node's resolution over v2/v3 install paths: own `node_modules`, then each ancestor's. */
function resolveNodeModules(entries: Map<string, LockEntry>): Resolve {
  return (from, name) => {
    if (name.startsWith('\0')) return entries.get(name.slice(1));
    for (let at: string | undefined = from.location; at !== undefined; at = parentOf(at)) {
      const found = entries.get(`${at === '' ? '' : `${at}/`}node_modules/${name}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

function inventory(
  entries: Map<string, LockEntry>,
  resolve: Resolve,
  path: string,
): InventoryPackage[] {
  const root = entries.get('');
  const edges = new Map<LockEntry, LockEntry[]>();
  const direct = new Set<LockEntry>();
  for (const entry of entries.values()) {
    const targets = entry.requires
      .map((name) => resolve(entry, name))
      .filter((target): target is LockEntry => target !== undefined && target !== entry);
    edges.set(entry, targets);
    if (entry.declares) for (const target of targets) direct.add(target);
  }
  const paths =
    root === undefined
      ? new Map<LockEntry, string[][]>()
      : dependencyPaths({ label: (e) => e.name, dependencies: (e) => edges.get(e) ?? [] }, root);
  const packages: InventoryPackage[] = [];
  for (const entry of entries.values()) {
    if (entry === root) continue;
    packages.push({
      ecosystem: 'npm',
      name: entry.name,
      version: entry.version,
      purl: npmPurl(entry.name, entry.version),
      direct: direct.has(entry),
      scope: entry.scope,
      source: entry.source,
      location: entry.line === undefined ? { path } : { path, line: entry.line },
      paths: paths.get(entry) ?? [],
    });
  }
  return packages;
}

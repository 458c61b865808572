import { posix } from 'node:path';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { mavenPurl } from './mavenPurl.js';
import { createPomInterpolator, type PomInterpolator } from './pomInterpolator.js';
import { readPomXml } from './readPomXml.js';
import { readRawPom, type RawDependency, type RawPom } from './readRawPom.js';

/** Reads a parent POM from the same repository; `undefined` when there is no such file. */
export type ReadParentPom = (path: string) => string | undefined;

const ROOT_LABEL = '(root)';
/** Parent chains longer than this are cut, whatever the files contain. */
const MAX_PARENT_DEPTH = 16;
const DEFAULT_RELATIVE_PATH = '../pom.xml';

/** A managed entry, after interpolation, under its management key. */
interface Managed {
  version: string;
  scope: string;
  optional: string;
}

/**
 * Parses a Maven `pom.xml` into the dependencies it declares, with the versions Maven would use.
 * It builds the effective model as Maven does, without the network:
 *
 * - the parent chain is read through `readParentPom` from `<relativePath>` (default
 *   `../pom.xml`) when the file there has the parent's coordinates; its properties, dependencies
 *   and `<dependencyManagement>` are inherited, the child's winning;
 * - profiles with `<activeByDefault>true` are applied; others are left out with a warning;
 * - `${…}` expressions are expanded from `project.*` (and the old `pom.*` and bare forms), the
 *   properties, and properties in turn; a cycle or an undefined property skips that dependency
 *   with a warning naming its line;
 * - a dependency without a version takes it from `<dependencyManagement>`; versions managed by
 *   an imported BOM or a parent outside the repository are unknown, so it is skipped with a
 *   warning;
 * - a version range keeps its lower bound (`[1.2,2.0)` → `1.2`), as osv-scanner does, since no
 *   resolver picks the version here;
 * - the same `groupId:artifactId:type:classifier` declared twice in one POM: the last one wins,
 *   as in Maven (osv-scalibr keeps the first).
 *
 * Scopes: `compile`, `runtime`, `provided` and `system` are `prod` (provided jars run in
 * production, supplied by the container; a `system` jar is a `local` file), `test` is `dev`, and
 * `<optional>true` outside tests is `optional`. Plugin dependencies are build tools, not
 * packages. Every dependency is `direct`; the location is the `<dependency>` element of the POM
 * that declares it, which is the parent's file for an inherited one.
 *
 * @example
 * const result = parsePomXml(text, 'service/pom.xml', (p) => files.get(p));
 */
export function parsePomXml(
  text: string,
  path: string,
  readParentPom?: ReadParentPom,
): LockfileResult {
  const read = readPomXml(text);
  if (!read.ok) return read;
  const project = readRawPom(read.root, path);
  const warnings = [...project.warnings];
  const lineage = [project, ...readParents(project, readParentPom, warnings)];
  const interpolate = createPomInterpolator(propertySource(lineage));

  const managed = new Map<string, Managed>();
  for (const dependency of inherited(lineage, (pom) => pom.managed)) {
    if (dependency.scope === 'import') continue;
    const key = coordinates(dependency, interpolate);
    if (key === undefined) continue;
    managed.set(managementKey(key), {
      version: dependency.version,
      scope: dependency.scope,
      optional: dependency.optional,
    });
  }

  const packages: InventoryPackage[] = [];
  const seen = new Set<string>();
  for (const dependency of inherited(lineage, (pom) => pom.dependencies)) {
    const where = `${dependency.path}:${String(dependency.line)}`;
    const key = coordinates(dependency, interpolate);
    if (key === undefined || key.groupId === '' || key.artifactId === '') {
      warnings.push(`${where}: dependency without a resolvable groupId and artifactId; skipped`);
      continue;
    }
    const name = `${key.groupId}:${key.artifactId}`;
    const management = managed.get(managementKey(key));
    const rawVersion = firstGiven(dependency.version, management?.version);
    if (rawVersion === '') {
      warnings.push(
        `${where}: ${name} has no version and none is managed in this repository (an imported BOM or a parent outside it may manage it); skipped`,
      );
      continue;
    }
    const version = interpolate(rawVersion);
    if (!version.ok) {
      warnings.push(`${where}: cannot resolve the version of ${name}: ${version.reason}; skipped`);
      continue;
    }
    const pinned = lowerBound(version.value);
    if (pinned === undefined) {
      warnings.push(
        `${where}: the version ${JSON.stringify(version.value)} of ${name} has no lower bound; skipped`,
      );
      continue;
    }
    const scope = interpolate(firstGiven(dependency.scope, management?.scope, 'compile'));
    const optional = interpolate(firstGiven(dependency.optional, management?.optional, 'false'));
    const classified = classify(
      scope.ok ? scope.value : '',
      optional.ok && optional.value === 'true',
    );
    if (classified.unknownScope) {
      warnings.push(
        `${where}: unknown scope ${JSON.stringify(scope.ok ? scope.value : '')} of ${name}; taken as compile`,
      );
    }
    const id = `${name}@${pinned}`;
    if (seen.has(id)) continue;
    seen.add(id);
    packages.push({
      ecosystem: 'Maven',
      name,
      version: pinned,
      purl: mavenPurl(key.groupId, key.artifactId, pinned),
      direct: true,
      scope: classified.scope,
      source: classified.source,
      location: { path: dependency.path, line: dependency.line },
      paths: [[ROOT_LABEL, name]],
    });
  }
  return { ok: true, packages, warnings };
}

/**
 * Follows `<parent>` through the repository, nearest first. A parent that is not there (a
 * published parent such as `spring-boot-starter-parent`), cannot be parsed, or has other
 * coordinates ends the chain with a warning, as Maven would then fetch it from a repository.
 */
function readParents(
  project: RawPom,
  readParentPom: ReadParentPom | undefined,
  warnings: string[],
): RawPom[] {
  const parents: RawPom[] = [];
  const visited = new Set([posix.normalize(project.path)]);
  let child = project;
  while (child.parent !== undefined) {
    const reference = child.parent;
    const where = `${child.path}:${String(reference.line)}`;
    const label = `${reference.groupId}:${reference.artifactId}:${reference.version}`;
    const unknown = `its properties and managed versions are unknown`;
    if (reference.relativePath === '') {
      warnings.push(`${where}: parent ${label} is not looked up in this repository; ${unknown}`);
      break;
    }
    const target = parentPath(child.path, reference.relativePath ?? DEFAULT_RELATIVE_PATH);
    if (target === undefined) {
      warnings.push(`${where}: parent ${label} lies outside this repository; ${unknown}`);
      break;
    }
    if (visited.has(target)) {
      warnings.push(`${where}: parent ${label} at ${target} is already in the chain; cycle cut`);
      break;
    }
    if (parents.length >= MAX_PARENT_DEPTH) {
      warnings.push(`${where}: parents nested deeper than ${String(MAX_PARENT_DEPTH)}; chain cut`);
      break;
    }
    visited.add(target);
    const text = readParentPom?.(target);
    if (text === undefined) {
      warnings.push(`${where}: parent ${label} is not at ${target}; ${unknown}`);
      break;
    }
    const read = readPomXml(text);
    if (!read.ok) {
      const at = `${target}:${String(read.error.line ?? 1)}`;
      warnings.push(
        `${where}: parent ${label} at ${at} cannot be read (${read.error.message}); ${unknown}`,
      );
      break;
    }
    const parent = readRawPom(read.root, target);
    const groupId = firstGiven(parent.groupId, parent.parent?.groupId);
    const versionMatches =
      parent.version === '' ||
      parent.version.includes('${') ||
      reference.version === '' ||
      parent.version === reference.version;
    if (
      groupId !== reference.groupId ||
      parent.artifactId !== reference.artifactId ||
      !versionMatches
    ) {
      warnings.push(
        `${where}: ${target} is ${groupId}:${parent.artifactId}:${parent.version}, not the parent ${label}; ${unknown}`,
      );
      break;
    }
    warnings.push(...parent.warnings);
    parents.push(parent);
    child = parent;
  }
  return parents;
}

/** The first value that is given and not empty (an empty element counts as absent), or `''`. */
function firstGiven(...values: (string | undefined)[]): string {
  return values.find((value) => value !== undefined && value !== '') ?? '';
}

/** Where `relativePath` points from the POM at `path`; a directory means its `pom.xml`. */
function parentPath(path: string, relativePath: string): string | undefined {
  const file = /\.(?:xml|pom)$/i.test(relativePath)
    ? relativePath
    : posix.join(relativePath, 'pom.xml');
  const target = posix.normalize(posix.join(posix.dirname(path), file.replaceAll('\\', '/')));
  const escapes = !posix.isAbsolute(path) && (target === '..' || target.startsWith('../'));
  return escapes ? undefined : target;
}

/**
 * The dependencies of the effective model: the farthest parent's first, each POM's declarations
 * replacing those with the same management key, as Maven merges them (its `LinkedHashMap` keeps
 * the first position and the last value, which a `Map` does too).
 */
function inherited(lineage: RawPom[], pick: (pom: RawPom) => RawDependency[]): RawDependency[] {
  const merged = new Map<string, RawDependency>();
  for (const pom of lineage.toReversed()) {
    for (const dependency of pick(pom)) merged.set(managementKey(dependency), dependency);
  }
  return [...merged.values()];
}

interface Coordinates {
  groupId: string;
  artifactId: string;
  type: string;
  classifier: string;
}

function coordinates(
  dependency: RawDependency,
  interpolate: PomInterpolator,
): Coordinates | undefined {
  const values = [
    dependency.groupId,
    dependency.artifactId,
    dependency.type,
    dependency.classifier,
  ].map(interpolate);
  const [groupId, artifactId, type, classifier] = values.map((value) =>
    value.ok ? value.value : undefined,
  );
  if (groupId === undefined || artifactId === undefined) return undefined;
  return { groupId, artifactId, type: type ?? '', classifier: classifier ?? '' };
}

/** Maven's `groupId:artifactId:type[:classifier]`, with `jar` as the default type. */
function managementKey(dependency: Coordinates): string {
  const base = `${dependency.groupId}:${dependency.artifactId}:${dependency.type || 'jar'}`;
  return dependency.classifier === '' ? base : `${base}:${dependency.classifier}`;
}

/**
 * Values for `${…}`: `project.*` and `pom.*` model fields first, then the merged properties
 * (nearest POM winning), then bare model fields such as `${version}`, in Maven's order.
 */
function propertySource(lineage: RawPom[]): (name: string) => string | undefined {
  const [project] = lineage;
  const properties = new Map<string, string>();
  for (const pom of lineage.toReversed()) {
    for (const [name, value] of pom.properties) properties.set(name, value);
  }
  const model = new Map<string, string>(project?.fields ?? []);
  const parent = project?.parent;
  if (parent !== undefined) {
    if (!model.has('groupId')) model.set('groupId', parent.groupId);
    if (!model.has('version')) model.set('version', parent.version);
    model.set('parent.groupId', parent.groupId);
    model.set('parent.artifactId', parent.artifactId);
    model.set('parent.version', parent.version);
  }
  return (name) => {
    const prefixed = /^(?:project|pom)\.(.+)$/.exec(name)?.[1];
    if (prefixed !== undefined && model.has(prefixed)) return model.get(prefixed);
    return properties.get(name) ?? model.get(name);
  };
}

/**
 * The version a requirement stands for: a soft requirement (`1.2`) as written, a range
 * (`[1.2,2.0)`, `[1.2]`) its lower bound; `undefined` for a range with none (`(,2.0]`).
 */
function lowerBound(requirement: string): string | undefined {
  const trimmed = requirement.trim();
  if (!/^[[(]/.test(trimmed)) return trimmed === '' ? undefined : trimmed;
  const bound = /^[[(]\s*([^,\])]*)/.exec(trimmed)?.[1]?.trim() ?? '';
  return bound === '' ? undefined : bound;
}

function classify(
  scope: string,
  optional: boolean,
): { scope: DependencyScope; source: PackageSource; unknownScope: boolean } {
  const known = ['compile', 'runtime', 'provided', 'system', 'test'].includes(scope);
  const source: PackageSource = scope === 'system' ? 'local' : 'registry';
  if (scope === 'test') return { scope: 'dev', source, unknownScope: false };
  return { scope: optional ? 'optional' : 'prod', source, unknownScope: !known };
}

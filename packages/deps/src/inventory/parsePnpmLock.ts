import { posix } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type {
  DependencyScope,
  LockfileError,
  LockfileResult,
  PackageSource,
} from './inventoryPackage.js';
import {
  lockGraphInventory,
  type Declaration,
  type LockedPackage,
  type LockNode,
} from './lockGraphInventory.js';
import { npmSource } from './npmSource.js';
import { pnpmDepPath, withoutPeers } from './pnpmDepPath.js';

const ROOT_LABEL = '(root)';
const SUPPORTED_MAJORS = [5, 6, 9];
const IMPORTER_FIELDS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
] as const satisfies readonly (readonly [string, DependencyScope])[];
const PACKAGE_DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies'] as const;

type Fields = Record<string, unknown>;

/** A key of `packages` or `snapshots` with the line it is on and its fields as plain data. */
interface KeyedEntry {
  key: string;
  line: number;
  fields: Fields;
}

/**
 * Parses a `pnpm-lock.yaml` (lockfileVersion 5.x, 6.x or 9.0) into a package inventory. Pure:
 * `path` only labels locations. Each importer (the root `.` and every workspace member) makes the
 * packages it declares direct and scoped by the field that declares them; the `dev` flags of
 * v5/v6 entries win where present. Packages that peers split into several entries (v9
 * snapshots) are listed once; workspace members themselves are projects, not packages.
 *
 * @example
 * const result = parsePnpmLock(text, 'pnpm-lock.yaml');
 * if (result.ok) for (const p of result.packages) console.log(p.purl);
 */
export function parsePnpmLock(text: string, path: string): LockfileResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const problem = document.errors[0];
  if (problem !== undefined) {
    const position = lineCounter.linePos(problem.pos[0]);
    return {
      ok: false,
      error: {
        message: problem.message.split('\n')[0] ?? 'invalid YAML',
        line: position.line,
        column: position.col,
      },
    };
  }
  const lock = document.contents;
  if (lock === null) return { ok: true, packages: [], warnings: [] };
  if (!isMap(lock)) {
    return { ok: false, error: { message: 'a pnpm lockfile must be a YAML mapping', line: 1 } };
  }
  const versionNode = lock.get('lockfileVersion', true);
  const versionText = isScalar(versionNode) ? String(versionNode.value) : undefined;
  const major = Number.parseInt(versionText ?? '', 10);
  if (!SUPPORTED_MAJORS.includes(major)) {
    return {
      ok: false,
      error: { message: `unsupported lockfileVersion ${JSON.stringify(versionText ?? null)}` },
    };
  }
  const packagesRead = keyedEntries(lock, 'packages', lineCounter);
  if (!packagesRead.ok) return packagesRead;
  const snapshotsRead = keyedEntries(lock, 'snapshots', lineCounter);
  if (!snapshotsRead.ok) return snapshotsRead;
  const warnings: string[] = [];
  const nodes = packageNodes(packagesRead.entries, snapshotsRead.entries, major, warnings);

  const plain = lock.toJSON() as Fields;
  const importers = new Map<string, Fields>();
  const importersField = asFields(plain.importers);
  if (importersField === undefined) {
    importers.set('.', plain);
  } else {
    for (const [importerPath, fields] of Object.entries(importersField)) {
      importers.set(importerPath, asFields(fields) ?? {});
    }
  }
  const projects = new Map<string, LockNode>();
  for (const importerPath of importers.keys()) {
    const label = importerPath === '.' ? ROOT_LABEL : importerPath;
    projects.set(importerPath, { label, locked: undefined, dependencies: [] });
  }
  const root = projects.get('.') ?? { label: ROOT_LABEL, locked: undefined, dependencies: [] };

  const resolve = (
    name: string,
    reference: string,
    fromDirectory: string,
  ): LockNode | undefined => {
    if (reference.startsWith('link:')) {
      return projects.get(posix.join(fromDirectory, reference.slice('link:'.length)));
    }
    const candidates =
      major >= 9
        ? [`${name}@${reference}`, reference]
        : major >= 6
          ? [`/${name}@${reference}`, reference, `/${reference}`]
          : [`/${name}/${reference}`, reference, `/${reference}`];
    if (reference.startsWith('file:')) {
      candidates.push(`file:${posix.normalize(reference.slice('file:'.length))}`);
    }
    for (const candidate of candidates) {
      const found = nodes.get(candidate);
      if (found !== undefined) return found.node;
    }
    return undefined;
  };

  for (const { node, dependencies } of nodes.values()) {
    for (const [name, reference] of dependencies) {
      const target = resolve(name, reference, '.');
      if (target !== undefined && target !== node) node.dependencies.push(target);
    }
  }
  const declarations: Declaration[] = [];
  for (const [importerPath, fields] of importers) {
    const project = projects.get(importerPath);
    if (project === undefined) continue;
    if (project !== root) root.dependencies.push(project);
    for (const [field, scope] of IMPORTER_FIELDS) {
      for (const [name, value] of Object.entries(asFields(fields[field]) ?? {})) {
        const reference = typeof value === 'string' ? value : asFields(value)?.version;
        if (typeof reference !== 'string') continue;
        const target = resolve(name, reference, importerPath);
        if (target === undefined || target === project) continue;
        project.dependencies.push(target);
        if (target.locked !== undefined) declarations.push({ node: target, scope });
      }
    }
  }
  const allNodes = [...nodes.values()].map((entry) => entry.node);
  return {
    ok: true,
    packages: lockGraphInventory(root, allNodes, declarations, path),
    warnings,
  };
}

/**
 * The graph nodes keyed as dependency references name them: v5/v6 `packages` keys, or v9
 * `snapshots` keys (one per peer combination) sharing their `packages` entry, with the
 * dependencies each declares still to be resolved.
 */
function packageNodes(
  packages: KeyedEntry[],
  snapshots: KeyedEntry[],
  major: number,
  warnings: string[],
): Map<string, { node: LockNode; dependencies: [string, string][] }> {
  const locked = new Map<string, LockedPackage>();
  for (const entry of packages) {
    const found = lockedPackage(entry, major);
    if (found === undefined) {
      warnings.push(
        `line ${String(entry.line)}: package "${entry.key}" has no name and version; skipped`,
      );
    } else {
      locked.set(entry.key, found);
    }
  }
  const nodes = new Map<string, { node: LockNode; dependencies: [string, string][] }>();
  const addNode = (key: string, lockedPackage: LockedPackage, fields: Fields): void => {
    nodes.set(key, {
      node: { label: lockedPackage.name, locked: lockedPackage, dependencies: [] },
      dependencies: PACKAGE_DEPENDENCY_FIELDS.flatMap((field) =>
        Object.entries(asFields(fields[field]) ?? {}).flatMap(([name, reference]) =>
          typeof reference === 'string' ? [[name, reference] as [string, string]] : [],
        ),
      ),
    });
  };
  const snapshotted = new Set<string>();
  for (const snapshot of snapshots) {
    const packageKey = withoutPeers(snapshot.key);
    const lockedPackage = locked.get(packageKey);
    if (lockedPackage === undefined) {
      warnings.push(
        `line ${String(snapshot.line)}: snapshot "${snapshot.key}" has no package entry; skipped`,
      );
      continue;
    }
    snapshotted.add(packageKey);
    addNode(snapshot.key, lockedPackage, snapshot.fields);
  }
  for (const entry of packages) {
    const lockedPackage = locked.get(entry.key);
    if (lockedPackage !== undefined && !snapshotted.has(entry.key)) {
      addNode(entry.key, lockedPackage, entry.fields);
    }
  }
  return nodes;
}

function lockedPackage(entry: KeyedEntry, major: number): LockedPackage | undefined {
  const { fields } = entry;
  const fromKey = pnpmDepPath(entry.key, major);
  const name = typeof fields.name === 'string' ? fields.name : fromKey?.name;
  const version = typeof fields.version === 'string' ? fields.version : fromKey?.version;
  if (name === undefined || name === '' || version === undefined || version === '') {
    return undefined;
  }
  return {
    name,
    version,
    source: pnpmSource(entry.key, asFields(fields.resolution) ?? {}),
    line: entry.line,
    recordedScope: recordedScope(fields),
  };
}

/** Where a package comes from, by its key (`file:`) and its `resolution`. */
function pnpmSource(key: string, resolution: Fields): PackageSource {
  if (/^(?:file|link):/.test(key) || typeof resolution.directory === 'string') return 'local';
  if (typeof resolution.repo === 'string' || resolution.type === 'git') return 'git';
  const tarball = resolution.tarball;
  if (typeof tarball === 'string') {
    if (tarball.startsWith('file:')) return 'local';
    // A codeload tarball is a snapshot of a git commit, not a published version.
    if (/^https?:\/\/codeload\.github\.com\//.test(tarball)) return 'git';
    return npmSource(tarball);
  }
  return 'registry';
}

/** v5/v6 flags: `dev: true` only for development, `dev: false` needed in production. */
function recordedScope(fields: Fields): DependencyScope | undefined {
  if (fields.dev === 'true') return 'dev';
  if (fields.optional === 'true') return 'optional';
  if (fields.dev === 'false') return 'prod';
  return undefined;
}

function keyedEntries(
  lock: YAMLMap,
  field: string,
  lineCounter: LineCounter,
): { ok: true; entries: KeyedEntry[] } | { ok: false; error: LockfileError } {
  const node = lock.get(field, true);
  if (node === undefined || (isScalar(node) && node.value === '')) {
    return { ok: true, entries: [] };
  }
  if (!isMap(node)) {
    const start = isNode(node) ? node.range?.[0] : undefined;
    const message = `"${field}" must be a mapping`;
    return start === undefined
      ? { ok: false, error: { message } }
      : { ok: false, error: { message, line: lineCounter.linePos(start).line } };
  }
  const entries: KeyedEntry[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
    const line = lineCounter.linePos(pair.key.range?.[0] ?? 0).line;
    const fields = isMap(pair.value) ? (asFields(pair.value.toJSON()) ?? {}) : {};
    entries.push({ key: pair.key.value, line, fields });
  }
  return { ok: true, entries };
}

function asFields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

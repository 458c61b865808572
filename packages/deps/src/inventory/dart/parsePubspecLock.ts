import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';

const ROOT_LABEL = '(root)';

/**
 * Parses a Dart `pubspec.lock` into a package inventory. `dependency: direct main` (or
 * `direct overridden`) makes a package direct and `prod`, `direct dev` direct and `dev`;
 * `transitive` packages are `prod`, since the lock does not say whose dependency they are (and
 * so paths are known only for direct packages). `hosted` packages come from the registry, `git`
 * ones from a repository, and `path` and `sdk` ones (bundled with Flutter) are local.
 *
 * @example
 * const result = parsePubspecLock(text, 'pubspec.lock');
 */
export function parsePubspecLock(text: string, path: string): LockfileResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const [error] = document.errors;
  if (error !== undefined) {
    const [position] = error.linePos ?? [];
    const message = error.message.split('\n')[0] ?? 'invalid YAML';
    return position === undefined
      ? { ok: false, error: { message } }
      : { ok: false, error: { message, line: position.line, column: position.col } };
  }
  const lineOf = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const root = document.contents;
  if (root === null) return { ok: true, packages: [], warnings: [] };
  if (!isMap(root)) {
    return { ok: false, error: { message: 'a pubspec.lock must be a YAML mapping', line: 1 } };
  }
  const entries = root.get('packages', true);
  if (entries === undefined || (isScalar(entries) && entries.value === null)) {
    return { ok: true, packages: [], warnings: [] };
  }
  if (!isMap(entries)) {
    return {
      ok: false,
      error: { message: '"packages" must be a mapping', line: lineOf(entries.range?.[0]) ?? 1 },
    };
  }
  const warnings: string[] = [];
  const packages: InventoryPackage[] = [];
  for (const pair of entries.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const line = lineOf((isScalar(pair.key) ? pair.key.range : undefined)?.[0]) ?? 1;
    const entry: unknown = isMap(pair.value) ? pair.value.toJS(document) : undefined;
    const read = name === undefined ? undefined : readEntry(entry);
    if (name === undefined || read === undefined) {
      warnings.push(
        `${path}:${String(line)}: package ${name ?? ''} has no version and source; skipped`,
      );
      continue;
    }
    packages.push({
      ecosystem: 'Pub',
      name,
      version: read.version,
      purl: `pkg:pub/${encodeURIComponent(name.toLowerCase())}@${encodeURIComponent(read.version)}`,
      direct: read.direct,
      scope: read.scope,
      source: read.source,
      location: { path, line },
      paths: read.direct ? [[ROOT_LABEL, name]] : [],
    });
  }
  return { ok: true, packages, warnings };
}

interface PubEntry {
  version: string;
  direct: boolean;
  scope: DependencyScope;
  source: PackageSource;
}

function readEntry(entry: unknown): PubEntry | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { version, source, dependency } = entry as Record<string, unknown>;
  if (typeof version !== 'string' || typeof source !== 'string') return undefined;
  const packageSource = pubSource(source);
  if (packageSource === undefined) return undefined;
  const direct = typeof dependency === 'string' && dependency.startsWith('direct');
  const scope = dependency === 'direct dev' ? 'dev' : 'prod';
  return { version, direct, scope, source: packageSource };
}

function pubSource(source: string): PackageSource | undefined {
  switch (source) {
    case 'hosted':
      return 'registry';
    case 'git':
      return 'git';
    case 'path':
    case 'sdk':
      return 'local';
    default:
      return undefined;
  }
}

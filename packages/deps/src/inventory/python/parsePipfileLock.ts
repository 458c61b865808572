import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { asObject, parseJsonWithLines, type JsonObject } from '../parseJsonWithLines.js';
import { pypiPurl } from './pypiPurl.js';

const SECTIONS: readonly (readonly [string, DependencyScope])[] = [
  ['default', 'prod'],
  ['develop', 'dev'],
];

/**
 * Parses a Pipenv `Pipfile.lock` into a package inventory: `default` packages are `prod`,
 * `develop` ones `dev` (a package in both is listed once, as `prod`). Versions are recorded as
 * `==x`; `git`, `path` and `file` entries have no version and keep their source. The lock lists
 * the whole tree without saying which packages the Pipfile declares, so `direct` is false and
 * `paths` is empty.
 *
 * @example
 * const result = parsePipfileLock(text, 'Pipfile.lock');
 */
export function parsePipfileLock(text: string, path: string): LockfileResult {
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const lock = asObject(parsed.value);
  if (lock === undefined) {
    return { ok: false, error: { message: 'a Pipfile.lock must be a JSON object', line: 1 } };
  }
  const warnings: string[] = [];
  const packages: InventoryPackage[] = [];
  const seen = new Set<string>();
  for (const [section, scope] of SECTIONS) {
    if (lock[section] === undefined) continue;
    const entries = asObject(lock[section]);
    if (entries === undefined) {
      return {
        ok: false,
        error: { message: `"${section}" must be an object`, line: parsed.lineOf(lock) },
      };
    }
    for (const [name, value] of Object.entries(entries)) {
      const entry = asObject(value);
      const line = entry === undefined ? undefined : parsed.lineOf(entry);
      const read = entry === undefined ? undefined : readEntry(entry);
      if (read === undefined) {
        warnings.push(
          `${path}:${String(line ?? parsed.lineOf(entries))}: ${section}.${name} has no exact version; skipped`,
        );
        continue;
      }
      const key = `${name.toLowerCase()}@${read.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      packages.push({
        ecosystem: 'PyPI',
        name,
        version: read.version,
        purl: pypiPurl(name, read.version),
        direct: false,
        scope,
        source: read.source,
        location: line === undefined ? { path } : { path, line },
        paths: [],
      });
    }
  }
  return { ok: true, packages, warnings };
}

function readEntry(entry: JsonObject): { version: string; source: PackageSource } | undefined {
  if (typeof entry.git === 'string') return { version: '', source: 'git' };
  if (typeof entry.path === 'string') return { version: '', source: 'local' };
  if (typeof entry.file === 'string') {
    return { version: '', source: entry.file.startsWith('file:') ? 'local' : 'url' };
  }
  const pin = typeof entry.version === 'string' ? /^===?(\S+)$/.exec(entry.version.trim()) : null;
  return pin?.[1] === undefined ? undefined : { version: pin[1], source: 'registry' };
}

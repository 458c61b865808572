import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventoryPackage.js';
import { asObject, parseJsonWithLines, type JsonObject } from '../parseJsonWithLines.js';

const SECTIONS: readonly (readonly [string, DependencyScope])[] = [
  ['packages', 'prod'],
  ['packages-dev', 'dev'],
];

/**
 * Parses a Composer `composer.lock` into a package inventory: `packages` are `prod`,
 * `packages-dev` are `dev`. A `path` dist is a local package, a package with only a git source
 * (a `dev-` branch) is a git one. The lock does not record which packages `composer.json`
 * requires, so `direct` is false and `paths` is empty.
 *
 * @example
 * const result = parseComposerLock(text, 'composer.lock');
 */
export function parseComposerLock(text: string, path: string): LockfileResult {
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const lock = asObject(parsed.value);
  if (lock === undefined) {
    return { ok: false, error: { message: 'a composer.lock must be a JSON object', line: 1 } };
  }
  const warnings: string[] = [];
  const packages: InventoryPackage[] = [];
  for (const [section, scope] of SECTIONS) {
    const entries = lock[section];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) {
      return {
        ok: false,
        error: { message: `"${section}" must be an array`, line: parsed.lineOf(lock) },
      };
    }
    for (const [index, value] of entries.entries()) {
      const entry = asObject(value);
      const line = entry === undefined ? parsed.lineOf(entries) : parsed.lineOf(entry);
      const { name, version } = entry ?? {};
      if (typeof name !== 'string' || !name.includes('/') || typeof version !== 'string') {
        warnings.push(
          `${path}:${String(line)}: ${section}[${String(index)}] has no name and version; skipped`,
        );
        continue;
      }
      packages.push({
        ecosystem: 'Packagist',
        name,
        version,
        purl: composerPurl(name, version),
        direct: false,
        scope,
        source: entry === undefined ? 'registry' : composerSource(entry),
        location: line === undefined ? { path } : { path, line },
        paths: [],
      });
    }
  }
  return { ok: true, packages, warnings };
}

function composerSource(entry: JsonObject): PackageSource {
  const dist = asObject(entry.dist);
  const source = asObject(entry.source);
  if (dist?.type === 'path') return 'local';
  if (dist === undefined && source?.type === 'git') return 'git';
  return 'registry';
}

/** `pkg:composer/vendor/name@version`; Composer names are lowercase, and the purl spec says so. */
function composerPurl(name: string, version: string): string {
  const path = name.toLowerCase().split('/').map(encodeURIComponent).join('/');
  return `pkg:composer/${path}@${encodeURIComponent(version)}`;
}

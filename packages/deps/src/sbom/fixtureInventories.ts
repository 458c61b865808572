// Test support: inventories read by the real parsers from the shared third-party lockfiles and
// from this package's own SBOM fixture project, for the SBOM writers' and reader's tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InventoryPackage, LockfileResult } from '../inventory/inventoryPackage.js';
import { parseGoMod } from '../inventory/go/parseGoMod.js';
import { parseGradleLockfile } from '../inventory/java/parseGradleLockfile.js';
import { parseNugetPackagesLock } from '../inventory/dotnet/parseNugetPackagesLock.js';
import { parsePubspecLock } from '../inventory/dart/parsePubspecLock.js';
import { parseMixLock } from '../inventory/elixir/parseMixLock.js';
import { parsePackageLock } from '../inventory/parsePackageLock.js';
import { parsePnpmLock } from '../inventory/parsePnpmLock.js';
import { parseYarnLock } from '../inventory/parseYarnLock.js';
import { parseComposerLock } from '../inventory/php/parseComposerLock.js';
import { parsePipfileLock } from '../inventory/python/parsePipfileLock.js';
import { parsePoetryLock } from '../inventory/python/parsePoetryLock.js';
import { parseGemfileLock } from '../inventory/ruby/parseGemfileLock.js';
import { parseCargoLock } from '../inventory/rust/parseCargoLock.js';

/**
 * A path under the shared third-party data, which sits next to the checkout (`main/` and
 * `shared/` side by side) or one level further up for a worktree; the nearest ancestor that has
 * it wins.
 */
export function sharedData(relative: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', relative);
    if (existsSync(candidate) || dirname(dir) === dir) return candidate;
  }
}

export const SHARED_LOCKFILES = `${sharedData('lockfiles')}/`;
/** `packages/deps/fixtures/sbom/`: an npm project, its lockfile and SBOMs written by cyclonedx-npm. */
export const SBOM_FIXTURES = fileURLToPath(new URL('../../fixtures/sbom/', import.meta.url));

type Parse = (text: string, path: string) => LockfileResult;

const LOCKFILES: readonly [string, Parse][] = [
  ['javascript/packagelockjson/nested-dependencies-dup.v2.json', parsePackageLock],
  ['javascript/packagelockjson/scoped-packages.v2.json', parsePackageLock],
  ['javascript/packagelockjson/alias.v2.json', parsePackageLock],
  ['javascript/packagelockjson/one-package-dev.v2.json', parsePackageLock],
  ['javascript/yarnlock/multiple-versions.v1.lock', (text, path) => parseYarnLock(text, path)],
  ['javascript/pnpmlock/peer-dependencies-advanced.v9.yaml', parsePnpmLock],
  ['python/poetrylock/multiple-packages.v2.lock', parsePoetryLock],
  ['python/pipfilelock/two-packages.json', parsePipfileLock],
  [
    'golang/gomod/indirect-1.23.mod',
    (text, path) =>
      parseGoMod(
        text,
        path,
        readFileSync(`${SHARED_LOCKFILES}golang/gomod/indirect-1.23.sum`, 'utf8'),
      ),
  ],
  ['java/gradlelockfile/5-pkg', parseGradleLockfile],
  ['php/composerlock/two-packages.json', parseComposerLock],
  ['rust/cargolock/many-packages.lock', parseCargoLock],
  ['ruby/gemfilelock/rails.lock', parseGemfileLock],
  ['dotnet/packageslockjson/valid/packages.lock.json', parseNugetPackagesLock],
  ['dart/pubspec/mixed-packages.lock', parsePubspecLock],
  ['elixir/mixlock/valid', parseMixLock],
];

/** Why the shared fixtures cannot be used, for `test(…, { skip })`; false when they can. */
export const sharedSkip = existsSync(SHARED_LOCKFILES)
  ? false
  : `fixtures absent: ${SHARED_LOCKFILES}`;

/** Each shared lockfile's inventory, labelled with its path under `lockfiles/`. */
export function sharedInventories(): { path: string; packages: InventoryPackage[] }[] {
  return LOCKFILES.map(([path, parse]) => {
    const result = parse(readFileSync(SHARED_LOCKFILES + path, 'utf8'), path);
    if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
    if (result.packages.length === 0) throw new Error(`${path}: no packages`);
    return { path, packages: result.packages };
  });
}

export function fixtureText(name: string): string {
  return readFileSync(SBOM_FIXTURES + name, 'utf8');
}

/** The inventory of the npm fixture project, from its `package-lock.json`. */
export function npmAppInventory(): InventoryPackage[] {
  const result = parsePackageLock(fixtureText('npm-app/package-lock.json'), 'package-lock.json');
  if (!result.ok) throw new Error(result.error.message);
  return result.packages;
}

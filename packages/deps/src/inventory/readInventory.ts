import { posix } from 'node:path';
import type { InventoryPackage, LockfileResult, RootManifest } from './inventoryPackage.js';
import { parseBunLock } from './parseBunLock.js';
import { parsePackageLock } from './parsePackageLock.js';
import { parsePnpmLock } from './parsePnpmLock.js';
import { parseYarnLock } from './parseYarnLock.js';
import { parseGoMod } from './go/parseGoMod.js';
import { parseCargoLock } from './rust/parseCargoLock.js';
import { parseGemfileLock } from './ruby/parseGemfileLock.js';
import { parseComposerLock } from './php/parseComposerLock.js';
import { parseNugetPackagesLock } from './dotnet/parseNugetPackagesLock.js';
import { parsePubspecLock } from './dart/parsePubspecLock.js';
import { parseMixLock } from './elixir/parseMixLock.js';
import { parseGradleLockfile } from './java/parseGradleLockfile.js';
import { parseRequirementsTxt } from './python/parseRequirementsTxt.js';
import { parsePipfileLock } from './python/parsePipfileLock.js';
import { parsePoetryLock } from './python/parsePoetryLock.js';
import { parseUvLock } from './python/parseUvLock.js';
import { parsePdmLock } from './python/parsePdmLock.js';
import { parsePomXml } from './java/parsePomXml.js';
import { detectLockfileKind, type LockfileKind } from './detectLockfileKind.js';
import { isCycloneDxFile } from '../sbom/isCycloneDxFile.js';
import { readCycloneDx } from '../sbom/readCycloneDx.js';

/** Reads a file of the scanned tree by its root-relative path; `undefined` when absent. */
export type ReadTreeFile = (path: string) => string | undefined;

/** A problem with one lockfile, for the scan's warnings. */
export interface InventoryWarning {
  path: string;
  line?: number;
  column?: number;
  message: string;
  /** `invalid` when the whole file was skipped, `partial` when only some entries were. */
  kind: 'invalid' | 'partial';
}

export interface Inventory {
  packages: InventoryPackage[];
  /** Lockfiles read, by root-relative path. */
  lockfiles: string[];
  warnings: InventoryWarning[];
}

/**
 * Whether a root-relative path is an inventory source: a lockfile or manifest of a known format,
 * or a CycloneDX SBOM by its conventional name. npm's hidden lockfiles inside `node_modules`
 * and vendored copies of other projects' files there are not the project's.
 */
export function isInventorySource(path: string): boolean {
  if (/(^|\/)node_modules\//.test(path)) return false;
  return detectLockfileKind(path) !== undefined || isCycloneDxFile(path);
}

/** Files a parser may need next to a lockfile: npm's `package.json`, Go's `go.sum`. */
const COMPANION = /(^|\/)(package\.json|go\.sum)$/;

/** Whether the inventory may read a path: an inventory source or a companion of one. */
export function isInventoryFile(path: string): boolean {
  return isInventorySource(path) || (COMPANION.test(path) && !/(^|\/)node_modules\//.test(path));
}

/**
 * The packages of every lockfile and CycloneDX SBOM among `paths`, each parsed by the parser its
 * name calls for. Sibling files a format needs (an npm lockfile's `package.json`, `go.sum`, `-r`
 * includes, parent POMs) are read through `readFile`, so this stays free of I/O. A file that
 * cannot be read is one warning; the others are still read.
 */
export function readInventory(paths: readonly string[], readFile: ReadTreeFile): Inventory {
  const packages: InventoryPackage[] = [];
  const lockfiles: string[] = [];
  const warnings: InventoryWarning[] = [];
  for (const path of [...paths].sort()) {
    if (!isInventorySource(path)) continue;
    const text = readFile(path);
    if (text === undefined) continue;
    const kind = detectLockfileKind(path);
    const result =
      kind === undefined ? readCycloneDx(text, path) : parseLockfile(kind, text, path, readFile);
    lockfiles.push(path);
    if (!result.ok) {
      warnings.push({ path, ...result.error, kind: 'invalid' });
      continue;
    }
    packages.push(...result.packages);
    for (const message of result.warnings) warnings.push(partialWarning(path, message));
  }
  return { packages, lockfiles, warnings };
}

function parseLockfile(
  kind: LockfileKind,
  text: string,
  path: string,
  readFile: ReadTreeFile,
): LockfileResult {
  switch (kind) {
    case 'npm-package-lock':
      return parsePackageLock(text, path, rootManifestNextTo(path, readFile));
    case 'yarn-lock':
      return parseYarnLock(text, path, rootManifestNextTo(path, readFile));
    case 'pnpm-lock':
      return parsePnpmLock(text, path);
    case 'bun-lock':
      return parseBunLock(text, path);
    case 'requirements-txt':
      return parseRequirementsTxt(text, path, readFile);
    case 'pipfile-lock':
      return parsePipfileLock(text, path);
    case 'poetry-lock':
      return parsePoetryLock(text, path);
    case 'uv-lock':
      return parseUvLock(text, path);
    case 'pdm-lock':
      return parsePdmLock(text, path);
    case 'go-mod':
      return parseGoMod(text, path, readFile(sibling(path, 'go.sum')));
    case 'cargo-lock':
      return parseCargoLock(text, path);
    case 'gemfile-lock':
      return parseGemfileLock(text, path);
    case 'composer-lock':
      return parseComposerLock(text, path);
    case 'nuget-packages-lock':
      return parseNugetPackagesLock(text, path);
    case 'gradle-lockfile':
      return parseGradleLockfile(text, path);
    case 'pom-xml':
      return parsePomXml(text, path, readFile);
    case 'pubspec-lock':
      return parsePubspecLock(text, path);
    case 'mix-lock':
      return parseMixLock(text, path);
    default: {
      const unreachable: never = kind;
      throw new Error(`no parser for ${String(unreachable)}`);
    }
  }
}

/** Parsers prefix some warnings with `file:line: `; that becomes the warning's position. */
function partialWarning(path: string, message: string): InventoryWarning {
  const located = /^([^\n]+?):(\d+): ([^]*)$/.exec(message);
  if (located?.[1] === undefined || located[3] === undefined)
    return { path, message, kind: 'partial' };
  return { path: located[1], line: Number(located[2]), message: located[3], kind: 'partial' };
}

function sibling(path: string, name: string): string {
  const directory = posix.dirname(path);
  return directory === '.' ? name : `${directory}/${name}`;
}

function rootManifestNextTo(path: string, readFile: ReadTreeFile): RootManifest | undefined {
  const text = readFile(sibling(path, 'package.json'));
  if (text === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    const manifest = json as Record<string, unknown>;
    const record = (key: string) => {
      const value = manifest[key];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      return Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    };
    return {
      ...(typeof manifest.name === 'string' ? { name: manifest.name } : {}),
      dependencies: record('dependencies'),
      devDependencies: record('devDependencies'),
      optionalDependencies: record('optionalDependencies'),
      peerDependencies: record('peerDependencies'),
    };
  } catch {
    return undefined;
  }
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LockfileResult } from './inventoryPackage.js';
import { parseBunLock } from './parseBunLock.js';
import { parsePackageLock } from './parsePackageLock.js';
import { parsePnpmLock } from './parsePnpmLock.js';
import { parseYarnLock } from './parseYarnLock.js';
import { parsePubspecLock } from './dart/parsePubspecLock.js';
import { parseNugetPackagesLock } from './dotnet/parseNugetPackagesLock.js';
import { parseMixLock } from './elixir/parseMixLock.js';
import { parseGoMod } from './go/parseGoMod.js';
import { parseGradleLockfile } from './java/parseGradleLockfile.js';
import { parsePomXml } from './java/parsePomXml.js';
import { parseComposerLock } from './php/parseComposerLock.js';
import { parsePdmLock } from './python/parsePdmLock.js';
import { parsePipfileLock } from './python/parsePipfileLock.js';
import { parsePoetryLock } from './python/parsePoetryLock.js';
import { parseRequirementsTxt } from './python/parseRequirementsTxt.js';
import { parseUvLock } from './python/parseUvLock.js';
import { parseGemfileLock } from './ruby/parseGemfileLock.js';
import { parseCargoLock } from './rust/parseCargoLock.js';

/**
 * Every parser over every shared fixture of its format (osv-scalibr's test data): each file must
 * parse, with packages unless listed as empty, or be refused with a clean error if listed as
 * invalid, and no cut or corruption of it may make a parser throw. Per-format expectations of
 * names, versions and lines live in each parser's own tests.
 */
const LOCKFILES = fileURLToPath(new URL('../../../../../shared/data/lockfiles/', import.meta.url));
const skip = existsSync(LOCKFILES) ? false : `fixtures absent: ${LOCKFILES}`;

type Read = (path: string) => string | undefined;

interface FixtureSet {
  parse: (text: string, path: string, read: Read) => LockfileResult;
  /** How many files the folder holds, so that a fixture added upstream is noticed. */
  count: number;
  /** Files that must be refused with an error. */
  invalid?: string[];
  /** Files that parse to no packages. */
  empty?: string[];
  /** Companion files read by another fixture rather than parsed on their own. */
  companions?: (file: string) => boolean;
}

const FIXTURE_SETS: Record<string, FixtureSet> = {
  'javascript/packagelockjson': {
    parse: (text, path) => parsePackageLock(text, path),
    count: 31,
    invalid: ['not-json.txt', 'null.v2.jsontest'],
    empty: ['empty.v1.json', 'empty.v2.json'],
  },
  'javascript/yarnlock': {
    parse: (text, path) => parseYarnLock(text, path),
    count: 26,
    empty: ['empty.v1.lock', 'empty.v2.lock', 'metadata-only.v2.lock'],
  },
  'javascript/pnpmlock': {
    parse: parsePnpmLock,
    count: 34,
    invalid: ['not-yaml.txt'],
    empty: ['empty.yaml', 'missing-packages.yaml', 'no-packages.v9.yaml', 'no-packages.yaml'],
  },
  'javascript/bunlock': {
    parse: parseBunLock,
    count: 19,
    invalid: ['not-json.txt'],
    empty: ['empty.json5', 'no-packages.json5'],
  },
  'python/requirements': {
    parse: parseRequirementsTxt,
    count: 13,
    // The loops only include each other; every requirement of no_version.txt is unpinned.
    empty: ['loop.txt', 'no_version.txt', 'other-loop.txt'],
  },
  'python/pipfilelock': {
    parse: parsePipfileLock,
    count: 10,
    invalid: ['empty-file', 'not-json.txt'],
    empty: ['empty.json'],
  },
  'python/poetrylock': {
    parse: parsePoetryLock,
    count: 11,
    invalid: ['not-toml.txt'],
    empty: ['empty-file.lock', 'empty.lock'],
  },
  'python/uvlock': {
    parse: parseUvLock,
    count: 9,
    invalid: ['not-toml.txt'],
    empty: ['empty.lock', 'no-dependencies.lock', 'no-packages.lock'],
  },
  'python/pdmlock': {
    parse: parsePdmLock,
    count: 9,
    invalid: ['not-toml.txt'],
    empty: ['empty-file.toml', 'empty.toml'],
  },
  'golang/gomod': {
    parse: (text, path, read) => parseGoMod(text, path, read(path.replace(/\.mod$/, '.sum'))),
    count: 17,
    invalid: ['not-go-mod.mod'],
    empty: ['empty.mod'],
    companions: (file) => file.endsWith('.sum'),
  },
  'rust/cargolock': {
    parse: parseCargoLock,
    count: 9,
    invalid: ['not-toml.txt'],
    empty: ['empty.lock'],
  },
  'ruby/gemfilelock': {
    parse: parseGemfileLock,
    count: 12,
    // invalid.lock has a GEM section whose only spec is malformed: skipped with a warning.
    empty: ['invalid.lock', 'no-gem-section.lock', 'no-gems.lock', 'no-spec-section.lock'],
  },
  'php/composerlock': {
    parse: parseComposerLock,
    count: 9,
    invalid: ['not-json.txt', 'null.jsontest'],
    empty: ['empty.json'],
  },
  'dotnet/packageslockjson': {
    parse: parseNugetPackagesLock,
    count: 2,
    invalid: ['invalid/invalid'],
  },
  'java/gradlelockfile': {
    parse: parseGradleLockfile,
    count: 5,
    empty: ['only-comments', 'only-empty'],
  },
  'java/pomxml': {
    parse: parsePomXml,
    count: 20,
    invalid: ['invalid-syntax.xml', 'not-pom.txt'],
    empty: ['empty.xml'],
  },
  'dart/pubspec': {
    parse: parsePubspecLock,
    count: 10,
    invalid: ['not-yaml.txt'],
    empty: ['empty.lock', 'no-packages.lock'],
  },
  'elixir/mixlock': { parse: parseMixLock, count: 3, empty: ['empty'] },
  'erlang/mixlock': { parse: parseMixLock, count: 5, empty: ['empty.lock'] },
};

function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) =>
      statSync(join(directory, name)).isDirectory()
        ? filesUnder(join(directory, name), `${prefix}${name}/`)
        : [`${prefix}${name}`],
    );
}

for (const [folder, set] of Object.entries(FIXTURE_SETS)) {
  test(`shared fixtures: ${folder}`, { skip }, () => {
    const directory = join(LOCKFILES, folder);
    const files = filesUnder(directory);
    assert.equal(files.length, set.count, `${folder} holds ${String(files.length)} files`);
    const read: Read = (path) => {
      const file = join(directory, posix.normalize(path));
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
    };
    for (const listed of [...(set.invalid ?? []), ...(set.empty ?? [])]) {
      assert.ok(files.includes(listed), `${folder}/${listed} is listed but absent`);
    }
    for (const file of files.filter((f) => set.companions?.(f) !== true)) {
      const result = set.parse(read(file) ?? '', file, read);
      if (set.invalid?.includes(file) === true) {
        assert.ok(!result.ok, `${folder}/${file} should be refused`);
        assert.ok(result.error.message.length > 0, `${folder}/${file}`);
      } else {
        assert.ok(result.ok, `${folder}/${file}: ${result.ok ? '' : result.error.message}`);
        const expectEmpty = set.empty?.includes(file) === true;
        assert.equal(result.packages.length === 0, expectEmpty, `${folder}/${file} packages`);
        for (const found of result.packages) {
          // Only a registry package must have a version: a path or git one may have none.
          const versioned = found.version !== '' || found.source !== 'registry';
          assert.ok(found.name !== '' && versioned, `${folder}/${file}: ${found.purl}`);
          assert.ok(found.purl.startsWith('pkg:'), `${folder}/${file}: ${found.purl}`);
        }
      }
    }
  });

  test(`shared fixtures cut and corrupted never throw: ${folder}`, { skip }, () => {
    const directory = join(LOCKFILES, folder);
    for (const file of filesUnder(directory)) {
      const text = readFileSync(join(directory, file), 'utf8');
      for (let step = 1; step < 16; step++) {
        const cut = Math.floor((text.length * step) / 16);
        for (const variant of [
          text.slice(0, cut),
          text.slice(cut),
          `${text.slice(0, cut)}\u0000${text.slice(cut + 1)}`,
        ]) {
          const result = set.parse(variant, file, () => undefined);
          assert.equal(typeof result.ok, 'boolean', `${folder}/${file} cut at ${String(cut)}`);
        }
      }
    }
  });
}

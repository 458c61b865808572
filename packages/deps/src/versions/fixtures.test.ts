import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareAlpineVersions } from './alpineVersion.js';
import { compareCranVersions } from './cranVersion.js';
import { compareDebianVersions } from './debianVersion.js';
import { compareHackageVersions } from './hackageVersion.js';
import { compareMavenVersions } from './mavenVersion.js';
import { compareNuGetVersions } from './nugetVersion.js';
import { comparePackagistVersions } from './packagistVersion.js';
import { comparePubVersions } from './pubVersion.js';
import { comparePyPIVersions } from './pypiVersion.js';
import { compareRpmVersions } from './rpmVersion.js';
import { compareRubyGemsVersions } from './rubyGemsVersion.js';
import { compareSemverVersions } from './semverVersion.js';

// Third-party ordering fixtures from google/osv-scalibr (see shared/data/SOURCES.md), resolved
// from packages/deps/dist/versions/.
const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/data/version-fixtures/', import.meta.url),
);

const comparators: [file: string, compare: (a: string, b: string) => number][] = [
  ['semver-versions.txt', compareSemverVersions],
  ['pub-versions.txt', comparePubVersions],
  ['nuget-versions.txt', compareNuGetVersions],
  ['cran-versions.txt', compareCranVersions],
  ['cran-versions-generated.txt', compareCranVersions],
  ['hackage-versions.txt', compareHackageVersions],
  ['debian-versions.txt', compareDebianVersions],
  ['debian-versions-generated.txt', compareDebianVersions],
  ['redhat-versions.txt', compareRpmVersions],
  ['packagist-versions.txt', comparePackagistVersions],
  ['packagist-versions-generated.txt', comparePackagistVersions],
  ['maven-versions.txt', compareMavenVersions],
  ['maven-versions-generated.txt', compareMavenVersions],
  ['pypi-versions.txt', comparePyPIVersions],
  ['pypi-versions-generated.txt', comparePyPIVersions],
  ['rubygems-versions.txt', compareRubyGemsVersions],
  ['rubygems-versions-generated.txt', compareRubyGemsVersions],
  ['alpine-versions.txt', compareAlpineVersions],
  ['alpine-versions-generated.txt', compareAlpineVersions],
];

const OPERATORS = { '<': -1, '=': 0, '>': 1 } as const;

function isOperator(text: string | undefined): text is keyof typeof OPERATORS {
  return text === '<' || text === '=' || text === '>';
}

for (const [file, compare] of comparators) {
  const path = FIXTURES + file;
  test(`${file}: every line holds, both ways round`, { skip: skipReason(path) }, () => {
    const failures: string[] = [];
    let checked = 0;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
        const [a, operator, b, ...extra] = text.split(/\s+/);
        const where = `${file}:${index + 1}: ${text}`;
        if (a === undefined || b === undefined || !isOperator(operator) || extra.length > 0) {
          failures.push(`${where} (unreadable fixture line)`);
          return;
        }
        checked++;
        const forward = Math.sign(compare(a, b));
        const backward = Math.sign(compare(b, a));
        if (forward !== OPERATORS[operator]) failures.push(`${where} (got ${forward})`);
        else if (backward !== -forward) failures.push(`${where} (reversed got ${backward})`);
      });
    assert.ok(checked > 0, `${file} holds no comparisons`);
    assert.deepEqual(failures, [], `${failures.length} of ${checked} lines fail`);
  });
}

function skipReason(path: string): string | false {
  return existsSync(path) ? false : `fixture ${path} is absent (shared data not checked out)`;
}

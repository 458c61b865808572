import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRequirementsTxt } from './parseRequirementsTxt.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/python/requirements/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function readFixture(name: string): string | undefined {
  return existsSync(FIXTURES + name) ? readFileSync(FIXTURES + name, 'utf8') : undefined;
}

function fixture(name: string) {
  const result = parseRequirementsTxt(readFixture(name) ?? '', name, readFixture);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map(
    (p) => `${p.name}@${p.version} ${p.source} ${p.location.path}:${String(p.location.line)}`,
  );
}

test('every requirements fixture parses', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 13);
  for (const file of files) assert.ok(fixture(file).ok);
});

test('pinned requirements with comments, markers, extras and hashes', { skip }, () => {
  assert.deepEqual(summary('comments.txt'), [
    'PyCrypto@1.2-alpha registry comments.txt:2',
    'GMPY2@1 registry comments.txt:3',
    'SymPy@1.2 registry comments.txt:6',
    'requests@1.0 registry comments.txt:7',
    'six@1.2 registry comments.txt:8',
  ]);
  assert.deepEqual(summary('extras.txt'), [
    'pyjwt@2.1.0 registry extras.txt:1',
    'celery@4.4.7 registry extras.txt:2',
  ]);
  assert.deepEqual(summary('multiline_and_comments.txt'), [
    'pkgA@1.0 registry multiline_and_comments.txt:3',
    'pkgB@2.0 registry multiline_and_comments.txt:7',
  ]);
  assert.deepEqual(summary('trailing_backslash.txt'), [
    'pkg1@1.0 registry trailing_backslash.txt:1',
  ]);
});

test('ranged and bare requirements are warned about, not guessed', { skip }, () => {
  const result = fixture('with_versions.txt');
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    [
      'pkg:pypi/nltk@3.2.2',
      'pkg:pypi/tabulate@0.7.7',
      'pkg:pypi/qwerty@0.1',
      'pkg:pypi/hy-phen@1.2',
      'pkg:pypi/under-score@1.3',
      'pkg:pypi/pkg.dot.name@5.0.0',
      'pkg:pypi/yolo@1.0',
    ],
  );
  assert.equal(result.packages.find((p) => p.name === 'qwerty')?.location.line, 5);
  assert.deepEqual(
    result.warnings.map((w) => w.split(':')[1]),
    ['3', '4', '10', '12'],
  );
  assert.equal(fixture('no_version.txt').packages.length, 0);
  assert.equal(fixture('no_version.txt').warnings.length, 3);
  assert.deepEqual(summary('env_var.txt'), [
    'asdf@1.2 registry env_var.txt:1',
    'another@1.0 registry env_var.txt:3',
  ]);
});

test('per-requirement options follow pip: text after the first option is dropped', { skip }, () => {
  const result = fixture('per_req_options.txt');
  assert.deepEqual(
    result.packages.map((p) => p.name),
    [1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13, 14]
      .map((n) => `foo${String(n)}`)
      .concat(['foo16-Client', 'foo17--hash', 'foo18-Client']),
  );
  assert.deepEqual(
    result.warnings.map((w) => w.split(':')[1]),
    ['13', '20', '30'],
    'foo7 (text before options), foo10 and foo15 (empty versions) are invalid',
  );
});

test('includes, paths and URLs in example.txt', { skip }, () => {
  const result = fixture('example.txt');
  assert.deepEqual(
    result.packages.map(
      (p) => `${p.purl} ${p.source} ${p.location.path}:${String(p.location.line)}`,
    ),
    [
      'pkg:pypi/docopt@0.6.1 registry example.txt:8',
      'pkg:pypi/urllib3 url example.txt:10',
      'pkg:pypi/pandas@2.2.3 registry other-requirements.txt:1',
      'pkg:pypi/numpy@1.9.2 local example.txt:25',
      'pkg:pypi/wxpython-phoenix@3.0.3.dev1820%2B49a8884 url example.txt:28',
    ],
  );
  assert.ok(result.warnings.includes('example.txt:22: cannot read included file constraints.txt'));
  assert.equal(result.warnings.length, 8, 'the missing constraints file and 7 unpinned lines');
});

test('include cycles are read once', { skip }, () => {
  const result = fixture('loop.txt');
  assert.deepEqual(result.packages, []);
  assert.deepEqual(result.warnings, [
    'other-loop.txt:2: loop.txt is already included; not read again',
  ]);
});

test('malformed lines are skipped with a warning each', { skip }, () => {
  const result = fixture('invalid.txt');
  assert.deepEqual(
    result.warnings.map((w) => w.split(':')[1]),
    ['1', '2', '3', '5'],
  );
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:pypi/urllib3'],
  );
});

test('constraints pin unpinned requirements; includes resolve relative to the file', () => {
  const files = new Map([
    ['app/base.txt', 'Requests\n-c ../constraints.txt\n'],
    ['constraints.txt', 'requests==2.31.0\nidna==3.4\n'],
  ]);
  const result = parseRequirementsTxt(
    '-r base.txt\n-e git+https://github.com/org/tool.git#egg=tool\n-i https://mirror/simple\n',
    'app/requirements.txt',
    (path) => files.get(path),
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.purl, p.source, p.location.path, p.location.line, p.direct]),
    [
      ['pkg:pypi/tool', 'git', 'app/requirements.txt', 2, true],
      ['pkg:pypi/requests@2.31.0', 'registry', 'app/base.txt', 1, true],
    ],
  );
  assert.deepEqual(result.warnings, []);
});

test('without readInclude an include is a warning; empty input is empty', () => {
  const result = parseRequirementsTxt(
    '-r other.txt\nsix==1.16.0 ; python_version < "3.8"\n',
    'r.txt',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => p.purl),
    ['pkg:pypi/six@1.16.0'],
  );
  assert.deepEqual(result.warnings, ['r.txt:1: cannot read included file other.txt']);
  assert.deepEqual(parseRequirementsTxt('', 'r.txt'), { ok: true, packages: [], warnings: [] });
});

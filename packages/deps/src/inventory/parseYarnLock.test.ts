import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseYarnLock } from './parseYarnLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/data/lockfiles/javascript/yarnlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function fixture(name: string) {
  const result = parseYarnLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map((p) => `${p.purl} ${p.source} line ${String(p.location.line)}`);
}

test('every yarn.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.lock'));
  assert.ok(files.length >= 26);
  for (const name of files) {
    const result = parseYarnLock(readFileSync(FIXTURES + name, 'utf8'), name);
    assert.ok(result.ok || result.error.message.length > 0, name);
  }
});

test('v1 and berry: two packages, scoped packages, empty files', { skip }, () => {
  assert.deepEqual(summary('two-packages.v1.lock'), [
    'pkg:npm/concat-map@0.0.1 registry line 5',
    'pkg:npm/concat-stream@1.6.2 registry line 10',
  ]);
  assert.deepEqual(summary('scoped-packages.v2.lock'), [
    'pkg:npm/%40babel/cli@7.16.8 registry line 8',
    'pkg:npm/%40babel/code-frame@7.16.7 registry line 35',
    'pkg:npm/%40babel/compat-data@7.16.8 registry line 44',
  ]);
  assert.deepEqual(fixture('empty.v1.lock').packages, []);
  assert.deepEqual(fixture('metadata-only.v2.lock').packages, []);
});

test('v1 aliases resolve to the real package', { skip }, () => {
  assert.deepEqual(
    fixture('with-aliases.v1.lock').packages.map((p) => p.purl),
    [
      'pkg:npm/ansi-regex@5.0.1',
      'pkg:npm/ansi-regex@6.0.1',
      'pkg:npm/%40babel/helper-validator-identifier@7.22.20',
    ],
  );
});

test('v1 file: and link: entries are local; their dependencies form paths', { skip }, () => {
  const { packages } = fixture('files.v1.lock');
  assert.deepEqual(
    packages.map((p) => `${p.name}@${p.version} ${p.source}`),
    [
      'etag@1.8.1 registry',
      'filedep@1.2.0 local',
      'lodash@1.3.1 registry',
      'other_package@0.0.2 local',
      'sprintf-js@0.0.0 local',
      'etag@1.8.0 local',
    ],
  );
  assert.deepEqual(packages[2]?.paths, [['(root)', 'other_package', 'lodash']]);
});

test('berry git resolutions and file: resolutions', { skip }, () => {
  const commits = fixture('commits.v2.lock').packages;
  assert.equal(commits.length, 7);
  assert.ok(commits.every((p) => p.source === 'git'));
  assert.equal(commits[0]?.purl, 'pkg:npm/%40my-scope/my-first-package@0.0.6');
  assert.deepEqual(summary('files.v2.lock'), ['pkg:npm/my-package@0.0.2 local line 8']);
});

test(
  'berry workspace:. is the root, not a package; workspaces are direct and local',
  { skip },
  () => {
    const { packages } = fixture('exclude-root.v2.lock');
    assert.deepEqual(
      packages.map((p) => [p.name, p.version, p.source, p.direct]),
      [
        ['@ws/ansi-regex', '0.0.0-use.local', 'local', true],
        ['ansi-regex', '6.1.0', 'registry', true],
      ],
    );
    assert.deepEqual(packages[1]?.paths, [
      ['ansi-regex', 'ansi-regex'],
      ['ansi-regex', '@ws/ansi-regex', 'ansi-regex'],
    ]);
  },
);

const cyclicV1 = `# yarn lockfile v1

"@scope/a@^1.0.0":
  version "1.0.0"
  dependencies:
    b "^2.0.0"

b@^2.0.0:
  version "2.1.0"
  dependencies:
    "@scope/a" "^1.0.0"

lint@^3:
  version "3.0.0"
  dependencies:
    b "^2.0.0"
`;

test('root manifest decides direct and dev; a cycle still yields bounded paths', () => {
  const result = parseYarnLock(cyclicV1, 'yarn.lock', {
    name: 'app',
    dependencies: { '@scope/a': '^1.0.0' },
    devDependencies: { lint: '^3' },
  });
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.name, p.scope, p.direct, p.paths]),
    [
      [
        '@scope/a',
        'prod',
        true,
        [
          ['app', '@scope/a'],
          ['app', 'lint', 'b', '@scope/a'],
        ],
      ],
      [
        'b',
        'prod',
        false,
        [
          ['app', '@scope/a', 'b'],
          ['app', 'lint', 'b'],
        ],
      ],
      ['lint', 'dev', true, [['app', 'lint']]],
    ],
  );
});

test('malformed yarn input is an error value with a position', () => {
  assert.deepEqual(parseYarnLock('  version "1.0.0"\n', 'yarn.lock'), {
    ok: false,
    error: { message: 'indented line outside an entry', line: 1, column: 1 },
  });
  assert.deepEqual(parseYarnLock('a@^1:\n  version "1"\nno colon here\n', 'yarn.lock'), {
    ok: false,
    error: { message: 'expected an entry header ending in ":"', line: 3, column: 1 },
  });
  const badYaml = parseYarnLock(
    '__metadata:\n  version: 8\n"a@npm:1":\n  version: [1\n',
    'yarn.lock',
  );
  assert.ok(!badYaml.ok);
  assert.equal(badYaml.error.line, 5);
  const noVersion = parseYarnLock('a@^1:\n  resolved "x"\n', 'yarn.lock');
  assert.ok(noVersion.ok);
  assert.deepEqual(noVersion.warnings, ['line 1: entry "a@^1" has no version; skipped']);
});

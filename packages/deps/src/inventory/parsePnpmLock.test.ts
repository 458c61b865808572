import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePnpmLock } from './parsePnpmLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/data/lockfiles/javascript/pnpmlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function fixture(name: string) {
  const result = parsePnpmLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map(
    (p) =>
      `${p.purl} ${p.scope} ${p.source}${p.direct ? ' direct' : ''} line ${String(p.location.line)}`,
  );
}

test('every pnpm-lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 30);
  const failed = files.filter((name) => {
    const result = parsePnpmLock(readFileSync(FIXTURES + name, 'utf8'), name);
    if (!result.ok) assert.ok(result.error.message.length > 0, name);
    return !result.ok;
  });
  assert.deepEqual(failed, ['not-yaml.txt']);
  assert.deepEqual(fixture('empty.yaml').packages, []);
  assert.deepEqual(fixture('missing-packages.yaml').packages, []);
  assert.deepEqual(fixture('no-packages.yaml').packages, []);
});

test('v5, v6 and v9: one package, scoped packages, the same lines', { skip }, () => {
  assert.deepEqual(summary('one-package.yaml'), [
    'pkg:npm/acorn@8.7.0 prod registry direct line 11',
  ]);
  assert.deepEqual(summary('one-package-v6-lockfile.yaml'), [
    'pkg:npm/acorn@8.7.0 prod registry direct line 10',
  ]);
  assert.deepEqual(summary('one-package-dev.v9.yaml'), [
    'pkg:npm/acorn@8.11.3 dev registry direct line 17',
  ]);
  assert.deepEqual(summary('scoped-packages.yaml'), [
    'pkg:npm/%40typescript-eslint/types@5.13.0 prod registry direct line 11',
  ]);
  assert.deepEqual(summary('scoped-packages-v6-lockfile.yaml'), [
    'pkg:npm/%40typescript-eslint/types@5.57.1 prod registry direct line 10',
  ]);
  assert.deepEqual(summary('scoped-packages.v9.yaml'), [
    'pkg:npm/%40typescript-eslint/types@5.62.0 prod registry direct line 17',
  ]);
});

test('dev flags (v5/v6) and importer fields (v9) give the same scopes', { skip }, () => {
  for (const [name, versions] of [
    ['mixed-groups.v53.yaml', ['5.0.1', '7.0.0', '8.3.2']],
    ['mixed-groups.v6.yaml', ['5.0.0', '7.0.0', '8.0.0']],
    ['mixed-groups.v9.yaml', ['5.0.1', '7.0.0', '8.3.2']],
  ] as const) {
    assert.deepEqual(
      fixture(name).packages.map((p) => [p.name, p.version, p.scope, p.direct]),
      [
        ['ansi-regex', versions[0], 'prod', true],
        ['is-number', versions[1], 'dev', true],
        ['uuid', versions[2], 'optional', true],
      ],
      name,
    );
  }
});

test('peer suffixes are not versions; v9 snapshots resolve peers', { skip }, () => {
  assert.deepEqual(summary('peer-dependencies.yaml'), [
    'pkg:npm/acorn-jsx@5.3.2 prod registry direct line 13',
    'pkg:npm/acorn@8.7.0 prod registry direct line 21',
  ]);
  const v9 = fixture('peer-dependencies.v9.yaml').packages;
  assert.deepEqual(
    v9.map((p) => [p.purl, p.direct, p.paths]),
    [
      ['pkg:npm/acorn-jsx@5.3.2', true, [['(root)', 'acorn-jsx']]],
      ['pkg:npm/acorn@8.11.3', false, [['(root)', 'acorn-jsx', 'acorn']]],
    ],
  );
  const v6 = fixture('peer-dependencies-v6.yaml').packages;
  assert.deepEqual(
    v6.map((p) => `${p.name}@${p.version}`),
    [
      'js-tokens@4.0.0',
      'loose-envify@1.4.0',
      'react-dom@18.2.0',
      'react@18.2.0',
      'scheduler@0.23.0',
    ],
  );
  assert.deepEqual(v6[0]?.paths, [
    ['(root)', 'react-dom', 'loose-envify', 'js-tokens'],
    ['(root)', 'react-dom', 'react', 'loose-envify', 'js-tokens'],
    ['(root)', 'react-dom', 'scheduler', 'loose-envify', 'js-tokens'],
  ]);
});

test('git, tarball and file resolutions take name and version from the entry', { skip }, () => {
  assert.deepEqual(summary('commits.yaml'), [
    'pkg:npm/my-bitbucket-package@1.0.0 prod git line 14',
    'pkg:npm/%40my-scope/my-package@1.0.0 prod git direct line 20',
    'pkg:npm/%40my-scope/my-other-package@1.0.0 prod git line 28',
    'pkg:npm/faker-parser@0.0.1 prod git line 34',
    'pkg:npm/mocks@20.0.1 prod git direct line 42',
  ]);
  assert.deepEqual(summary('commits.v9.yaml'), [
    'pkg:npm/ansi-regex@6.0.1 prod git direct line 20',
    'pkg:npm/is-number@7.0.0 prod git direct line 25',
  ]);
  assert.deepEqual(summary('tarball.yaml'), [
    'pkg:npm/%40my-org/my-package@3.2.3 dev registry direct line 10',
  ]);
  const files = fixture('files.yaml');
  assert.deepEqual(
    files.packages.map((p) => `${p.name}@${p.version} ${p.source}${p.direct ? ' direct' : ''}`),
    [
      'my-file-package@0.0.0 local direct',
      'a-local-package@1.0.0 local',
      'a-nested-local-package@1.0.0 local',
      'one-up@1.0.0 local',
      'one-up-with-peer@1.0.0 local',
    ],
  );
  assert.deepEqual(files.warnings, [
    'line 44: package "file:../nameless-package" has no name and version; skipped',
  ]);
});

test('v5 keys with registry hosts and peers; unreadable keys are warnings', { skip }, () => {
  const exotic = fixture('exotic.yaml');
  assert.deepEqual(
    exotic.packages.map((p) => `${p.name}@${p.version}`),
    [
      'foo@1.0.0',
      '@foo/bar@1.0.0',
      'foo@1.1.0',
      '@foo/bar@1.1.0',
      'foo@1.2.0',
      'foo@1.3.0',
      'foo@1.4.0',
    ],
  );
  assert.deepEqual(exotic.warnings, [
    'line 14: package "github.com/kevva/is-positive" has no name and version; skipped',
    'line 18: package "/foo/bar" has no name and version; skipped',
  ]);
  assert.deepEqual(
    fixture('invalid-paths.yaml').packages.map((p) => p.purl),
    ['pkg:npm/acorn@8.7.0'],
  );
});

const workspaceV9 = `lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      lint:
        specifier: ^3
        version: 3.0.0

  packages/app:
    dependencies:
      '@ws/lib':
        specifier: workspace:*
        version: link:../lib
      a:
        specifier: ^1.0.0
        version: 1.0.0(b@2.1.0)

  packages/lib:
    optionalDependencies:
      b:
        specifier: ^2.0.0
        version: 2.1.0

packages:

  a@1.0.0:
    resolution: {integrity: sha512-x}

  b@2.1.0:
    resolution: {integrity: sha512-y}

  lint@3.0.0:
    resolution: {integrity: sha512-z}

snapshots:

  a@1.0.0(b@2.1.0):
    dependencies:
      b: 2.1.0

  a@1.0.0(b@2.0.0):
    dependencies:
      b: 2.0.0

  b@2.1.0:
    dependencies:
      a: 1.0.0(b@2.1.0)

  lint@3.0.0:
    dependencies:
      lint: 3.0.0
`;

test('importers: members declare direct packages; a split package is listed once', () => {
  const result = parsePnpmLock(workspaceV9, 'pnpm-lock.yaml');
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.name, p.scope, p.direct, p.location.line, p.paths]),
    [
      [
        'a',
        'prod',
        true,
        28,
        [
          ['(root)', 'packages/app', 'a'],
          ['(root)', 'packages/lib', 'b', 'a'],
          ['(root)', 'packages/app', 'packages/lib', 'b', 'a'],
        ],
      ],
      [
        'b',
        'prod',
        true,
        31,
        [
          ['(root)', 'packages/lib', 'b'],
          ['(root)', 'packages/app', 'packages/lib', 'b'],
          ['(root)', 'packages/app', 'a', 'b'],
        ],
      ],
      ['lint', 'dev', true, 34, [['(root)', 'lint']]],
    ],
  );
  assert.deepEqual(result.warnings, []);
});

test('malformed pnpm input is an error value with a position', () => {
  assert.deepEqual(
    parsePnpmLock("lockfileVersion: '9.0'\npackages:\n  a@1: {\n", 'pnpm-lock.yaml'),
    {
      ok: false,
      error: {
        message:
          'Flow map in block collection must be sufficiently indented and end with a } at line 4, column 1:',
        line: 4,
        column: 1,
      },
    },
  );
  assert.deepEqual(parsePnpmLock("lockfileVersion: '4.0'\n", 'pnpm-lock.yaml'), {
    ok: false,
    error: { message: 'unsupported lockfileVersion "4.0"' },
  });
  assert.deepEqual(parsePnpmLock("lockfileVersion: '9.0'\npackages: [a]\n", 'pnpm-lock.yaml'), {
    ok: false,
    error: { message: '"packages" must be a mapping', line: 2 },
  });
  assert.deepEqual(parsePnpmLock('- a\n', 'pnpm-lock.yaml'), {
    ok: false,
    error: { message: 'a pnpm lockfile must be a YAML mapping', line: 1 },
  });
  const orphan = parsePnpmLock(
    "lockfileVersion: '9.0'\nsnapshots:\n  a@1.0.0: {}\n",
    'pnpm-lock.yaml',
  );
  assert.deepEqual(orphan, {
    ok: true,
    packages: [],
    warnings: ['line 3: snapshot "a@1.0.0" has no package entry; skipped'],
  });
});

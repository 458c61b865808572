import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBunLock } from './parseBunLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../shared/data/lockfiles/javascript/bunlock/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function fixture(name: string) {
  const result = parseBunLock(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  return fixture(name).packages.map(
    (p) =>
      `${p.purl} ${p.scope} ${p.source}${p.direct ? ' direct' : ''} line ${String(p.location.line)}`,
  );
}

test('every bun.lock fixture parses or fails cleanly', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 19);
  const failed = files.filter((name) => {
    const result = parseBunLock(readFileSync(FIXTURES + name, 'utf8'), name);
    if (!result.ok) assert.ok(result.error.message.length > 0, name);
    return !result.ok;
  });
  assert.deepEqual(failed, ['not-json.txt']);
  assert.deepEqual(fixture('empty.json5').packages, []);
  assert.deepEqual(fixture('no-packages.json5').packages, []);
});

test('one and two packages, scoped packages, with lines', { skip }, () => {
  assert.deepEqual(summary('one-package.json5'), [
    'pkg:npm/wrappy@1.0.2 prod registry direct line 12',
  ]);
  assert.deepEqual(summary('two-packages.json5'), [
    'pkg:npm/has-flag@4.0.0 prod registry direct line 13',
    'pkg:npm/wrappy@1.0.2 prod registry direct line 15',
  ]);
  assert.deepEqual(summary('scoped-packages-mixed.json5'), [
    'pkg:npm/%40babel/code-frame@7.26.2 prod registry direct line 15',
    'pkg:npm/%40babel/helper-validator-identifier@7.25.9 prod registry line 17',
    'pkg:npm/js-tokens@4.0.0 prod registry line 19',
    'pkg:npm/picocolors@1.1.1 prod registry line 21',
    'pkg:npm/wrappy@1.0.2 dev registry direct line 23',
  ]);
});

test('nested install paths resolve nearest first; scopes follow reachability', { skip }, () => {
  const { packages } = fixture('nested-dependencies.json5');
  assert.deepEqual(
    packages.map((p) => `${p.name}@${p.version} ${p.scope}${p.direct ? ' direct' : ''}`),
    [
      'ansi-styles@4.3.0 dev',
      'chalk@4.1.2 dev direct',
      'color-convert@2.0.1 dev',
      'color-name@1.1.4 dev',
      'has-flag@2.0.0 prod direct',
      'supports-color@5.5.0 prod direct',
      'supports-color@7.2.0 dev',
      'has-flag@3.0.0 prod',
      'has-flag@4.0.0 dev',
    ],
  );
  assert.deepEqual(packages[8]?.paths, [['bun-lockfile', 'chalk', 'supports-color', 'has-flag']]);
  assert.deepEqual(
    fixture('nested-dependencies-dup.json5').packages.find((p) => p.version === '7.2.0')?.paths,
    [
      ['bun-lockfile', 'supports-color'],
      ['bun-lockfile', 'chalk', 'supports-color'],
    ],
  );
});

test('aliases, optional and peer dependencies', { skip }, () => {
  assert.deepEqual(summary('alias.json5'), [
    'pkg:npm/has-flag@4.0.0 prod registry line 13',
    'pkg:npm/supports-color@7.2.0 prod registry direct line 15',
    'pkg:npm/supports-color@6.1.0 prod registry direct line 17',
    'pkg:npm/has-flag@3.0.0 prod registry line 19',
  ]);
  assert.deepEqual(summary('optional-package.json5'), [
    'pkg:npm/acorn@8.14.0 prod registry direct line 15',
    'pkg:npm/fsevents@0.3.8 optional registry direct line 17',
    'pkg:npm/nan@2.22.0 optional registry line 19',
  ]);
  assert.deepEqual(
    fixture('peer-dependencies-implicit.json5').packages.map((p) => [p.name, p.direct, p.paths]),
    [
      ['acorn', false, [['bun-lockfile', 'acorn-jsx', 'acorn']]],
      ['acorn-jsx', true, [['bun-lockfile', 'acorn-jsx']]],
    ],
  );
});

test('git and file packages; malformed tuples are warnings', { skip }, () => {
  const commits = fixture('commits.json5').packages;
  assert.equal(commits.length, 18);
  assert.deepEqual(
    commits.filter((p) => p.source === 'git').map((p) => `${p.name}@${p.version}`),
    [
      '@prettier/sync@527e8ce',
      'babel-preset-php@1ae6dc1267500360b411ec711b8aeac8c68b2246',
      'is-number@98e8ff1',
      'is-number@d5ac058',
      'is-number@b7aef34',
      'raven-js@91ef2d4',
      'slick-carousel@fc6f7d8',
    ],
  );
  assert.deepEqual(summary('blog-sample.json5'), [
    'pkg:npm/uWebSockets.js@6609a88 prod git direct line 11',
  ]);
  assert.deepEqual(summary('files.json5'), [
    'pkg:npm/etag@file%3Adeps%2Fetag dev local direct line 15',
    'pkg:npm/lodash@1.3.1 prod registry direct line 17',
  ]);
  const bad = fixture('bad-tuple.json5');
  assert.deepEqual(
    bad.packages.map((p) => p.purl),
    ['pkg:npm/wrappy@1.0.2'],
  );
  assert.deepEqual(bad.warnings, [
    'line 12: package "wrappy-bad1" is not a ["name@version", ...] tuple; skipped',
    'line 14: package "wrappy-bad2" is not a ["name@version", ...] tuple; skipped',
  ]);
});

const workspaceLock = `{
  // written by bun
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "mono", "devDependencies": { "lint": "^3" } },
    "packages/app": {
      "name": "@ws/app",
      "version": "0.2.0",
      "dependencies": { "b": "^1.0.0", },
    },
  },
  "packages": {
    "@ws/app": ["@ws/app@workspace:packages/app"],
    "b": ["b@2.1.0", "", {}, "sha512-x"],
    "@ws/app/b": ["b@1.0.0", "", { "dependencies": { "lint": "^3" } }, "sha512-y"],
    /* a tool */
    "lint": ["lint@3.0.0", "", { "dependencies": { "b": "^2" } }, "sha512-z"],
  },
}
`;

test('workspace members are local packages; their own copies resolve first', () => {
  const result = parseBunLock(workspaceLock, 'bun.lock');
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => [p.purl, p.scope, p.source, p.direct, p.location.line, p.paths]),
    [
      ['pkg:npm/%40ws/app@0.2.0', 'prod', 'local', true, 13, [['mono', '@ws/app']]],
      [
        'pkg:npm/b@2.1.0',
        'prod',
        'registry',
        false,
        14,
        [
          ['mono', 'lint', 'b'],
          ['mono', '@ws/app', 'b', 'lint', 'b'],
        ],
      ],
      ['pkg:npm/b@1.0.0', 'prod', 'registry', true, 15, [['mono', '@ws/app', 'b']]],
      [
        'pkg:npm/lint@3.0.0',
        'prod',
        'registry',
        true,
        17,
        [
          ['mono', 'lint'],
          ['mono', '@ws/app', 'b', 'lint'],
        ],
      ],
    ],
  );
});

test('malformed bun.lock input is an error value with a position', () => {
  assert.deepEqual(parseBunLock('{\n  "lockfileVersion": 1,\n  "packages": {,}\n}\n', 'bun.lock'), {
    ok: false,
    error: { message: 'expected a string key', line: 3, column: 16 },
  });
  assert.deepEqual(parseBunLock('{ /* open', 'bun.lock'), {
    ok: false,
    error: { message: 'unterminated comment', line: 1, column: 3 },
  });
  assert.deepEqual(parseBunLock('{ "lockfileVersion": 7 }', 'bun.lock'), {
    ok: false,
    error: { message: 'unsupported lockfileVersion 7' },
  });
  assert.deepEqual(parseBunLock('{\n "packages": []\n}', 'bun.lock'), {
    ok: false,
    error: { message: '"packages" must be an object', line: 1 },
  });
});

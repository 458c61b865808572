import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { checkAffected, isAffected } from './affectedVersions.js';
import { parseOsvRecord, type OsvRecord } from './osvRecord.js';

// Real OSV records (see shared/data/SOURCES.md), resolved from packages/deps/dist/osv/.
const OSV = fileURLToPath(new URL('../../../../../shared/data/osv/', import.meta.url));
const skip = existsSync(OSV) ? false : `shared OSV records not found at ${OSV}`;

function record(file: string): OsvRecord {
  const text = readFileSync(OSV + file, 'utf8');
  const parsed = parseOsvRecord(file.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text));
  assert.ok(parsed.ok, file);
  return parsed.record;
}

type Case = [ecosystem: string, name: string, version: string, affected: boolean];

/** Hand-checked against each record's ranges: inside, outside and at every boundary. */
const REAL: Record<string, Case[]> = {
  // ws: four ranges [2.1.0,5.2.4) [6.0.0,6.2.3) [7.0.0,7.5.10) [8.0.0,8.17.1).
  'npm/GHSA-3h5v-q93c-6h6q.json': [
    ['npm', 'ws', '2.0.9', false],
    ['npm', 'ws', '2.1.0', true],
    ['npm', 'ws', '5.2.3', true],
    ['npm', 'ws', '5.2.4', false],
    ['npm', 'ws', '5.9.0', false],
    ['npm', 'ws', '6.2.2', true],
    ['npm', 'ws', '6.2.3', false],
    ['npm', 'ws', '7.5.10', false],
    ['npm', 'ws', '8.0.0', true],
    ['npm', 'ws', '8.17.1', false],
    ['npm', 'WS', '8.0.0', false],
    ['PyPI', 'ws', '8.0.0', false],
  ],
  // lodash fixed 4.17.21; lodash.trim last_affected 4.5.1 (inclusive).
  'npm/GHSA-29mw-wpgm-hmr9.json': [
    ['npm', 'lodash', '4.17.20', true],
    ['npm', 'lodash', '4.17.21', false],
    ['npm', 'lodash-es', '0.1.0', true],
    ['npm', 'lodash.trim', '4.5.1', true],
    ['npm', 'lodash.trim', '4.5.2', false],
    ['npm', 'lodash.trimend', '1.0.0', true],
  ],
  // bootstrap [3.0.0,3.4.0) and [4.0.0-beta,4.0.0-beta.2): pre-release boundaries.
  'npm/GHSA-4p24-vmcr-4gqj.json': [
    ['npm', 'bootstrap', '2.3.2', false],
    ['npm', 'bootstrap', '3.3.7', true],
    ['npm', 'bootstrap', '4.0.0-alpha.6', false],
    ['npm', 'bootstrap', '4.0.0-beta', true],
    ['npm', 'bootstrap', '4.0.0-beta.1', true],
    ['npm', 'bootstrap', '4.0.0-beta.2', false],
    ['npm', 'bootstrap', '4.0.0', false],
  ],
  // pug-code-gen last_affected 2.0.3; pug fixed 3.0.3.
  'npm/GHSA-3965-hpx2-q597.json': [
    ['npm', 'pug-code-gen', '2.0.3', true],
    ['npm', 'pug-code-gen', '3.0.0', false],
    ['npm', 'pug', '3.0.2', true],
    ['npm', 'pug', '3.0.3', false],
  ],
  // next [0.9.9,11.1.3) and [12.0.0,12.0.5).
  'npm/GHSA-25mp-g6fv-mqxx.json': [
    ['npm', 'next', '0.9.8', false],
    ['npm', 'next', '0.9.9', true],
    ['npm', 'next', '11.1.3', false],
    ['npm', 'next', '12.0.4', true],
    ['npm', 'next', '12.0.5', false],
  ],
  // woodstox-core: two affected entries, [0,5.4.0) and [6.0.0,6.4.0).
  'Maven/GHSA-3f7h-mf4q-vrm4.json': [
    ['Maven', 'com.fasterxml.woodstox:woodstox-core', '5.3.0', true],
    ['Maven', 'com.fasterxml.woodstox:woodstox-core', '5.4.0', false],
    ['Maven', 'com.fasterxml.woodstox:woodstox-core', '6.0.0', true],
    ['Maven', 'com.fasterxml.woodstox:woodstox-core', '6.4.0', false],
    ['Maven', 'com.fasterxml.woodstox:woodstox-core', '6.4.0.Final', false],
  ],
  // log4j 1.x: last_affected 1.2.17.
  'Maven/GHSA-f7vh-qwp3-x37m.json': [
    ['Maven', 'log4j:log4j', '1.2.16', true],
    ['Maven', 'log4j:log4j', '1.2.17', true],
    ['Maven', 'log4j:log4j', '1.2.18', false],
  ],
  // Go stdlib SEMVER [0,1.18.6) and [1.19.0-0,1.19.1); x/net fixed at a pseudo-version.
  'Go/GO-2022-0969.json': [
    ['Go', 'stdlib', '1.18.5', true],
    ['Go', 'stdlib', '1.18.6', false],
    ['Go', 'stdlib', '1.19.0-rc.1', true],
    ['Go', 'stdlib', '1.19.0', true],
    ['Go', 'stdlib', '1.19.1', false],
    ['Go', 'golang.org/x/net', 'v0.0.0-20220906000000-abcdefabcdef', true],
    ['Go', 'golang.org/x/net', 'v0.0.0-20220906165146-f3363e06e74c', false],
    ['Go', 'golang.org/x/net', 'v0.1.0', false],
  ],
  // hyper: SEMVER [0.0.0-0,0.14.10).
  'crates.io/RUSTSEC-2021-0078.json': [
    ['crates.io', 'hyper', '0.13.0', true],
    ['crates.io', 'hyper', '0.14.9', true],
    ['crates.io', 'hyper', '0.14.10', false],
    ['crates.io', 'hyper', '1.0.0', false],
  ],
  // flask-cors: ECOSYSTEM [0,3.0.9) plus a versions list; PEP 503 names, PEP 440 equality.
  'PyPI/flask-cors/PYSEC-2020-43.yaml': [
    ['PyPI', 'flask-cors', '2.0.0rc1', true],
    ['PyPI', 'Flask_CORS', '3.0.8', true],
    ['PyPI', 'flask.cors', '3.0.9', false],
    ['PyPI', 'flask-cors', '3.0.10', false],
    ['PyPI', 'flask-cors', '1.0.0', true],
    ['PyPI', 'flaskcors', '1.0', false],
  ],
  // Withdrawn: every version of gorilla/sessions was listed, none match.
  'Go/GO-2024-2730.json': [['Go', 'github.com/gorilla/sessions', '1.2.1', false]],
};

for (const [file, cases] of Object.entries(REAL)) {
  test(`${file}: hand-checked versions`, { skip }, () => {
    const osv = record(file);
    for (const [ecosystem, name, version, expected] of cases) {
      assert.equal(isAffected(osv, ecosystem, name, version), expected, `${name}@${version}`);
    }
  });
}

test('withdrawn records say why they never match', { skip }, () => {
  const result = checkAffected(
    record('Go/GO-2024-2730.json'),
    'Go',
    'github.com/gorilla/sessions',
    '1.2.1',
  );
  assert.equal(result.affected, false);
  assert.match(result.reason ?? '', /withdrawn/);
});

test('an unparseable version is not affected, with a reason', { skip }, () => {
  const result = checkAffected(
    record('crates.io/RUSTSEC-2021-0078.json'),
    'crates.io',
    'hyper',
    'latest',
  );
  assert.equal(result.affected, false);
  assert.match(result.reason ?? '', /not a semantic version/);
  const pypi = checkAffected(
    record('PyPI/flask-cors/PYSEC-2020-43.yaml'),
    'PyPI',
    'flask-cors',
    'not a version!',
  );
  assert.equal(pypi.affected, false);
  assert.match(pypi.reason ?? '', /PyPI/);
});

function synthetic(affected: unknown): OsvRecord {
  const parsed = parseOsvRecord({ id: 'OSV-TEST-1', modified: '2024-01-01T00:00:00Z', affected });
  assert.ok(parsed.ok);
  return parsed.record;
}

test('an ecosystem Vigil cannot order is not affected, with a reason', () => {
  const osv = synthetic([
    {
      package: { ecosystem: 'Julia', name: 'HTTP' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    },
  ]);
  assert.deepEqual(checkAffected(osv, 'Julia', 'HTTP', '1.0.0'), {
    affected: false,
    reason: 'cannot order versions of ecosystem "Julia"',
  });
});

test('an explicit versions list matches without any ordering, GIT ranges are skipped', () => {
  const osv = synthetic([
    {
      package: { ecosystem: 'Julia', name: 'HTTP' },
      ranges: [{ type: 'GIT', repo: 'https://example.com/r', events: [{ introduced: '0' }] }],
      versions: ['1.2.0'],
    },
  ]);
  assert.equal(isAffected(osv, 'Julia', 'HTTP', '1.2.0'), true);
  assert.deepEqual(checkAffected(osv, 'Julia', 'HTTP', '1.3.0'), { affected: false });
});

test('limit events bound a range; "*" is infinity; several limits widen it', () => {
  const limited = synthetic([
    {
      package: { ecosystem: 'npm', name: 'p' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] }],
    },
  ]);
  assert.equal(isAffected(limited, 'npm', 'p', '0.9.0'), false);
  assert.equal(isAffected(limited, 'npm', 'p', '1.4.9'), true);
  assert.equal(isAffected(limited, 'npm', 'p', '1.5.0'), false);
  const open = synthetic([
    {
      package: { ecosystem: 'npm', name: 'p' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '*' }] }],
    },
  ]);
  assert.equal(isAffected(open, 'npm', 'p', '99.0.0'), true);
  const two = synthetic([
    {
      package: { ecosystem: 'npm', name: 'p' },
      ranges: [
        {
          type: 'SEMVER',
          events: [
            { limit: '2.0.0' },
            { introduced: '1.0.0' },
            { limit: '1.5.0' },
            { fixed: '1.8.0' },
          ],
        },
      ],
    },
  ]);
  assert.equal(isAffected(two, 'npm', 'p', '1.7.0'), true);
  assert.equal(isAffected(two, 'npm', 'p', '1.8.0'), false);
});

test('events are evaluated in version order, not record order', () => {
  const osv = synthetic([
    {
      package: { ecosystem: 'PyPI', name: 'p' },
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [{ fixed: '2.0' }, { introduced: '1.5' }, { fixed: '1.2' }, { introduced: '0' }],
        },
      ],
    },
  ]);
  assert.equal(isAffected(osv, 'PyPI', 'p', '1.1'), true);
  assert.equal(isAffected(osv, 'PyPI', 'p', '1.3'), false);
  assert.equal(isAffected(osv, 'PyPI', 'p', '1.5rc1'), false);
  assert.equal(isAffected(osv, 'PyPI', 'p', '1.5'), true);
  assert.equal(isAffected(osv, 'PyPI', 'p', '2.0'), false);
});

test('SEMVER ranges use semver whatever the ecosystem; introduced "0" precedes everything', () => {
  const osv = synthetic([
    {
      package: { ecosystem: 'PyPI', name: 'p' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
    },
  ]);
  assert.equal(isAffected(osv, 'PyPI', 'p', '0.0.0-alpha'), true);
  assert.equal(isAffected(osv, 'PyPI', 'p', '1.0.0-rc.1'), true);
  // PEP 440 would read this as 1.0rc1, but a SEMVER range needs a semantic version.
  assert.equal(checkAffected(osv, 'PyPI', 'p', '1.0rc1').affected, false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNugetPackagesLock } from './parseNugetPackagesLock.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/dotnet/packageslockjson/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function summary(text: string) {
  const result = parseNugetPackagesLock(text, 'packages.lock.json');
  assert.ok(result.ok);
  assert.deepEqual(result.warnings, []);
  return result.packages.map(
    (p) => `${p.purl} ${p.direct ? 'direct' : 'indirect'} ${p.source} ${String(p.location.line)}`,
  );
}

test('the valid fixture parses and the invalid one fails cleanly', { skip }, () => {
  const valid = readFileSync(`${FIXTURES}valid/packages.lock.json`, 'utf8');
  assert.deepEqual(summary(valid), [
    'pkg:nuget/Core.Dep@1.24.0 direct registry 5',
    'pkg:nuget/Some.Dep.One@1.1.1 indirect registry 20',
    'pkg:nuget/Some.Dep.Two@4.6.0 indirect registry 25',
    'pkg:nuget/Some.Dep.Three@1.0.2 indirect registry 30',
    'pkg:nuget/Some.Dep.Four@4.5.0 indirect registry 39',
    'pkg:nuget/Some.Longer.Name.Dep@4.7.2 indirect registry 44',
    'pkg:nuget/Some.Dep.Five@4.7.2 indirect registry 49',
    'pkg:nuget/Another.Longer.Name.Dep@4.5.4 indirect registry 54',
  ]);
  const five = parseNugetPackagesLock(valid, 'packages.lock.json');
  assert.ok(five.ok);
  assert.deepEqual(five.packages[6]?.paths, [
    ['(root)', 'Core.Dep', 'Some.Dep.Five'],
    ['(root)', 'Core.Dep', 'Some.Dep.Three', 'Some.Dep.Five'],
  ]);
  const invalid = readFileSync(`${FIXTURES}invalid/invalid`, 'utf8');
  assert.equal(parseNugetPackagesLock(invalid, 'invalid').ok, false);
});

test('frameworks merge; Project references are local', () => {
  const lock = JSON.stringify(
    {
      version: 1,
      dependencies: {
        'net6.0': {
          'Newtonsoft.Json': { type: 'Transitive', resolved: '13.0.1' },
          Lib: { type: 'Project', dependencies: { 'newtonsoft.json': '[13.0.1, )' } },
        },
        'net8.0': {
          'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.1, )', resolved: '13.0.1' },
          Serilog: { type: 'CentralTransitive', requested: '[3.0.0, )', resolved: '3.0.0' },
        },
      },
    },
    null,
    2,
  );
  assert.deepEqual(summary(lock), [
    'pkg:nuget/Newtonsoft.Json@13.0.1 direct registry 5',
    'pkg:nuget/Lib direct local 9',
    'pkg:nuget/Serilog@3.0.0 indirect registry 22',
  ]);
});

test('an empty lock has no packages', () => {
  assert.deepEqual(summary('{"version": 1, "dependencies": {"net6.0": {}}}'), []);
});

test('malformed input fails cleanly or is skipped with a warning', () => {
  assert.deepEqual(parseNugetPackagesLock('{"version": 1}', 'packages.lock.json'), {
    ok: false,
    error: { message: 'a packages.lock.json must be an object with "dependencies"', line: 1 },
  });
  const result = parseNugetPackagesLock(
    '{"dependencies": {\n"net6.0": {\n"A": {"type": "Direct"},\n"B": 3\n},\n"net7.0": []\n}}',
    'packages.lock.json',
  );
  assert.deepEqual(result, {
    ok: true,
    packages: [],
    warnings: [
      'packages.lock.json:3: net6.0.A has no type and version; skipped',
      'packages.lock.json:2: net6.0.B has no type and version; skipped',
      'packages.lock.json:1: net7.0 is not an object; skipped',
    ],
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { smallestFix } from './fixVersion.js';
import { parseOsvRecord, type OsvRecord } from './osvRecord.js';

const OSV = fileURLToPath(new URL('../../../../../shared/data/osv/', import.meta.url));
const skip = existsSync(OSV) ? false : `shared OSV records not found at ${OSV}`;

function record(file: string): OsvRecord {
  const text = readFileSync(OSV + file, 'utf8');
  const parsed = parseOsvRecord(file.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text));
  assert.ok(parsed.ok, file);
  return parsed.record;
}

const CASES: [
  file: string,
  ecosystem: string,
  name: string,
  version: string,
  fix: string | undefined,
][] = [
  // ws fixes 5.2.4, 6.2.3, 7.5.10, 8.17.1: stay on the major line when it has a fix.
  ['npm/GHSA-3h5v-q93c-6h6q.json', 'npm', 'ws', '7.1.0', '7.5.10'],
  ['npm/GHSA-3h5v-q93c-6h6q.json', 'npm', 'ws', '6.0.0', '6.2.3'],
  ['npm/GHSA-3h5v-q93c-6h6q.json', 'npm', 'ws', '2.1.0', '5.2.4'],
  ['npm/GHSA-3h5v-q93c-6h6q.json', 'npm', 'ws', '8.17.1', undefined],
  // tar fixes 3.2.2, 4.4.14, 5.0.6, 6.1.1.
  ['npm/GHSA-3jfq-g458-7qm9.json', 'npm', 'tar', '4.4.0', '4.4.14'],
  ['npm/GHSA-3jfq-g458-7qm9.json', 'npm', 'tar', '2.2.1', '3.2.2'],
  // Only last_affected: no fix to offer.
  ['npm/GHSA-29mw-wpgm-hmr9.json', 'npm', 'lodash.trim', '4.5.1', undefined],
  [
    'Maven/GHSA-3f7h-mf4q-vrm4.json',
    'Maven',
    'com.fasterxml.woodstox:woodstox-core',
    '5.3.0',
    '5.4.0',
  ],
  [
    'Maven/GHSA-3f7h-mf4q-vrm4.json',
    'Maven',
    'com.fasterxml.woodstox:woodstox-core',
    '6.2.0',
    '6.4.0',
  ],
  ['Go/GO-2022-0969.json', 'Go', 'stdlib', '1.19.0', '1.19.1'],
  ['Go/GO-2022-0969.json', 'Go', 'stdlib', '1.17.0', '1.18.6'],
  ['crates.io/RUSTSEC-2021-0078.json', 'crates.io', 'hyper', '0.14.0', '0.14.10'],
  ['PyPI/flask-cors/PYSEC-2020-43.yaml', 'PyPI', 'Flask-Cors', '2.1.0', '3.0.9'],
  ['PyPI/flask-cors/PYSEC-2020-43.yaml', 'PyPI', 'flask-cors', 'not a version!', undefined],
];

for (const [file, ecosystem, name, version, fix] of CASES) {
  test(`${file}: ${name}@${version} → ${fix ?? 'no fix'}`, { skip }, () => {
    assert.equal(smallestFix(record(file), ecosystem, name, version), fix);
  });
}

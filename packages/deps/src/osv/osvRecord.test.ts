import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { parseOsvRecord } from './osvRecord.js';

// Real OSV records and the OSV JSON Schema (see shared/data/SOURCES.md), from packages/deps/dist/osv/.
const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const OSV = join(DATA, 'osv');
const SCHEMA = join(DATA, 'schemas/osv/schema.json');
const missing =
  existsSync(OSV) && existsSync(SCHEMA) ? false : `shared OSV data not found at ${DATA}`;

// Published upstream in this form; SOURCES.md lists them as not following the schema.
const KNOWN_INVALID = new Set([
  'binderhub/PYSEC-2021-371.yaml',
  'matrix-synapse/PYSEC-2021-424.yaml',
  'matrix-synapse/PYSEC-2021-425.yaml',
  'matrix-synapse/PYSEC-2021-436.yaml',
  'python-dbusmock/PYSEC-2019-155.yaml',
  'python-fedora/PYSEC-2017-27.yaml',
  'vyper/PYSEC-2023-80.yaml',
]);

function* recordFiles(): Generator<[relative: string, path: string]> {
  for (const entry of readdirSync(OSV, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(json|yaml)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    yield [path.slice(OSV.length + 1), path];
  }
}

/** YAML 1.2 (the `yaml` default) keeps unquoted timestamps as strings, as the schema wants. */
function load(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text);
}

test(
  'accepts every real record the OSV schema accepts, rejects the known-invalid ones',
  { skip: missing },
  () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    let valid = 0;
    const rejectedValid: string[] = [];
    const invalid: Record<string, readonly string[]> = {};
    for (const [relative, path] of recordFiles()) {
      const json = load(path);
      const result = parseOsvRecord(json);
      if (validate(json)) {
        valid++;
        if (!result.ok) rejectedValid.push(`${relative}: ${result.problems.join('; ')}`);
      } else {
        invalid[relative.replace(/^PyPI\//, '')] = result.ok ? [] : result.problems;
      }
    }
    assert.deepEqual(rejectedValid, []);
    assert.ok(valid > 8000, `only ${valid} valid records found`);
    assert.deepEqual(new Set(Object.keys(invalid)), KNOWN_INVALID);
    for (const [file, problems] of Object.entries(invalid)) {
      assert.ok(
        problems.some((problem) => problem.includes('GIT ranges need full-length commit hashes')),
        `${file}: ${problems.join('; ')}`,
      );
    }
  },
);

test('names the exact field in a GIT range whose fixed is not a commit', { skip: missing }, () => {
  const result = parseOsvRecord(load(join(OSV, 'PyPI/vyper/PYSEC-2023-80.yaml')));
  assert.equal(result.ok, false);
  assert.ok(result.problems.some((p) => p.startsWith('affected[0].ranges[0].events[1].fixed:')));
});

test('lists every bad field, not just the first', () => {
  const result = parseOsvRecord({
    id: '',
    modified: '2024-01-01',
    aliases: 'CVE-1',
    severity: [{ type: 'CVSS_V9', score: 1 }],
    references: [{ type: 'BLOG', url: 'https://example.com' }],
    affected: [
      {
        package: { ecosystem: 'npm' },
        versions: [1],
        ranges: [
          { type: 'SEMVER', events: [{ fixed: '1.0.0' }, { introduced: '0', fixed: '2' }] },
          { type: 'GIT', events: [{ introduced: '0' }] },
          {
            type: 'ECOSYSTEM',
            events: [{ introduced: '0' }, { fixed: '1' }, { last_affected: '2' }],
          },
          { type: 'RANGE', events: [] },
        ],
      },
    ],
  });
  assert.equal(result.ok, false);
  assert.deepEqual([...result.problems].sort(), [
    'affected[0].package.name: must be a string',
    'affected[0].ranges[0].events: must contain an introduced event',
    'affected[0].ranges[0].events[1]: must have exactly one of introduced, fixed, last_affected, limit',
    'affected[0].ranges[1].repo: GIT ranges need a repo',
    'affected[0].ranges[2].events: must not mix fixed and last_affected events',
    'affected[0].ranges[3].events: must be a non-empty array',
    'affected[0].ranges[3].type: must be one of SEMVER, ECOSYSTEM, GIT',
    'affected[0].versions[0]: must be a string',
    'aliases: must be an array of strings',
    'id: must be a non-empty string',
    'modified: must be an RFC 3339 UTC timestamp string (YYYY-MM-DDTHH:MM:SSZ)',
    'references[0].type: must be one of ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT, PACKAGE, EVIDENCE, WEB',
    'severity[0].score: must be a string',
    'severity[0].type: must be one of CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu',
  ]);
});

test('tolerates unknown extra fields and rejects non-objects', () => {
  assert.equal(parseOsvRecord({ id: 'X-1', modified: '2024-01-01T00:00:00Z', x_new: 1 }).ok, true);
  assert.deepEqual(parseOsvRecord([]), { ok: false, problems: ['record: must be an object'] });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InventoryPackage } from '../inventory/inventoryPackage.js';
import type { OsvRecord } from '../osv/osvRecord.js';
import { findVulnerabilities } from './findVulnerabilities.js';
import { vulnerabilityFinding } from './vulnerabilityFinding.js';

function pkg(overrides: Partial<InventoryPackage> = {}): InventoryPackage {
  return {
    ecosystem: 'PyPI',
    name: 'Django',
    version: '3.2.0',
    purl: 'pkg:pypi/django@3.2.0',
    direct: true,
    scope: 'prod',
    source: 'registry',
    location: { path: 'requirements.txt', line: 3 },
    paths: [['app', 'Django']],
    ...overrides,
  };
}

function record(id: string, overrides: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'django' },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [
              { introduced: '3.0' },
              { fixed: '3.2.5' },
              { introduced: '4.0' },
              { fixed: '4.0.2' },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

const lookupOf =
  (records: readonly OsvRecord[]) =>
  (ecosystem: string, name: string): readonly OsvRecord[] =>
    ecosystem === 'PyPI' && name.toLowerCase() === 'django' ? records : [];

test('records that alias each other, directly or through a shared alias, are one match', () => {
  const records = [
    record('PYSEC-2021-1', { aliases: ['CVE-2021-1'] }),
    record('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2021-1'] }),
    record('PYSEC-2021-2', { aliases: ['CVE-2021-2'] }),
  ];
  const { matches, problems } = findVulnerabilities([pkg()], lookupOf(records));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    matches.map((match) => [match.id, match.aliases]),
    [
      ['GHSA-aaaa-bbbb-cccc', ['CVE-2021-1', 'PYSEC-2021-1']],
      ['PYSEC-2021-2', ['CVE-2021-2']],
    ],
  );
  assert.equal(matches[0]?.fixedIn, '3.2.5');
});

test('withdrawn records, unaffected versions and non-registry packages never match', () => {
  const records = [record('PYSEC-1', { withdrawn: '2024-02-01T00:00:00Z' })];
  assert.deepEqual(findVulnerabilities([pkg()], lookupOf(records)).matches, []);
  assert.deepEqual(
    findVulnerabilities([pkg({ version: '3.2.5' })], lookupOf([record('X')])).matches,
    [],
  );
  for (const source of ['local', 'git', 'url'] as const) {
    assert.deepEqual(findVulnerabilities([pkg({ source })], lookupOf([record('X')])).matches, []);
  }
});

test('an unparseable version is a problem naming the record, not a match and not a crash', () => {
  const { matches, problems } = findVulnerabilities(
    [pkg({ version: 'not a version!' })],
    lookupOf([record('PYSEC-9')]),
  );
  assert.deepEqual(matches, []);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.recordId, 'PYSEC-9');
  assert.match(problems[0].reason, /not a PyPI version/);
});

test('the finding: rule per advisory, lockfile location, path, fix; dev findings do not gate unless asked', () => {
  const [match] = findVulnerabilities(
    [
      pkg({
        direct: false,
        scope: 'dev',
        paths: [['app', 'pytest-django', 'Django']],
      }),
    ],
    lookupOf([
      record('GHSA-aaaa-bbbb-cccc', {
        aliases: ['CVE-2021-1'],
        summary: 'SQL injection in QuerySet.order_by',
        database_specific: { severity: 'HIGH', cwe_ids: ['CWE-89'] },
      }),
    ]),
  ).matches;
  assert.ok(match);
  const finding = vulnerabilityFinding(match, { includeDev: false });
  assert.equal(finding.ruleId, 'deps/GHSA-aaaa-bbbb-cccc');
  assert.equal(finding.severity, 'high');
  assert.deepEqual(finding.cwe, ['CWE-89']);
  assert.deepEqual(finding.aliases, ['CVE-2021-1']);
  assert.deepEqual(finding.location, {
    kind: 'package',
    purl: 'pkg:pypi/django@3.2.0',
    file: { path: 'requirements.txt', startLine: 3 },
  });
  assert.match(
    finding.message,
    /Fixed in 3\.2\.5\. Introduced through app > pytest-django > Django\./,
  );
  assert.match(
    finding.remediation ?? '',
    /Upgrade Django to 3\.2\.5 or later \(or upgrade the package that depends on it: pytest-django\)/,
  );
  assert.ok(finding.nonBlocking);
  assert.equal(vulnerabilityFinding(match, { includeDev: true }).nonBlocking, undefined);
  assert.equal(finding.references[0], 'https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc');
});

test('a malicious-package record is critical and says to remove the package', () => {
  const [match] = findVulnerabilities(
    [pkg()],
    lookupOf([record('MAL-2024-1', { summary: 'Malicious code in django' })]),
  ).matches;
  assert.ok(match);
  const finding = vulnerabilityFinding(match, { includeDev: false });
  assert.equal(finding.severity, 'critical');
  assert.match(finding.remediation ?? '', /^Remove Django/);
});

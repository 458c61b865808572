import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isVigilError } from '@vigil/core';
import { importOsvData, type ImportWarning } from './importOsvData.js';
import { lockDatabase } from './dbLock.js';
import { OsvDatabase } from './OsvDatabase.js';
import { osvRecord, writeZip } from './zipFixture.test.support.js';

const sharedOsv = fileURLToPath(new URL('../../../../../shared/data/osv/', import.meta.url));

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-osvdb-'));
}

function open(directory: string): OsvDatabase {
  const opened = OsvDatabase.open(directory);
  assert.ok(opened.ok, JSON.stringify(opened));
  return opened.database;
}

function ids(database: OsvDatabase, ecosystem: string, name: string): string[] {
  return database
    .recordsFor(ecosystem, name)
    .map((record) => record.id)
    .sort();
}

test('a directory of real records (JSON and YAML) becomes a database that finds them by package', async (t) => {
  if (!existsSync(sharedOsv)) {
    t.skip('shared OSV data not found (see shared/data/SOURCES.md)');
    return;
  }
  const directory = join(scratch(), 'osv');
  const warnings: ImportWarning[] = [];
  const summary = await importOsvData(
    directory,
    [join(sharedOsv, 'npm'), join(sharedOsv, 'PyPI')],
    {
      mode: 'merge',
      source: 'shared',
      onWarning: (warning) => warnings.push(warning),
    },
  );
  assert.equal(summary.recordsRead, 120 + 2654);
  assert.equal(summary.invalid, 7, 'the 7 schema-breaking PyPI records named in SOURCES.md');
  assert.equal(warnings.length, 7);
  assert.ok(warnings.every((warning) => /PYSEC-\d+-\d+\.yaml$/.test(warning.origin)));
  const database = open(directory);
  assert.deepEqual(ids(database, 'npm', 'lodash'), [
    'GHSA-29mw-wpgm-hmr9',
    'GHSA-35jh-r3h4-6jhm',
    'GHSA-4xc9-xhrj-v574',
    'GHSA-fvqr-27wr-82fm',
    'GHSA-jf85-cpcp-j695',
    'GHSA-p6mc-m468-83gw',
    'GHSA-x5rq-j2xg-h7qm',
  ]);
  // PyPI names compare in PEP 503 form, whatever the lockfile's spelling.
  assert.deepEqual(ids(database, 'PyPI', 'PyJWT'), ['PYSEC-2017-24', 'PYSEC-2022-202']);
  assert.deepEqual(ids(database, 'PyPI', 'Py_JWT'), []);
  assert.deepEqual(ids(database, 'npm', 'no-such-package'), []);
  assert.deepEqual(ids(database, 'Go', 'golang.org/x/text'), [], 'no Go data imported');
  database.close();
});

test('a zip archive: invalid members are warnings naming archive, member and line; the rest imports', async () => {
  const root = scratch();
  const archive = join(root, 'all.zip');
  await writeZip(archive, {
    'GHSA-1111-1111-1111.json': osvRecord('GHSA-1111-1111-1111', 'npm', 'left-pad', '1.3.0'),
    'truncated.json': '{\n  "id": "GHSA-2222",\n  "modified": ',
    'no-id.json': JSON.stringify({ modified: '2024-01-01T00:00:00Z' }),
    'PYSEC-2024-1.yaml': [
      'id: PYSEC-2024-1',
      'modified: 2024-02-03T04:05:06Z',
      'affected:',
      '  - package: {ecosystem: PyPI, name: Some.Package}',
      '    ranges: [{type: ECOSYSTEM, events: [{introduced: "0"}, {fixed: "2.0"}]}]',
      '',
    ].join('\n'),
    'README.txt': 'not a record',
  });
  const directory = join(root, 'db');
  const warnings: ImportWarning[] = [];
  const summary = await importOsvData(directory, [archive], {
    mode: 'merge',
    source: archive,
    onWarning: (warning) => warnings.push(warning),
  });
  assert.equal(summary.recordsRead, 2);
  assert.deepEqual(
    warnings.map((warning) => [warning.origin.replace(root, ''), warning.message]),
    [
      ['/all.zip!truncated.json', 'invalid JSON at line 3, column 15: unexpected end of JSON'],
      ['/all.zip!no-id.json', 'not a valid OSV record: id: must be a non-empty string'],
    ],
  );
  const database = open(directory);
  assert.deepEqual(ids(database, 'npm', 'left-pad'), ['GHSA-1111-1111-1111']);
  assert.deepEqual(ids(database, 'PyPI', 'some-package'), ['PYSEC-2024-1']);
  const [record] = database.recordsFor('PyPI', 'some-package');
  assert.equal(record?.modified, '2024-02-03T04:05:06Z', 'YAML timestamps stay strings');
  database.close();
});

test('merge keeps earlier records, replaces same-id ones by the newer; replace drops the rest', async () => {
  const root = scratch();
  const first = join(root, 'first');
  const second = join(root, 'second');
  const directory = join(root, 'db');
  mkdirSync(first);
  mkdirSync(second);
  writeFileSync(join(first, 'a.json'), osvRecord('GHSA-aaaa', 'npm', 'a', '1.0.0'));
  writeFileSync(join(first, 'b.json'), osvRecord('GHSA-bbbb', 'npm', 'b', '1.0.0'));
  writeFileSync(join(first, 'c.json'), osvRecord('RUSTSEC-2024-0001', 'crates.io', 'c', '1.0.0'));
  await importOsvData(directory, [first], { mode: 'merge', source: 'first' });
  writeFileSync(
    join(second, 'b.json'),
    osvRecord('GHSA-bbbb', 'npm', 'b', '2.0.0', { modified: '2025-01-01T00:00:00Z' }),
  );
  writeFileSync(join(second, 'd.json'), osvRecord('GHSA-dddd', 'npm', 'd', '1.0.0'));
  await importOsvData(directory, [second], { mode: 'merge', source: 'second' });
  let database = open(directory);
  assert.deepEqual(ids(database, 'npm', 'a'), ['GHSA-aaaa']);
  assert.deepEqual(ids(database, 'npm', 'd'), ['GHSA-dddd']);
  const [b] = database.recordsFor('npm', 'b');
  assert.equal(b?.affected?.[0]?.ranges?.[0]?.events[1]?.fixed, '2.0.0');
  assert.equal(database.segmentOf('npm')?.records, 3);
  assert.equal(database.segmentOf('npm')?.source, 'second');
  assert.equal(database.segmentOf('crates.io')?.source, 'first', 'other ecosystems untouched');
  database.close();

  await importOsvData(directory, [second], {
    mode: 'replace',
    onlyEcosystem: 'npm',
    source: 'export',
  });
  database = open(directory);
  assert.deepEqual(ids(database, 'npm', 'a'), [], 'replace drops records the export no longer has');
  assert.deepEqual(ids(database, 'crates.io', 'c'), ['RUSTSEC-2024-0001']);
  database.close();
  const segments = readdirSync(join(directory, 'segments'));
  assert.equal(segments.length, 2, 'old segments are removed once unreferenced');
});

test('a corrupt or truncated archive aborts the import and leaves the previous database intact', async () => {
  const root = scratch();
  const directory = join(root, 'db');
  const good = join(root, 'good.zip');
  await writeZip(good, { 'x.json': osvRecord('GHSA-xxxx', 'npm', 'x', '1.0.0') });
  await importOsvData(directory, [good], { mode: 'merge', source: 'good' });
  const manifestBefore = readFileSync(join(directory, 'manifest.json'), 'utf8');

  const bytes = readFileSync(good);
  const truncated = join(root, 'truncated.zip');
  writeFileSync(truncated, bytes.subarray(0, bytes.length - 30));
  const html = join(root, 'error.zip');
  writeFileSync(html, '<html><body>503 Service Unavailable</body></html>');
  const flipped = Buffer.from(bytes);
  flipped[40] = (flipped[40] ?? 0) ^ 0xff;
  const corrupt = join(root, 'corrupt.zip');
  writeFileSync(corrupt, flipped);

  for (const source of [truncated, html, corrupt]) {
    await assert.rejects(
      importOsvData(directory, [good, source], { mode: 'merge', source }),
      (error: unknown) => isVigilError(error) && error.code === 'DB_SOURCE_INVALID',
      source,
    );
    assert.equal(readFileSync(join(directory, 'manifest.json'), 'utf8'), manifestBefore);
    assert.deepEqual(
      readdirSync(join(directory, 'segments')).filter((name) => name.startsWith('.tmp')),
      [],
    );
    const database = open(directory);
    assert.deepEqual(ids(database, 'npm', 'x'), ['GHSA-xxxx']);
    database.close();
  }
  assert.equal(existsSync(join(directory, 'lock')), false, 'the lock is released after a failure');
});

test('one writer at a time: a live lock refuses, a stale one is taken over', async () => {
  const directory = scratch();
  const release = lockDatabase(directory);
  await assert.rejects(
    importOsvData(directory, [directory], { mode: 'merge', source: 'x' }),
    (error: unknown) => isVigilError(error) && error.code === 'DB_LOCKED',
  );
  release();
  // A pid far above any the kernel hands out stands for a crashed writer.
  writeFileSync(join(directory, 'lock'), '2147483646');
  const summary = await importOsvData(directory, [directory], { mode: 'merge', source: 'x' });
  assert.equal(summary.recordsRead, 0);
});

test('a hostile record (huge versions list, odd names) is stored or refused without breaking the index', async () => {
  const root = scratch();
  const source = join(root, 'records');
  mkdirSync(source);
  const versions = Array.from({ length: 50_000 }, (_, index) => `1.0.${String(index)}`);
  writeFileSync(
    join(source, 'big.json'),
    JSON.stringify({
      id: 'GHSA-big',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'big' }, versions }],
    }),
  );
  writeFileSync(join(source, 'tab.json'), osvRecord('GHSA-tab', 'npm', 'bad\tname', '1.0.0'));
  writeFileSync(join(source, 'unicode.json'), osvRecord('GHSA-uni', 'npm', 'ünï-cødé', '1.0.0'));
  const directory = join(root, 'db');
  await importOsvData(directory, [source], { mode: 'merge', source });
  const database = open(directory);
  assert.equal(database.recordsFor('npm', 'big')[0]?.affected?.[0]?.versions?.length, 50_000);
  assert.deepEqual(ids(database, 'npm', 'ünï-cødé'), ['GHSA-uni']);
  assert.deepEqual(ids(database, 'npm', 'bad\tname'), []);
  database.close();
});

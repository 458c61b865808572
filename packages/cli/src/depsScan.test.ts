import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { multiEcosystemProject } from './multiEcosystemProject.test.support.js';
import { makeTree, runVigil } from './testing.js';

const osvData = fileURLToPath(new URL('../../../../shared/data/osv/', import.meta.url));
/** The tests need the shared OSV records; without them they say so instead of failing. */
const needsSharedData = {
  skip: existsSync(osvData) ? false : 'shared OSV data not found (see shared/data/SOURCES.md)',
};
const sarifSchema = fileURLToPath(
  new URL('../../../../shared/data/schemas/sarif/sarif-schema-2.1.0.json', import.meta.url),
);

interface JsonFinding {
  ruleId: string;
  severity: string;
  status: string;
  blocking: boolean;
  aliases?: string[];
  nonBlocking?: string;
  location: { kind: string; purl: string; file?: { path: string; startLine?: number } };
  dependency: {
    ecosystem: string;
    name: string;
    version: string;
    scope: string;
    direct: boolean;
    paths: string[][];
    fixedIn?: string;
  };
}

interface JsonReport {
  findings: JsonFinding[];
  policy: { failed: boolean };
  warnings: { code: string; message: string; path?: string; line?: number }[];
}

/** One database per test run, imported from the shared OSV records through the CLI. */
let database: string | undefined;
function importedDatabase(): string {
  if (database !== undefined) return database;
  const directory = join(mkdtempSync(join(tmpdir(), 'vigil-db-')), 'osv');
  const imported = runVigil(['db', 'import', osvData, '--db', directory], tmpdir());
  assert.equal(imported.status, 0, imported.stderr);
  database = directory;
  return directory;
}

function scanJson(root: string, args: readonly string[] = []): JsonReport {
  const result = runVigil(['scan', root, '--scanners', 'deps', '--format', 'json', ...args], root, {
    VIGIL_DB_DIR: importedDatabase(),
  });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as JsonReport;
}

/**
 * Expectations checked by hand against the records in shared/data/osv: every advisory whose
 * ranges include the locked version, none whose fix is at or below it, withdrawn ones never.
 */
const expected: Record<string, { ids: string[]; fixedIn: (string | undefined)[] }> = {
  // lodash: GHSA-p6mc is fixed in 4.17.20 itself; the two below are fixed in 4.17.21.
  'npm lodash 4.17.20': {
    ids: ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm'],
    fixedIn: ['4.17.21', '4.17.21'],
  },
  // qs: the 6.2.0 – 6.2.3 range; jjv7 and the withdrawn crvj are fixed in 1.0.0.
  'npm qs 6.2.1': { ids: ['GHSA-gqgv-6jq5-jjj9'], fixedIn: ['6.2.3'] },
  // minimist: GHSA-7fhm is withdrawn; vh95 is fixed in 1.2.3, xvch in 1.2.6.
  'npm minimist 1.2.0': {
    ids: ['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h'],
    fixedIn: ['1.2.3', '1.2.6'],
  },
  // requests: 2014-13/-14 are fixed in 2.3.0, 2015-17 in 2.6.0.
  'PyPI requests 2.19.1': {
    ids: ['PYSEC-2018-28', 'PYSEC-2023-74'],
    fixedIn: ['2.20.0', '2.31.0'],
  },
  // PyJWT (normalised to pyjwt): fixed in 1.5.1 on the 1.x line; 2022-202 only in 2.4.0.
  'PyPI PyJWT 1.5.0': { ids: ['PYSEC-2017-24', 'PYSEC-2022-202'], fixedIn: ['1.5.1', '2.4.0'] },
  // golang.org/x/text: GO-2021-0113 is fixed in v0.3.7 itself.
  'Go golang.org/x/text 0.3.7': {
    ids: ['GO-2022-1059', 'GO-2026-5970'],
    fixedIn: ['0.3.8', '0.39.0'],
  },
  'crates.io smallvec 1.6.0': { ids: ['RUSTSEC-2021-0003'], fixedIn: ['1.6.1'] },
  'Maven com.fasterxml.jackson.core:jackson-databind 2.13.2': {
    ids: ['GHSA-57j2-w4cx-62h2', 'GHSA-jjjh-jjxp-wpff', 'GHSA-rgv9-q543-rqg4'],
    fixedIn: ['2.13.2.1', '2.13.4.1', '2.13.4'],
  },
  // last_affected 1.2.17, and no fix at all.
  'Maven log4j:log4j 1.2.17': { ids: ['GHSA-f7vh-qwp3-x37m'], fixedIn: [undefined] },
  'Packagist guzzlehttp/psr7 1.8.3': { ids: ['GHSA-q7rv-6hp3-vh96'], fixedIn: ['1.8.4'] },
  'RubyGems google-protobuf 3.19.1': { ids: ['GHSA-wrvw-hg22-4m67'], fixedIn: ['3.19.2'] },
  // NuGet ids compare without case: the record says Google.Protobuf.
  'NuGet google.protobuf 3.14.0': { ids: ['GHSA-77rm-9x9h-xj3g'], fixedIn: ['3.15.0'] },
};

test(
  'vigil scan reports exactly the advisories OSV defines for each ecosystem, with fixes and paths',
  needsSharedData,
  () => {
    const root = makeTree(multiEcosystemProject);
    const report = scanJson(root);
    const actual: Record<string, { ids: string[]; fixedIn: (string | undefined)[] }> = {};
    for (const finding of [...report.findings].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1))) {
      const { ecosystem, name, version, fixedIn } = finding.dependency;
      const key = `${ecosystem} ${name} ${version}`;
      const entry = (actual[key] ??= { ids: [], fixedIn: [] });
      entry.ids.push(finding.ruleId.replace(/^deps\//, ''));
      entry.fixedIn.push(fixedIn);
    }
    assert.deepEqual(actual, expected);

    const qs = report.findings.find((finding) => finding.dependency.name === 'qs');
    assert.deepEqual(qs?.dependency.paths, [['shop', 'express-lite', 'qs']]);
    assert.equal(qs.dependency.direct, false);
    assert.equal(qs.location.purl, 'pkg:npm/qs@6.2.1');
    assert.deepEqual(qs.location.file, { path: 'package-lock.json', startLine: 27 });
    const smallvec = report.findings.find((finding) => finding.dependency.name === 'smallvec');
    assert.equal(smallvec?.severity, 'critical', 'CVSS 3.1 9.8 from the vector');
    assert.deepEqual(smallvec.aliases, ['CVE-2021-25900', 'GHSA-43w2-9j62-hq99']);
  },
);

test(
  'vulnerable dev dependencies are reported but do not fail the gate unless --include-dev',
  needsSharedData,
  () => {
    const root = makeTree({
      'package.json': multiEcosystemProject['package.json'] ?? '',
      'package-lock.json': (multiEcosystemProject['package-lock.json'] ?? '')
        .replace('"lodash": "^4.17.20"', '"lodash": "^4.17.21"')
        .replace('"version": "4.17.20"', '"version": "4.17.21"')
        .replace('"qs": "6.2.1"', '"qs": "6.5.3"')
        .replace('"version": "6.2.1"', '"version": "6.5.3"'),
    });
    const report = scanJson(root);
    const minimist = report.findings.filter((finding) => finding.dependency.name === 'minimist');
    assert.equal(minimist.length, 2);
    for (const finding of minimist) {
      assert.equal(finding.dependency.scope, 'dev');
      assert.equal(finding.blocking, false);
      assert.match(finding.nonBlocking ?? '', /--include-dev/);
    }
    assert.equal(report.policy.failed, false, 'a critical dev-only finding does not fail the gate');
    const table = runVigil(['scan', root, '--scanners', 'deps'], root, {
      VIGIL_DB_DIR: importedDatabase(),
    });
    assert.equal(table.status, 0);
    assert.match(table.stdout, /does not fail the gate: development-only dependency/);

    const gated = scanJson(root, ['--include-dev']);
    assert.equal(gated.policy.failed, true);
    assert.ok(gated.findings.some((finding) => finding.blocking));
  },
);

test(
  'an ignore naming an alias (CVE id) with a reason suppresses the advisory; an expired one does not',
  needsSharedData,
  () => {
    const root = makeTree({
      ...multiEcosystemProject,
      'vigil.yaml': [
        'ignore:',
        '  - rule: CVE-2021-25900',
        '    reason: smallvec insert_many is never called',
        '  - rule: deps/GHSA-f7vh-qwp3-x37m',
        '    reason: SocketServer is not used',
        '    until: 2020-01-01',
        '',
      ].join('\n'),
    });
    const report = scanJson(root);
    const smallvec = report.findings.find((finding) => finding.dependency.name === 'smallvec');
    assert.equal(smallvec?.status, 'suppressed');
    const log4j = report.findings.find((finding) => finding.dependency.name === 'log4j:log4j');
    assert.equal(log4j?.status, 'open', 'the expired ignore no longer applies');
  },
);

test(
  'a baseline keeps known advisories out of the gate; SARIF carries every finding and validates',
  needsSharedData,
  () => {
    const root = makeTree(multiEcosystemProject);
    const baseline = join(root, 'baseline.json');
    const written = runVigil(
      ['scan', root, '--scanners', 'deps', '--write-baseline', baseline],
      root,
      {
        VIGIL_DB_DIR: importedDatabase(),
      },
    );
    assert.equal(written.status, 0, written.stderr);
    const again = scanJson(root, ['--baseline', baseline]);
    assert.equal(again.policy.failed, false);
    assert.ok(again.findings.every((finding) => finding.status === 'baseline'));

    const sarif = runVigil(['scan', root, '--scanners', 'deps', '--format', 'sarif'], root, {
      VIGIL_DB_DIR: importedDatabase(),
    });
    const document = JSON.parse(sarif.stdout) as {
      runs: { results: { ruleId: string; properties?: { dependency?: unknown } }[] }[];
    };
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(sarifSchema, 'utf8')) as object);
    assert.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = document.runs[0]?.results ?? [];
    assert.equal(results.length, 19);
    assert.ok(results.every((result) => result.properties?.dependency !== undefined));
  },
);

test('without a database the scan still runs, says once how to get one, and other scanners report', () => {
  const root = makeTree(multiEcosystemProject);
  const missing = join(mkdtempSync(join(tmpdir(), 'vigil-nodb-')), 'osv');
  const result = runVigil(['scan', root, '--format', 'json'], root, { VIGIL_DB_DIR: missing });
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as JsonReport;
  const notes = report.warnings.filter((warning) => warning.code === 'DB_MISSING');
  assert.equal(notes.length, 1);
  assert.match(notes[0]?.message ?? '', /vigil db update/);
  assert.equal(existsSync(missing), false, 'a scan never creates the database');
});

test(
  'a broken lockfile is one warning naming file and line; the other lockfiles are still checked',
  needsSharedData,
  () => {
    const root = makeTree({
      ...multiEcosystemProject,
      'web/package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {',
      'old/package-lock.json': '{ "lockfileVersion": 9, "packages": {} }',
    });
    const report = scanJson(root);
    const invalid = report.warnings.filter((warning) => warning.code === 'LOCKFILE_INVALID');
    assert.deepEqual(
      invalid.map((warning) => [warning.path, typeof warning.line]),
      [
        ['old/package-lock.json', 'undefined'],
        ['web/package-lock.json', 'number'],
      ],
    );
    assert.match(invalid[0]?.message ?? '', /unsupported lockfileVersion 9/);
    assert.equal(report.findings.length, 19);
  },
);

test('an old database is used with a warning to update it', needsSharedData, () => {
  const directory = join(mkdtempSync(join(tmpdir(), 'vigil-olddb-')), 'osv');
  const imported = runVigil(
    ['db', 'import', join(osvData, 'crates.io'), '--db', directory],
    tmpdir(),
  );
  assert.equal(imported.status, 0, imported.stderr);
  const manifestPath = join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    segments: Record<string, { checkedAt: string }>;
  };
  for (const segment of Object.values(manifest.segments))
    segment.checkedAt = '2020-01-01T00:00:00.000Z';
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const root = makeTree({ 'Cargo.lock': multiEcosystemProject['rs/Cargo.lock'] ?? '' });
  const result = runVigil(['scan', root, '--format', 'json'], root, { VIGIL_DB_DIR: directory });
  const report = JSON.parse(result.stdout) as JsonReport;
  assert.ok(report.warnings.some((warning) => warning.code === 'DB_STALE'));
  assert.equal(report.findings.length, 1);
});

const cyclonedxSchemas = fileURLToPath(
  new URL('../../../../shared/data/schemas/cyclonedx/', import.meta.url),
);

function cyclonedxValidator() {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // Formats ajv-formats lacks; Vigil writes no field of either.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  const load = (name: string) =>
    JSON.parse(readFileSync(join(cyclonedxSchemas, name), 'utf8')) as object;
  ajv.addSchema(load('spdx.schema.json'));
  ajv.addSchema(load('jsf-0.82.schema.json'));
  return ajv.compile(load('bom-1.6.schema.json'));
}

test(
  'vigil sbom writes CycloneDX 1.6 that validates, and scanning that SBOM finds the same advisories',
  needsSharedData,
  () => {
    const root = makeTree(multiEcosystemProject);
    const sbomFile = join(mkdtempSync(join(tmpdir(), 'vigil-sbom-')), 'out.cdx.json');
    const written = runVigil(['sbom', root, '--output', sbomFile], root);
    assert.equal(written.status, 0, written.stderr);
    const bom = JSON.parse(readFileSync(sbomFile, 'utf8')) as {
      components: { purl: string }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
      metadata: { component: { name: string } };
    };
    const validate = cyclonedxValidator();
    assert.ok(validate(bom), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(bom.metadata.component.name, 'shop');
    assert.ok(bom.components.some((component) => component.purl === 'pkg:npm/qs@6.2.1'));
    const expressLite = bom.dependencies.find(
      (entry) => entry.ref === 'pkg:npm/express-lite@1.0.0',
    );
    assert.deepEqual(expressLite?.dependsOn, ['pkg:npm/qs@6.2.1']);

    const fromSbom = makeTree({ 'bom.cdx.json': readFileSync(sbomFile, 'utf8') });
    const report = scanJson(fromSbom);
    const direct = scanJson(root, ['--scanners', 'deps']);
    const advisories = (findings: JsonFinding[]) =>
      findings.map((finding) => `${finding.location.purl} ${finding.ruleId}`).sort();
    assert.deepEqual(advisories(report.findings), advisories(direct.findings));
    assert.ok(report.findings.every((finding) => finding.location.file?.path === 'bom.cdx.json'));
  },
);

test('vigil sbom --format spdx writes SPDX 2.3 with a package per purl and dependency relationships', () => {
  const root = makeTree(multiEcosystemProject);
  const result = runVigil(['sbom', root, '--format', 'spdx'], root);
  assert.equal(result.status, 0, result.stderr);
  const document = JSON.parse(result.stdout) as {
    spdxVersion: string;
    dataLicense: string;
    packages: { SPDXID: string; externalRefs?: { referenceLocator: string }[] }[];
    relationships: {
      spdxElementId: string;
      relationshipType: string;
      relatedSpdxElement: string;
    }[];
  };
  assert.equal(document.spdxVersion, 'SPDX-2.3');
  assert.equal(document.dataLicense, 'CC0-1.0');
  const idOf = (purl: string) =>
    document.packages.find((pkg) =>
      pkg.externalRefs?.some((reference) => reference.referenceLocator === purl),
    )?.SPDXID;
  const expressLite = idOf('pkg:npm/express-lite@1.0.0');
  const qs = idOf('pkg:npm/qs@6.2.1');
  assert.ok(expressLite !== undefined && qs !== undefined);
  assert.ok(
    document.relationships.some(
      (relation) =>
        relation.spdxElementId === expressLite &&
        relation.relationshipType === 'DEPENDS_ON' &&
        relation.relatedSpdxElement === qs,
    ),
  );
  const minimist = idOf('pkg:npm/minimist@1.2.0');
  assert.ok(
    document.relationships.some(
      (relation) =>
        relation.spdxElementId === minimist && relation.relationshipType === 'DEV_DEPENDENCY_OF',
    ),
  );
});

test(
  'pom.xml versions come from properties and dependencyManagement; test scope is a dev dependency',
  needsSharedData,
  () => {
    const root = makeTree({
      'pom.xml': [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<project xmlns="http://maven.apache.org/POM/4.0.0">',
        '  <modelVersion>4.0.0</modelVersion>',
        '  <groupId>com.example</groupId>',
        '  <artifactId>shop</artifactId>',
        '  <version>1.0.0</version>',
        '  <properties>',
        '    <jackson.version>2.13.2</jackson.version>',
        '  </properties>',
        '  <dependencyManagement>',
        '    <dependencies>',
        '      <dependency>',
        '        <groupId>com.google.code.gson</groupId>',
        '        <artifactId>gson</artifactId>',
        '        <version>2.8.8</version>',
        '      </dependency>',
        '    </dependencies>',
        '  </dependencyManagement>',
        '  <dependencies>',
        '    <dependency>',
        '      <groupId>com.fasterxml.jackson.core</groupId>',
        '      <artifactId>jackson-databind</artifactId>',
        '      <version>${jackson.version}</version>',
        '    </dependency>',
        '    <dependency>',
        '      <groupId>com.google.code.gson</groupId>',
        '      <artifactId>gson</artifactId>',
        '      <scope>test</scope>',
        '    </dependency>',
        '  </dependencies>',
        '</project>',
        '',
      ].join('\n'),
    });
    const report = scanJson(root);
    const found = report.findings
      .map(
        (finding) =>
          `${finding.dependency.name}@${finding.dependency.version} ${finding.ruleId} ${finding.dependency.scope}`,
      )
      .sort();
    // gson is fixed in 2.8.9 (GHSA-4jrv); jackson-databind 2.13.2 as in the gradle lockfile.
    assert.deepEqual(found, [
      'com.fasterxml.jackson.core:jackson-databind@2.13.2 deps/GHSA-57j2-w4cx-62h2 prod',
      'com.fasterxml.jackson.core:jackson-databind@2.13.2 deps/GHSA-jjjh-jjxp-wpff prod',
      'com.fasterxml.jackson.core:jackson-databind@2.13.2 deps/GHSA-rgv9-q543-rqg4 prod',
      'com.google.code.gson:gson@2.8.8 deps/GHSA-4jrv-ppp4-jm57 dev',
    ]);
  },
);

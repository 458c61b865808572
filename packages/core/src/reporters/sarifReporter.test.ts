import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { renderSarif, sarifLevel } from './sarifReporter.js';
import { SAMPLE_ROOT, sampleReport, sampleResults } from './sampleReport.js';

// dist/reporters → dist → core → packages → main → the shared data next to it.
const officialSchema = fileURLToPath(
  new URL('../../../../../shared/data/schemas/sarif/sarif-schema-2.1.0.json', import.meta.url),
);

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: Record<string, number>;
  };
  logicalLocations?: { name: string; kind: string }[];
  message?: { text: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  fingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string; properties?: Record<string, string> }[];
  baselineState?: string;
  codeFlows?: { threadFlows: { locations: { location: SarifLocation }[] }[] }[];
  properties?: Record<string, unknown>;
}

interface SarifRule {
  id: string;
  name: string;
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { 'security-severity': string; tags: string[]; precision?: string };
}

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function sarifOf(report = sampleReport()) {
  const sarif = JSON.parse(renderSarif(report)) as Sarif;
  const [run] = sarif.runs;
  assert.ok(run, 'one run');
  return { sarif, run, rules: run.tool.driver.rules, results: run.results };
}

function resultAt(results: SarifResult[], index: number): SarifResult {
  const result = results[index];
  assert.ok(result, `result ${index}`);
  return result;
}

test('output validates against the official SARIF 2.1.0 schema', (t) => {
  if (!existsSync(officialSchema)) {
    t.skip(`official SARIF schema not found at ${officialSchema}`);
    return;
  }
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(officialSchema, 'utf8')) as object);
  const reports = [sampleReport(), sampleReport({ results: [], warnings: [] })];
  for (const report of reports) {
    const output = JSON.parse(renderSarif(report)) as unknown;
    assert.ok(validate(output), JSON.stringify(validate.errors, null, 2));
  }
});

test('severities map to SARIF levels', () => {
  assert.deepEqual((['critical', 'high', 'medium', 'low', 'info'] as const).map(sarifLevel), [
    'error',
    'error',
    'warning',
    'note',
    'note',
  ]);
});

test('rules carry help, security-severity, CWE tags and precision for GitHub', () => {
  const { sarif, run, rules } = sarifOf();
  assert.equal(sarif.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'Vigil');
  assert.equal(run.tool.driver.version, '0.1.0');
  const pat = rules.find((rule) => rule.id === 'secrets/github-pat');
  assert.ok(pat);
  assert.equal(pat.name, 'GitHubPersonalAccessToken');
  assert.equal(pat.defaultConfiguration.level, 'error');
  assert.equal(pat.helpUri, 'https://docs.github.com/en/authentication');
  assert.match(pat.help.text, /Remediation: Revoke the token/);
  assert.match(pat.help.markdown, /\*\*Remediation:\*\* Revoke/);
  assert.match(pat.help.markdown, /- <https:\/\/docs\.github\.com\/en\/authentication>/);
  assert.deepEqual(pat.properties, {
    'security-severity': '8.0',
    tags: ['security', 'external/cwe/cwe-798'],
    precision: 'high',
  });
  const key = rules.find((rule) => rule.id === 'secrets/private-key');
  assert.deepEqual(key?.properties.tags, [
    'security',
    'external/cwe/cwe-321',
    'external/cwe/cwe-798',
  ]);
  assert.equal(key.properties['security-severity'], '9.5');
  assert.equal(key.helpUri, undefined, 'no references, no helpUri');
  // deps/vulnerable-package has a high- and a low-confidence finding: the lowest wins.
  assert.equal(
    rules.find((rule) => rule.id === 'deps/vulnerable-package')?.properties.precision,
    'low',
  );
  assert.equal(
    rules.find((rule) => rule.id === 'dast/missing-hsts')?.defaultConfiguration.level,
    'note',
  );
});

test('every result points at its rule and carries the fingerprint', () => {
  const report = sampleReport();
  const { rules, results } = sarifOf(report);
  assert.equal(results.length, report.results.length, 'suppressed results are included');
  for (const [index, { finding }] of report.results.entries()) {
    const result = resultAt(results, index);
    assert.equal(rules[result.ruleIndex]?.id, result.ruleId);
    assert.equal(result.partialFingerprints['vigil/v1'], finding.fingerprint);
    assert.equal(result.fingerprints['vigil/v1'], finding.fingerprint);
    assert.equal(result.level, sarifLevel(finding.severity));
    assert.equal(result.message.text, finding.message);
  }
});

test('locations: files relative to %SRCROOT%, packages as logical locations, URLs as they are', () => {
  const { run, results } = sarifOf();
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${SAMPLE_ROOT}/` } });
  assert.deepEqual(resultAt(results, 0).locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'config/settings.env', uriBaseId: '%SRCROOT%' },
        region: { startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 },
      },
    },
  ]);
  assert.deepEqual(resultAt(results, 3).locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
        region: { startLine: 40, startColumn: 5 },
      },
      logicalLocations: [
        {
          name: 'pkg:npm/lodash@4.17.20',
          fullyQualifiedName: 'pkg:npm/lodash@4.17.20',
          kind: 'package',
        },
      ],
    },
  ]);
  assert.equal(resultAt(results, 4).locations[0]?.physicalLocation, undefined);
  assert.deepEqual(resultAt(results, 5).locations, [
    { physicalLocation: { artifactLocation: { uri: 'https://shop.example.com/login?next=%2F' } } },
  ]);
});

test('paths are percent-encoded into valid relative URIs', () => {
  const [first] = sampleResults();
  assert.ok(first?.finding.location.kind === 'file');
  first.finding.location.path = 'my docs/50%#1:a.env';
  const { results } = sarifOf(sampleReport({ results: [first] }));
  assert.equal(
    resultAt(results, 0).locations[0]?.physicalLocation?.artifactLocation.uri,
    'my%20docs/50%25%231%3Aa.env',
  );
});

test('suppressions: inline in source, config and baseline external, with justification', () => {
  const { results } = sarifOf();
  const suppressed = results.filter((result) => result.suppressions);
  assert.deepEqual(
    suppressed.map((result) => result.suppressions),
    [
      [{ kind: 'inSource', status: 'accepted', justification: 'test fixture, revoked' }],
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'documentation sample',
          properties: { until: '2099-12-31' },
        },
      ],
      [{ kind: 'external', status: 'accepted', justification: 'in the baseline' }],
    ],
  );
  assert.deepEqual(
    results.map((result) => result.baselineState),
    [...Array<undefined>(8), 'unchanged'],
  );
});

test('taint flows become code flows; git-history findings keep commit and evidence', () => {
  const { results } = sarifOf();
  const flow = resultAt(results, 2).codeFlows?.[0]?.threadFlows[0]?.locations;
  assert.deepEqual(
    flow?.map(({ location }) => [
      location.physicalLocation?.artifactLocation.uri,
      location.physicalLocation?.region?.startLine,
      location.message?.text,
    ]),
    [
      ['src/routes/orders.ts', 3, 'req.query.id'],
      ['src/db.ts', 12, 'db.query(sql)'],
    ],
  );
  assert.deepEqual(resultAt(results, 1).properties, {
    commit: {
      sha: '3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      author: 'Jane Doe',
      date: '2026-02-03T04:05:06+01:00',
    },
    evidence: { redacted: '…', length: 1675 },
  });
  assert.ok(!renderSarif(sampleReport()).includes('jane@example.com'), 'no author e-mail');
});

test('a finding whose rule is not in report.rules still gets a rule', () => {
  const { rules, results } = sarifOf(sampleReport({ rules: [] }));
  assert.equal(rules.length, 5);
  const result = resultAt(results, 3);
  assert.equal(rules[result.ruleIndex]?.id, 'deps/vulnerable-package');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Finding } from '../finding.js';
import { renderJson } from './jsonReporter.js';
import { JsonReportSchema, reportJsonSchema, type JsonFinding } from './reportSchema.js';
import { sampleReport } from './sampleReport.js';

// Compile-time guard: the documented finding has exactly the model's fields (plus its status),
// so adding a field to `Finding` without documenting it in reportSchema.ts fails the build.
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;
const findingFieldsDocumented: SameKeys<
  Omit<JsonFinding, 'status' | 'suppression' | 'blocking'>,
  Finding
> = true;
const findingTypesAgree: JsonFinding extends Finding ? true : false = true;

const schemaFile = fileURLToPath(new URL('../../../../docs/report.schema.json', import.meta.url));

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}

function parsed(report = sampleReport()) {
  return JsonReportSchema.parse(JSON.parse(renderJson(report)));
}

test('the schema documents exactly the fields of the finding model', () => {
  assert.equal(findingFieldsDocumented, true);
  assert.equal(findingTypesAgree, true);
});

test('docs/report.schema.json is the schema generated from reportSchema.ts', () => {
  const committed = JSON.parse(readFileSync(schemaFile, 'utf8')) as unknown;
  assert.deepEqual(
    committed,
    reportJsonSchema(),
    'docs/report.schema.json is stale: run `npm run docs:schemas`',
  );
});

test('real output validates against the published JSON Schema', () => {
  const validate = validator();
  for (const report of [sampleReport(), sampleReport({ results: [], warnings: [] })]) {
    const output = JSON.parse(renderJson(report)) as unknown;
    assert.ok(validate(output), JSON.stringify(validate.errors, null, 2));
  }
});

test('the published schema rejects what the format does not allow', () => {
  const validate = validator();
  const output = JSON.parse(renderJson(sampleReport())) as { findings: Record<string, unknown>[] };
  const [first] = output.findings;
  assert.ok(first);
  first.status = 'ignored';
  first.unknownField = true;
  assert.equal(validate(output), false);
  const paths = (validate.errors ?? []).map((error) => error.instancePath);
  assert.ok(paths.includes('/findings/0/status'), paths.join(', '));
});

test('the header and summary count open findings, suppressions by kind and blockers', () => {
  const json = parsed();
  assert.equal(json.$schema, 'https://vigil.dev/schemas/report-v1.json');
  assert.equal(json.version, 1);
  assert.deepEqual(json.tool, { name: 'vigil', version: '0.1.0' });
  assert.deepEqual(json.summary, {
    total: 6,
    bySeverity: { critical: 1, high: 2, medium: 2, low: 1, info: 0 },
    suppressed: { inline: 1, config: 1, baseline: 1 },
    blocking: 3,
  });
  assert.deepEqual(json.policy, sampleReport().policy);
  assert.equal(json.stats.filesScanned, 1234);
  assert.equal(json.warnings.length, 2);
});

test('every finding keeps its model fields, with status, suppression and blocking', () => {
  const report = sampleReport();
  const { findings } = parsed(report);
  assert.equal(findings.length, report.results.length);
  for (const [index, result] of report.results.entries()) {
    const finding = findings[index];
    assert.ok(finding);
    assert.equal(finding.fingerprint, result.finding.fingerprint);
    assert.deepEqual(finding.location, result.finding.location);
    assert.deepEqual(finding.suppression, result.suppression);
    assert.equal(finding.blocking, result.blocking);
  }
  const statuses = findings.map((finding) => `${finding.ruleId}:${finding.status}`);
  assert.deepEqual(statuses.slice(-3), [
    'secrets/github-pat:suppressed',
    'secrets/github-pat:suppressed',
    'secrets/private-key:baseline',
  ]);
  const history = findings.find(
    (finding) => finding.location.kind === 'file' && finding.location.commit,
  );
  assert.equal(
    history?.location.kind === 'file' && history.location.commit?.date,
    '2026-02-03T04:05:06+01:00',
  );
  assert.equal(findings.find((finding) => finding.flows)?.flows?.[0]?.length, 2);
});

test('the document is pretty-printed JSON ending with a newline', () => {
  const output = renderJson(sampleReport());
  assert.ok(output.endsWith('}\n'));
  assert.ok(output.startsWith('{\n  "$schema": '));
});

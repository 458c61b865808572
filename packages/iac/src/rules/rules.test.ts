import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSeverity } from '@vigil/core';
import { scanFiles } from '../scanFiles.test.support.js';
import { iacRules } from './index.js';

test('rule ids are unique kebab-case and the metadata is complete', () => {
  const ids = new Set<string>();
  for (const rule of iacRules) {
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
    assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(isSeverity(rule.severity), rule.id);
    assert.ok(rule.title && rule.description && rule.remediation, `${rule.id} needs text`);
    assert.ok(rule.references.length > 0, `${rule.id} needs a reference`);
    for (const reference of rule.references) assert.match(reference, /^https:\/\//);
    for (const cwe of rule.cwe) assert.match(cwe, /^CWE-\d+$/);
  }
});

for (const rule of iacRules) {
  test(`rule ${rule.id}`, async (t) => {
    await t.test('finds its vulnerable example', async () => {
      const { findings, warnings } = await scanFiles(
        rule.examples.vulnerable.files,
        rule.examples.vulnerable.config,
      );
      assert.deepEqual(warnings, []);
      const ids = findings.map((finding) => finding.ruleId);
      assert.ok(ids.includes(`iac/${rule.id}`), `found ${ids.join(', ') || 'nothing'}`);
      for (const finding of findings.filter((f) => f.ruleId === `iac/${rule.id}`)) {
        const location = finding.location;
        assert.ok(location.kind === 'file', 'findings point into a file');
        assert.ok(location.startLine >= 1 && location.startColumn >= 1);
        assert.ok(location.path in rule.examples.vulnerable.files);
      }
    });
    await t.test('stays quiet on its compliant example', async () => {
      const { findings, warnings } = await scanFiles(
        rule.examples.compliant.files,
        rule.examples.compliant.config,
      );
      assert.deepEqual(warnings, []);
      const own = findings.filter((finding) => finding.ruleId === `iac/${rule.id}`);
      assert.deepEqual(
        own.map((finding) => finding.message),
        [],
      );
    });
  });
}

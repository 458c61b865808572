import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFileSet } from '../scanFileSet.js';
import { codeRules } from './index.js';

for (const rule of codeRules) {
  test(`code/${rule.id}: the vulnerable example is reported, the safe one is not`, async () => {
    const vulnerable = await scanFileSet({ 'app.js': rule.examples.vulnerable });
    assert.deepEqual(vulnerable.warnings, []);
    assert.ok(
      vulnerable.findings.some((finding) => finding.ruleId === `code/${rule.id}`),
      `not found in:\n${rule.examples.vulnerable}\nfound: ${vulnerable.findings.map((f) => f.ruleId).join(', ')}`,
    );
    const safe = await scanFileSet({ 'app.js': rule.examples.safe });
    assert.deepEqual(safe.warnings, []);
    assert.deepEqual(
      safe.findings.map(
        (finding) =>
          `${finding.ruleId} line ${String(finding.location.kind === 'file' ? finding.location.startLine : 0)}`,
      ),
      [],
      `safe example reported:\n${rule.examples.safe}`,
    );
  });
}

test('every rule has a CWE, an OWASP category, a unique id and both examples', () => {
  const ids = new Set<string>();
  for (const rule of codeRules) {
    assert.ok(!ids.has(rule.id), rule.id);
    ids.add(rule.id);
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.ok(rule.cwe.length > 0 && rule.cwe.every((cwe) => /^CWE-\d+$/.test(cwe)), rule.id);
    assert.match(rule.owasp, /^A\d\d:2021-/);
    assert.notEqual(rule.examples.vulnerable, rule.examples.safe);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules, secretRules } from '@vigil/secrets';
import type { ImageConfig } from '../archive/imageConfig.js';
import { checkImageConfig } from './checkImageConfig.js';
import { IMAGE_RULES } from './imageRules.js';

const secrets = compileRules(secretRules);
const safe: ImageConfig = {
  user: 'app',
  env: ['PATH=/usr/local/bin:/usr/bin'],
  exposedPorts: ['8080/tcp'],
  labels: {},
  diffIds: [],
  history: [],
};

for (const rule of IMAGE_RULES) {
  test(`${rule.id}: its vulnerable example is found, its compliant one is not`, () => {
    const ids = (config: Partial<ImageConfig>) =>
      checkImageConfig({ ...safe, ...config }, secrets).map((finding) => finding.ruleId);
    assert.ok(ids(rule.examples.vulnerable).includes(rule.id));
    assert.ok(!ids(rule.examples.compliant).includes(rule.id));
  });
}

test('root in every spelling; values of secret variables never appear in findings', () => {
  for (const user of ['', 'root', '0', '0:0', 'root:staff'])
    assert.equal(
      checkImageConfig({ ...safe, user }, secrets)[0]?.ruleId,
      'image/runs-as-root',
      user,
    );
  // Built at run time so the repository's own secrets scan does not flag the test.
  const value = ['sk', 'live', '51HqLyjWDarjtT1zdp7dcXYZabcdEFGHijklMNOP'].join('_');
  const findings = checkImageConfig(
    { ...safe, env: [`STRIPE_KEY=${value}`, 'API_TOKEN_FILE=/run/secrets/token'] },
    secrets,
  );
  assert.equal(findings.length, 1);
  assert.ok(!JSON.stringify(findings).includes(value));
  assert.match(findings[0]?.message ?? '', /STRIPE_KEY holds .* \(\d+ characters\)/);
});

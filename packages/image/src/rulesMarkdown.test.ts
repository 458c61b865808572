import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { imageRuleDescriptors } from './checks/imageRules.js';
import { renderImageRulesMarkdown } from './rulesMarkdown.js';

test('docs/rules/image.md is generated from the current rule metadata', () => {
  const committed = readFileSync(new URL('../../../docs/rules/image.md', import.meta.url), 'utf8');
  assert.equal(
    committed,
    renderImageRulesMarkdown(imageRuleDescriptors()),
    'docs/rules/image.md is stale: run `npm run docs:rules`',
  );
  assert.ok(committed.includes('`image/runs-as-root`'));
});

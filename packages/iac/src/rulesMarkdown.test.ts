import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderIacRulesMarkdown } from './rulesMarkdown.js';
import { iacRules } from './rules/index.js';

test('docs/rules/iac.md is generated from the current rule metadata', () => {
  const committed = readFileSync(new URL('../../../docs/rules/iac.md', import.meta.url), 'utf8');
  assert.equal(
    committed,
    renderIacRulesMarkdown(iacRules),
    'docs/rules/iac.md is stale: run `npm run docs:rules`',
  );
  for (const rule of iacRules) assert.ok(committed.includes(`\`${rule.id}\``), rule.id);
});

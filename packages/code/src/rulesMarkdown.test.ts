import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { codeRules } from './rules/index.js';
import { renderRulesMarkdown } from './rulesMarkdown.js';

test('docs/rules/code.md is generated from the current rule metadata', () => {
  const committed = readFileSync(new URL('../../../docs/rules/code.md', import.meta.url), 'utf8');
  assert.equal(
    committed,
    renderRulesMarkdown(codeRules),
    'docs/rules/code.md is stale: run `npm run docs:rules`',
  );
  assert.ok(committed.includes('`sql-injection`'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderRulesMarkdown } from './rulesMarkdown.js';
import { secretRules } from './rules/index.js';

test('docs/rules/secrets.md is generated from the current rule metadata', () => {
  const committed = readFileSync(
    new URL('../../../docs/rules/secrets.md', import.meta.url),
    'utf8',
  );
  assert.equal(
    committed,
    renderRulesMarkdown(secretRules),
    'docs/rules/secrets.md is stale: run `npm run docs:rules`',
  );
  assert.ok(committed.includes('`github-pat`'));
});

import { writeFileSync } from 'node:fs';
import { renderIacRulesMarkdown } from './rulesMarkdown.js';
import { iacRules } from './rules/index.js';

// `npm run docs:rules`: rewrites docs/rules/iac.md from the rule metadata.
const target = new URL('../../../docs/rules/iac.md', import.meta.url);
writeFileSync(target, renderIacRulesMarkdown(iacRules));
console.log(`wrote ${target.pathname}`);

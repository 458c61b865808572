import { writeFileSync } from 'node:fs';
import { codeRules } from './rules/index.js';
import { renderRulesMarkdown } from './rulesMarkdown.js';

// `npm run docs:rules`: rewrites docs/rules/code.md from the rule metadata.
const target = new URL('../../../docs/rules/code.md', import.meta.url);
writeFileSync(target, renderRulesMarkdown(codeRules));
console.log(`wrote ${target.pathname}`);

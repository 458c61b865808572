import { writeFileSync } from 'node:fs';
import { renderRulesMarkdown } from './rulesMarkdown.js';
import { secretRules } from './rules/index.js';

// `npm run docs:rules`: rewrites docs/rules/secrets.md from the rule metadata.
const target = new URL('../../../docs/rules/secrets.md', import.meta.url);
writeFileSync(target, renderRulesMarkdown(secretRules));
console.log(`wrote ${target.pathname}`);

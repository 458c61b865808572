import { writeFileSync } from 'node:fs';
import { imageRuleDescriptors } from './checks/imageRules.js';
import { renderImageRulesMarkdown } from './rulesMarkdown.js';

// `npm run docs:rules`: rewrites docs/rules/image.md from the rule metadata.
const target = new URL('../../../docs/rules/image.md', import.meta.url);
writeFileSync(target, renderImageRulesMarkdown(imageRuleDescriptors()));
console.log(`wrote ${target.pathname}`);

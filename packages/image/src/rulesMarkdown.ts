import { ruleTable, type RuleDescriptor } from '@vigil/core';

/** The rules reference (docs/rules/image.md), generated from rule metadata so it cannot drift. */
export function renderImageRulesMarkdown(rules: readonly RuleDescriptor[]): string {
  const lines = [
    '# Container image rules',
    '',
    `Generated from the rule metadata in \`packages/image/src/checks/imageRules.ts\` (${String(rules.length)} rules);`,
    'regenerate with `npm run docs:rules`. `vigil scan image ARCHIVE` also reports the OSV advisories',
    "of the image's OS and language packages (rule ids `deps/<advisory>`) and secrets in every layer",
    '(`secrets/<rule>`); each config rule has a failing and a passing example config that',
    '`checkImageConfig.test.ts` checks.',
    '',
    ...ruleTable(rules),
  ];
  return `${lines.join('\n')}\n`;
}

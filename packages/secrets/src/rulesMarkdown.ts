import type { SecretRule } from './rule.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The rules reference (docs/rules/secrets.md), generated from rule metadata so it cannot drift. */
export function renderRulesMarkdown(rules: readonly SecretRule[]): string {
  const lines = [
    '# Secret rules',
    '',
    `Generated from the rule metadata in \`packages/secrets/src/rules/\` (${rules.length.toString()} rules);`,
    'regenerate with `npm run docs:rules`. Rule ids take the `secrets/` prefix in reports.',
    '',
    '| id | title | severity | confidence | checks | what it grants |',
    '|---|---|---|---|---|---|',
  ];
  for (const rule of rules) {
    const checks = [
      rule.verify ? 'structure/checksum' : '',
      rule.minEntropy === undefined ? '' : `entropy ≥ ${rule.minEntropy.toString()}`,
      rule.paths ? 'path' : '',
      rule.detect ? 'parsed' : '',
      rule.generic ? 'generic' : '',
    ].filter(Boolean);
    lines.push(
      `| \`${rule.id}\` | ${cell(rule.title)} | ${rule.severity} | ${rule.confidence} | ${checks.join(', ') || '-'} | ${cell(rule.description)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

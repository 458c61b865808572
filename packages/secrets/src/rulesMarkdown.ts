import { markdownCell as cell, markdownTable } from '@vigil/core';
import type { SecretRule } from './rule.js';

/** The rules reference (docs/rules/secrets.md), generated from rule metadata so it cannot drift. */
export function renderRulesMarkdown(rules: readonly SecretRule[]): string {
  const lines = [
    '# Secret rules',
    '',
    `Generated from the rule metadata in \`packages/secrets/src/rules/\` (${rules.length.toString()} rules);`,
    'regenerate with `npm run docs:rules`. Rule ids take the `secrets/` prefix in reports.',
    '',
  ];
  const rows = rules.map((rule) => {
    const checks = [
      rule.verify ? 'structure/checksum' : '',
      rule.minEntropy === undefined ? '' : `entropy ≥ ${rule.minEntropy.toString()}`,
      rule.paths ? 'path' : '',
      rule.detect ? 'parsed' : '',
      rule.generic ? 'generic' : '',
    ].filter(Boolean);
    return [
      `\`${rule.id}\``,
      cell(rule.title),
      rule.severity,
      rule.confidence,
      checks.join(', ') || '-',
      cell(rule.description),
    ];
  });
  lines.push(
    ...markdownTable(['id', 'title', 'severity', 'confidence', 'checks', 'what it grants'], rows),
  );
  return `${lines.join('\n')}\n`;
}

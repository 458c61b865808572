import { markdownCell as cell, markdownTable } from '@vigil/core';
import type { CodeRule } from './rules/codeRule.js';

/** The rules reference (docs/rules/code.md), generated from rule metadata so it cannot drift. */
export function renderRulesMarkdown(rules: readonly CodeRule[]): string {
  const lines = [
    '# Code rules',
    '',
    `Generated from the rule metadata in \`packages/code/src/rules/\` (${String(rules.length)} rules);`,
    'regenerate with `npm run docs:rules`. Rule ids take the `code/` prefix in reports. Taint rules',
    'report untrusted input that reaches a sink (with the path in `flows`); pattern rules report an',
    'insecure construct on its own.',
    '',
    ...markdownTable(
      [
        'id',
        'title',
        'kind',
        'severity',
        'CWE',
        'OWASP Top 10 (2021)',
        'what it finds',
        'how to fix',
      ],
      rules.map((rule) => [
        `\`${rule.id}\``,
        cell(rule.title),
        rule.sinkClass ? 'taint' : 'pattern',
        rule.severity,
        rule.cwe.join(', '),
        cell(rule.owasp),
        cell(rule.description),
        cell(rule.remediation),
      ]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

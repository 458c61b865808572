import type { RuleDescriptor } from './finding.js';
import { markdownCell, markdownTable } from './markdownTable.js';

/** The fields a rules reference shows for each rule. */
export type RuleTableEntry = Pick<
  RuleDescriptor,
  'id' | 'title' | 'severity' | 'description' | 'remediation'
> & { readonly cwe: readonly string[] };

/**
 * A rules reference table, as Markdown lines: id, title, severity, CWE, why, fix.
 *
 * @example ruleTable(imageRules)
 */
export function ruleTable(rules: readonly RuleTableEntry[]): string[] {
  return markdownTable(
    ['id', 'title', 'severity', 'CWE', 'why', 'fix'],
    rules.map((rule) => [
      `\`${rule.id}\``,
      markdownCell(rule.title),
      rule.severity,
      rule.cwe.join(', ') || '-',
      markdownCell(rule.description),
      markdownCell(rule.remediation),
    ]),
  );
}

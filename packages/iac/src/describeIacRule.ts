import type { RuleDescriptor, VigilConfig } from '@vigil/core';
import { iacRuleTags, type IacRule } from './rule.js';
import { digestRuleIds } from './rules/index.js';

/** A rule's metadata for reports and `vigil rules`, with the severity the settings give it. */
export function describeIacRule(rule: IacRule, config: VigilConfig): RuleDescriptor {
  return {
    id: `iac/${rule.id}`,
    scanner: 'iac',
    title: rule.title,
    description: rule.description,
    severity: config.iac.requireDigest && digestRuleIds.has(rule.id) ? 'high' : rule.severity,
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    tags: iacRuleTags(rule),
  };
}

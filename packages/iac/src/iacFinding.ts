import { fingerprint, type Finding, type Region, type Severity } from '@vigil/core';
import { iacRuleTags, type IacRule } from './rule.js';

export interface IacFindingInput {
  path: string;
  region: Region;
  message: string;
  /**
   * What identifies the problem apart from its line (e.g. `stage 2 USER root`, a resource
   * name and key path), so the fingerprint survives edits elsewhere in the file.
   */
  key: string;
  /** Overrides the rule's severity (e.g. `requireDigest` raises unpinned images). */
  severity?: Severity;
  /** The offending setting as written (never a secret value), shown in reports. */
  evidence?: string;
}

/** A finding of an infrastructure-as-code rule at a place in a file. */
export function iacFinding(rule: IacRule, input: IacFindingInput): Finding {
  const ruleId = `iac/${rule.id}`;
  return {
    ruleId,
    scanner: 'iac',
    severity: input.severity ?? rule.severity,
    confidence: rule.confidence,
    title: rule.title,
    message: input.message,
    location: { kind: 'file', path: input.path, ...input.region },
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    fingerprint: fingerprint(ruleId, input.path, input.key),
    ...(input.evidence === undefined
      ? {}
      : { evidence: { redacted: input.evidence.slice(0, 200), length: input.evidence.length } }),
    tags: iacRuleTags(rule),
  };
}

import { fingerprint, type Finding, type Region, type Severity } from '@vigil/core';
import type { IacRule } from './rule.js';

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
    tags: ['security', 'iac', rule.target],
  };
}

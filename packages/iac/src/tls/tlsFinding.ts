import { fingerprint, type Finding, type RuleDescriptor } from '@vigil/core';
import { tlsRules, type TlsRule, type TlsRuleId } from './tlsRules.js';

/** Where a problem is: 1-based, `endColumn` exclusive. */
export interface TlsSpot {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TlsWarning {
  message: string;
  line: number;
  column: number;
}

export interface TlsDetection {
  findings: Finding[];
  warnings: TlsWarning[];
}

/** Options shared by the nginx, Apache and HAProxy checkers. */
export interface TlsCheckOptions {
  /**
   * Size in bits of the DH parameters in a referenced file (`ssl_dhparam`, `DHParameters`,
   * `ssl-dh-param-file`); undefined when unknown. The caller reads the file (see `dhParamBits`).
   */
  dhParamBits?: (file: string) => number | undefined;
}

const RULES = new Map(tlsRules.map((rule) => [rule.id, rule]));

function ruleOf(id: TlsRuleId): TlsRule {
  const rule = RULES.get(id);
  if (!rule) throw new Error(`unknown TLS rule ${id}`);
  return rule;
}

export function describeTlsRule(rule: TlsRule): RuleDescriptor {
  return {
    id: `iac/${rule.id}`,
    scanner: 'iac',
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    tags: ['tls'],
  };
}

export function tlsFinding(
  id: TlsRuleId,
  path: string,
  spot: TlsSpot,
  message: string,
  evidence: string,
  context: string,
): Finding {
  const rule = ruleOf(id);
  const ruleId = `iac/${rule.id}`;
  return {
    ruleId,
    scanner: 'iac',
    severity: rule.severity,
    confidence: 'high',
    title: rule.title,
    message,
    location: {
      kind: 'file',
      path,
      startLine: spot.line,
      startColumn: spot.column,
      endLine: spot.endLine,
      endColumn: spot.endColumn,
    },
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    fingerprint: fingerprint(ruleId, path, `${context}\0${evidence}`),
    evidence: { redacted: evidence.slice(0, 200), length: evidence.length },
    tags: ['tls'],
  };
}

import type { Confidence, Severity } from '@vigil/core';

/** The kind of file a rule reads; the rules reference groups rules by it. */
export type IacTarget = 'dockerfile' | 'kubernetes' | 'workflow' | 'terraform' | 'tls';

export type CloudProvider = 'aws' | 'gcp' | 'azure';

/** Files of an example project (path → content), and the `iac:` settings it is scanned with. */
export interface IacExample {
  files: Readonly<Record<string, string>>;
  config?: {
    approvedBaseImages?: readonly string[];
    approvedRegistries?: readonly string[];
    requireDigest?: boolean;
    tlsProfile?: 'modern' | 'intermediate';
  };
}

/**
 * An infrastructure-as-code rule: metadata only. Detectors report against a rule object, and
 * `rules.test.ts` scans `examples.vulnerable` (must give a finding of the rule) and
 * `examples.compliant` (must not).
 */
export interface IacRule {
  /** Kebab-case id without the scanner prefix, e.g. `dockerfile-root-user`. */
  id: string;
  target: IacTarget;
  /** The cloud a Terraform rule is about; also a report tag. */
  provider?: CloudProvider;
  title: string;
  /** Why it matters: the attack or failure the rule prevents. */
  description: string;
  severity: Severity;
  confidence: Confidence;
  cwe: readonly string[];
  remediation: string;
  references: readonly string[];
  examples: { vulnerable: IacExample; compliant: IacExample };
}

/** The tags of a rule's findings and descriptor: target and, for Terraform, the cloud. */
export function iacRuleTags(rule: IacRule): string[] {
  return ['security', 'iac', rule.target, ...(rule.provider ? [rule.provider] : [])];
}

import type { Severity } from '@vigil/core';
import type { HclRange } from './hclAst.js';
import type { TerraformResource } from './terraformBlock.js';

export type CloudProvider = 'aws' | 'gcp' | 'azure';

/** One problem a rule saw in a resource. */
export interface TerraformHit {
  message: string;
  range: HclRange;
  /** A short rendering of the offending setting, e.g. `acl = "public-read"`. */
  evidence: string;
}

/**
 * A Terraform rule: metadata plus a pure check of one resource or data block. Rules return no
 * hit when a value they need is unknown, so they never guess.
 */
export interface TerraformRule {
  /** Kebab-case id without the scanner prefix, e.g. `tf-aws-s3-public-acl`. */
  id: string;
  provider: CloudProvider;
  title: string;
  /** Why it matters (the rationale). */
  description: string;
  severity: Severity;
  remediation: string;
  cwe: readonly string[];
  references: readonly string[];
  /** `resource` block types the rule reads; `data.` prefixed for data sources. */
  resourceTypes: readonly string[];
  check(resource: TerraformResource): TerraformHit[];
  /** A configuration giving exactly this rule, and its fixed twin giving none. */
  examples: { vulnerable: string; compliant: string };
}

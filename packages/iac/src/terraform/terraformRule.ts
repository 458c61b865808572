import type { CloudProvider, IacRule } from '../rule.js';
import type { HclRange } from './hclAst.js';
import type { TerraformResource } from './terraformBlock.js';

/** One problem a rule saw in a resource. */
export interface TerraformHit {
  message: string;
  range: HclRange;
  /** A short rendering of the offending setting, e.g. `acl = "public-read"`. */
  evidence: string;
}

/**
 * A Terraform rule: the common rule metadata (its examples are `.tf` projects) plus a pure check
 * of one resource or data block. Rules return no hit when a value they need is unknown, so they
 * never guess.
 */
export interface TerraformRule extends IacRule {
  /** Kebab-case id without the scanner prefix, e.g. `tf-aws-s3-public-acl`. */
  id: string;
  target: 'terraform';
  provider: CloudProvider;
  /** `resource` block types the rule reads; `data.` prefixed for data sources. */
  resourceTypes: readonly string[];
  check(resource: TerraformResource): TerraformHit[];
}

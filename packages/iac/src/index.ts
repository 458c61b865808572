// --- Terraform and TLS (branch wip/iac-tf-tls) ---------------------------------------------
export { parseHcl, staticText, HCL_MAX_DEPTH } from './terraform/parseHcl.js';
export type * from './terraform/hclAst.js';
export {
  evaluateHcl,
  UNKNOWN,
  EMPTY_SCOPE,
  type HclValue,
  type HclObject,
  type HclScope,
} from './terraform/evaluateHcl.js';
export {
  detectTerraform,
  detectTerraformModule,
  describeTerraformRule,
  IAC_SCANNER_ID,
  type TerraformDetection,
  type TerraformWarning,
} from './terraform/detectTerraform.js';
export { terraformRules } from './terraform/rules/index.js';
export type { TerraformRule, TerraformHit, CloudProvider } from './terraform/terraformRule.js';
export { TerraformBlock, TerraformResource } from './terraform/terraformBlock.js';
export { terraformScope, isAutoTfvars } from './terraform/terraformScope.js';
// --- end Terraform and TLS -----------------------------------------------------------------

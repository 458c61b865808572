export { iacScanner } from './iacScanner.js';
export { iacRules } from './rules/index.js';
export {
  iacRuleTags,
  type IacRule,
  type IacTarget,
  type IacExample,
  type CloudProvider,
} from './rule.js';
export { describeIacRule } from './describeIacRule.js';
export { iacFinding, type IacFindingInput } from './iacFinding.js';
export type { ParseWarning, Position } from './parseWarning.js';
export { detectDockerfile, type IacResult } from './dockerfile/detectDockerfile.js';
export {
  parseDockerfile,
  type DockerfileInstruction,
  type DockerfileFlag,
  type Heredoc,
  type ParsedDockerfile,
} from './dockerfile/parseDockerfile.js';
export { isDockerfilePath } from './dockerfile/isDockerfilePath.js';
export { detectKubernetes } from './kubernetes/detectKubernetes.js';
export { detectKubernetesProject } from './kubernetes/detectKubernetesProject.js';
export { kubernetesObjects, type KubernetesObject } from './kubernetes/kubernetesObjects.js';
export { detectWorkflow } from './workflow/detectWorkflow.js';
export { isWorkflowPath } from './workflow/isWorkflowPath.js';
export {
  parseYamlDocuments,
  type YamlDocument,
  type YamlParse,
  type YamlPath,
} from './yaml/parseYamlDocuments.js';
export { parseImageReference, type ImageReference } from './image/imageReference.js';
export { checkImage, type ImageCheck } from './image/checkImage.js';
export type { ImagePolicy } from './image/imagePolicy.js';
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
  type TerraformDetection,
  type TerraformWarning,
} from './terraform/detectTerraform.js';
export { terraformRules } from './terraform/rules/index.js';
export type { TerraformRule, TerraformHit } from './terraform/terraformRule.js';
export { TerraformBlock, TerraformResource } from './terraform/terraformBlock.js';
export { terraformScope, isAutoTfvars } from './terraform/terraformScope.js';
export { isTerraformPath } from './terraform/isTerraformPath.js';
export {
  readTlsGuidelines,
  bundledTlsGuidelines,
  compareTlsVersions,
  type TlsGuidelines,
  type TlsGuidelinesResult,
  type TlsProfile,
  type TlsProfileName,
} from './tls/tlsGuidelines.js';
export {
  generateTlsConfig,
  TLS_SERVERS,
  type TlsServer,
  type TlsConfigOptions,
  type GeneratedTlsProfile,
} from './tls/generateTlsConfig.js';
export { expandCipherString, type ExpandedCiphers } from './tls/expandCipherString.js';
export { parseNginxConfig, type NginxConfig, type NginxDirective } from './tls/parseNginxConfig.js';
export { parseApacheConfig, type ApacheConfig, type ApacheNode } from './tls/parseApacheConfig.js';
export {
  parseHaproxyConfig,
  type HaproxyConfig,
  type HaproxySection,
  type HaproxyLine,
} from './tls/parseHaproxyConfig.js';
export { detectNginxTls } from './tls/detectNginxTls.js';
export { detectApacheTls } from './tls/detectApacheTls.js';
export { detectHaproxyTls } from './tls/detectHaproxyTls.js';
export { dhParamBits } from './tls/dhParamBits.js';
export { tlsConfigKind, isTlsConfigCandidate, type TlsConfigKind } from './tls/tlsConfigKind.js';
export { tlsRules, type TlsRule, type TlsRuleId } from './tls/tlsRules.js';
export type { TlsDetection, TlsWarning, TlsCheckOptions } from './tls/tlsFinding.js';

export { iacScanner } from './iacScanner.js';
export { iacRules } from './rules/index.js';
export type { IacRule, IacTarget, IacExample } from './rule.js';
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

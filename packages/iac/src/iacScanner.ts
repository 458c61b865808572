import type {
  ContentScanner,
  Finding,
  ScannerContext,
  ScannerPlugin,
  SourceFile,
  VigilConfig,
} from '@vigil/core';
import { describeIacRule } from './describeIacRule.js';
import { detectDockerfile } from './dockerfile/detectDockerfile.js';
import { isDockerfilePath } from './dockerfile/isDockerfilePath.js';
import type { ImagePolicy } from './image/imagePolicy.js';
import { detectKubernetes } from './kubernetes/detectKubernetes.js';
import { detectKubernetesProject } from './kubernetes/detectKubernetesProject.js';
import { kubernetesObjects, type KubernetesObject } from './kubernetes/kubernetesObjects.js';
import { looksLikeManifest } from './kubernetes/looksLikeManifest.js';
import type { ParseWarning } from './parseWarning.js';
import type { IacRule } from './rule.js';
import { iacRules } from './rules/index.js';
import { detectWorkflow } from './workflow/detectWorkflow.js';
import { isWorkflowPath } from './workflow/isWorkflowPath.js';
import { parseYamlDocuments } from './yaml/parseYamlDocuments.js';

function enabledRules(config: VigilConfig): IacRule[] {
  const disabled = new Set(config.iac.disable.map((id) => id.replace(/^iac\//, '')));
  return iacRules.filter((rule) => !disabled.has(rule.id));
}

/**
 * The `iac` scanner: Dockerfiles/Containerfiles, Kubernetes and Istio manifests (recognized by
 * content) and GitHub Actions workflows, file by file; then the project-level Kubernetes rules
 * (default-deny per namespace, Istio selectors, service account tokens) in `finish`.
 */
export const iacScanner: ScannerPlugin = {
  id: 'iac',
  title: 'Infrastructure as code',
  scansHistory: false,
  rules: (config) => enabledRules(config).map((rule) => describeIacRule(rule, config)),
  create: (context) => new IacScan(context),
};

class IacScan implements ContentScanner {
  private readonly objects: KubernetesObject[] = [];
  private readonly enabled: ReadonlySet<string>;
  private readonly policy: ImagePolicy;

  constructor(private readonly context: ScannerContext) {
    this.enabled = new Set(enabledRules(context.config).map((rule) => `iac/${rule.id}`));
    const { approvedBaseImages, approvedRegistries, requireDigest } = context.config.iac;
    this.policy = { approvedBaseImages, approvedRegistries, requireDigest };
  }

  accepts(path: string): boolean {
    return isDockerfilePath(path) || /\.(?:ya?ml|json)$/i.test(path);
  }

  scanFile(file: SourceFile): Finding[] {
    const { path } = file;
    if (isWorkflowPath(path)) {
      const result = detectWorkflow(file.text, path);
      this.warn(path, result.warnings, 'WORKFLOW_UNPARSED');
      return this.keep(result.findings);
    }
    if (isDockerfilePath(path)) {
      const result = detectDockerfile(file.text, path, this.policy);
      this.warn(path, result.warnings, 'DOCKERFILE_UNPARSED');
      return this.keep(result.findings);
    }
    const text = file.text;
    if (!looksLikeManifest(text)) return [];
    const parsed = parseYamlDocuments(text);
    // Helm and other templates are not YAML until rendered: say so and go on.
    const templated = text.includes('{{');
    this.warn(
      path,
      parsed.warnings.map((warning) =>
        templated
          ? {
              ...warning,
              message: `templated manifest (Helm?) does not parse as YAML, render it first (e.g. \`helm template\`): ${warning.message}`,
            }
          : warning,
      ),
      templated ? 'MANIFEST_TEMPLATED' : 'MANIFEST_UNPARSED',
    );
    this.objects.push(...kubernetesObjects(parsed.documents, path));
    return this.keep(detectKubernetes(parsed.documents, path, this.policy));
  }

  finish(): Promise<Finding[]> {
    return Promise.resolve(this.keep(detectKubernetesProject(this.objects)));
  }

  private keep(findings: Finding[]): Finding[] {
    return findings.filter((finding) => this.enabled.has(finding.ruleId));
  }

  private warn(path: string, warnings: readonly ParseWarning[], code: string): void {
    for (const warning of warnings) {
      this.context.warn({
        code,
        message: warning.message,
        path,
        line: warning.line,
        column: warning.column,
      });
    }
  }
}

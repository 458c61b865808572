import type {
  ContentScanner,
  Finding,
  ScannerContext,
  ScannerPlugin,
  SourceFile,
  VigilConfig,
} from '@vigil/core';
import { describeIacRule } from './describeIacRule.js';
import { dhParamReader } from './dhParamReader.js';
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
import { detectTerraformModule, type TerraformWarning } from './terraform/detectTerraform.js';
import { isTerraformPath } from './terraform/isTerraformPath.js';
import { terraformRules } from './terraform/rules/index.js';
import { detectApacheTls } from './tls/detectApacheTls.js';
import { detectHaproxyTls } from './tls/detectHaproxyTls.js';
import { detectNginxTls } from './tls/detectNginxTls.js';
import { isTlsConfigCandidate, tlsConfigKind, type TlsConfigKind } from './tls/tlsConfigKind.js';
import { bundledTlsGuidelines } from './tls/tlsGuidelines.js';
import { detectWorkflow } from './workflow/detectWorkflow.js';
import { isWorkflowPath } from './workflow/isWorkflowPath.js';
import { parseYamlDocuments } from './yaml/parseYamlDocuments.js';

const tlsCheckers: Record<TlsConfigKind, typeof detectNginxTls> = {
  nginx: detectNginxTls,
  apache: detectApacheTls,
  haproxy: detectHaproxyTls,
};

/** What a templated file needs before it can be checked, by the kind of file. */
const renderHints = {
  MANIFEST:
    'templated manifest (Helm?) does not parse as YAML, render it first (e.g. `helm template`)',
  TERRAFORM: 'templated Terraform file does not parse as HCL, render it first',
  TLS_CONFIG: 'templated server configuration does not parse, render it first',
} as const;

/** Template markup of Helm, Jinja, Go templates and the like. */
function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

function enabledRules(config: VigilConfig): IacRule[] {
  const disabled = new Set(config.iac.disable.map((id) => id.replace(/^iac\//, '')));
  return iacRules.filter((rule) => !disabled.has(rule.id));
}

/**
 * The `iac` scanner: Dockerfiles/Containerfiles, Kubernetes and Istio manifests (recognized by
 * content), GitHub Actions workflows and nginx/Apache/HAProxy TLS settings (against
 * `iac.tlsProfile`), file by file; then, in `finish`, Terraform modules (variables resolve across
 * a directory's files) and the project-level Kubernetes rules (default-deny per namespace, Istio
 * selectors, service account tokens).
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
  private readonly terraformFiles: { path: string; text: string }[] = [];
  private readonly enabled: ReadonlySet<string>;
  private readonly policy: ImagePolicy;

  constructor(private readonly context: ScannerContext) {
    this.enabled = new Set(enabledRules(context.config).map((rule) => `iac/${rule.id}`));
    const { approvedBaseImages, approvedRegistries, requireDigest } = context.config.iac;
    this.policy = { approvedBaseImages, approvedRegistries, requireDigest };
  }

  accepts(path: string): boolean {
    return (
      isDockerfilePath(path) ||
      /\.(?:ya?ml|json)$/i.test(path) ||
      isTerraformPath(path) ||
      isTlsConfigCandidate(path)
    );
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
    if (isTerraformPath(path)) {
      // Variables and locals resolve across the module's files: checked in finish().
      this.terraformFiles.push({ path, text: file.text });
      return [];
    }
    if (isTlsConfigCandidate(path)) return this.scanTlsConfig(path, file.text);
    const text = file.text;
    if (!looksLikeManifest(text)) return [];
    const parsed = parseYamlDocuments(text);
    if (this.warnUnparsed(path, text, parsed.warnings, 'MANIFEST')) return [];
    this.objects.push(...kubernetesObjects(parsed.documents, path));
    return this.keep(detectKubernetes(parsed.documents, path, this.policy));
  }

  finish(): Promise<Finding[]> {
    const terraform = detectTerraformModule(
      this.terraformFiles,
      terraformRules.filter((rule) => this.enabled.has(`iac/${rule.id}`)),
    );
    const warningsByPath = new Map<string, TerraformWarning[]>();
    for (const warning of terraform.warnings)
      if (warning.path !== undefined) {
        const list = warningsByPath.get(warning.path) ?? [];
        list.push(warning);
        warningsByPath.set(warning.path, list);
      }
    const templates = new Set(
      this.terraformFiles
        .filter((file) =>
          this.warnUnparsed(file.path, file.text, warningsByPath.get(file.path) ?? [], 'TERRAFORM'),
        )
        .map((file) => file.path),
    );
    const findings = terraform.findings.filter(
      (finding) => finding.location.kind !== 'file' || !templates.has(finding.location.path),
    );
    return Promise.resolve(this.keep([...findings, ...detectKubernetesProject(this.objects)]));
  }

  private scanTlsConfig(path: string, text: string): Finding[] {
    const kind = tlsConfigKind(path, text);
    if (kind === undefined) return [];
    const result = tlsCheckers[kind](
      text,
      path,
      this.context.config.iac.tlsProfile,
      bundledTlsGuidelines,
      { dhParamBits: dhParamReader(this.context.root, path) },
    );
    const syntax = result.warnings.filter((warning) => warning.kind === 'syntax');
    if (this.warnUnparsed(path, text, syntax, 'TLS_CONFIG')) return [];
    this.warn(
      path,
      result.warnings.filter((warning) => warning.kind === 'unchecked'),
      'TLS_CONFIG_UNCHECKED',
    );
    return this.keep(result.findings);
  }

  private keep(findings: Finding[]): Finding[] {
    return findings.filter((finding) => this.enabled.has(finding.ruleId));
  }

  /**
   * Reports the parse problems of a file; the scan goes on either way. True for a template (Helm,
   * Jinja, …) that does not parse: what it says is known only once rendered, so the caller drops
   * its findings. A plain file that is partly broken is still checked where it parses.
   */
  private warnUnparsed(
    path: string,
    text: string,
    warnings: readonly ParseWarning[],
    kind: keyof typeof renderHints,
  ): boolean {
    if (warnings.length === 0) return false;
    if (!isTemplated(text)) {
      this.warn(path, warnings, `${kind}_UNPARSED`);
      return false;
    }
    const hint = renderHints[kind];
    this.warn(
      path,
      warnings.map((warning) => ({ ...warning, message: `${hint}: ${warning.message}` })),
      `${kind}_TEMPLATED`,
    );
    return true;
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

import type { Finding } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import type { HclBody } from './hclAst.js';
import type { HclScope } from './evaluateHcl.js';
import { parseHcl } from './parseHcl.js';
import { TerraformResource } from './terraformBlock.js';
import type { TerraformRule } from './terraformRule.js';
import { isAutoTfvars, terraformScope } from './terraformScope.js';
import { terraformRules } from './rules/index.js';

export interface TerraformWarning {
  message: string;
  line: number;
  column: number;
  /** Set by `detectTerraformModule`, which reads several files. */
  path?: string;
}

export interface TerraformDetection {
  findings: Finding[];
  warnings: TerraformWarning[];
}

function rulesByType(rules: readonly TerraformRule[]): Map<string, TerraformRule[]> {
  const index = new Map<string, TerraformRule[]>();
  for (const rule of rules)
    for (const type of rule.resourceTypes) {
      const key = type.startsWith('data.') ? type : `resource.${type}`;
      index.set(key, [...(index.get(key) ?? []), rule]);
    }
  return index;
}

function checkBody(
  body: HclBody,
  path: string,
  scope: HclScope,
  index: ReadonlyMap<string, TerraformRule[]>,
): Finding[] {
  const findings: Finding[] = [];
  for (const block of body.blocks) {
    if (block.type !== 'resource' && block.type !== 'data') continue;
    const type = block.labels[0]?.value;
    if (type === undefined) continue;
    const rules = index.get(`${block.type}.${type}`);
    if (!rules) continue;
    const resource = new TerraformResource(block, scope, block.type);
    for (const rule of rules)
      for (const hit of rule.check(resource))
        findings.push(
          iacFinding(rule, {
            path,
            region: {
              startLine: hit.range.start.line,
              startColumn: hit.range.start.column,
              endLine: hit.range.end.line,
              endColumn: hit.range.end.column,
            },
            message: hit.message,
            key: `${resource.address}\0${hit.evidence}`,
            evidence: hit.evidence,
          }),
        );
  }
  return findings;
}

/**
 * Checks one `.tf` file on its own: variables and locals resolve only from the same file.
 * Syntax errors become warnings and the readable blocks are still checked.
 */
export function detectTerraform(
  text: string,
  path: string,
  rules: readonly TerraformRule[] = terraformRules,
): TerraformDetection {
  const parsed = parseHcl(text);
  const findings = checkBody(parsed.body, path, terraformScope([parsed.body]), rulesByType(rules));
  return {
    findings,
    warnings: parsed.errors.map((error) => ({
      ...error,
      message: `HCL syntax error: ${error.message}`,
    })),
  };
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Checks whole modules: files are grouped by directory (one directory = one module), and
 * `var.*` / `local.*` resolve across all `.tf` files of the module, with `terraform.tfvars` and
 * `*.auto.tfvars` overriding variable defaults. Other files are ignored.
 */
export function detectTerraformModule(
  files: readonly { path: string; text: string }[],
  rules: readonly TerraformRule[] = terraformRules,
): TerraformDetection {
  const index = rulesByType(rules);
  const modules = new Map<string, { path: string; body: HclBody; tfvars: boolean }[]>();
  const warnings: TerraformWarning[] = [];
  for (const file of files) {
    const tfvars = isAutoTfvars(file.path);
    if (!file.path.endsWith('.tf') && !tfvars) continue;
    const parsed = parseHcl(file.text);
    for (const error of parsed.errors)
      warnings.push({ ...error, message: `HCL syntax error: ${error.message}`, path: file.path });
    const directory = directoryOf(file.path);
    modules.set(directory, [
      ...(modules.get(directory) ?? []),
      { path: file.path, body: parsed.body, tfvars },
    ]);
  }
  const findings: Finding[] = [];
  for (const moduleFiles of modules.values()) {
    const scope = terraformScope(
      moduleFiles.filter((file) => !file.tfvars).map((file) => file.body),
      moduleFiles.filter((file) => file.tfvars).map((file) => file.body),
    );
    for (const file of moduleFiles)
      if (!file.tfvars) findings.push(...checkBody(file.body, file.path, scope, index));
  }
  return { findings, warnings };
}

import type { ContentScanner, RuleDescriptor, ScannerPlugin, VigilConfig } from '@vigil/core';
import { compileRules } from './compileRules.js';
import { detectSecrets } from './detectSecrets.js';
import type { SecretRule } from './rule.js';
import { secretRules } from './rules/index.js';

export function describeRule(rule: SecretRule): RuleDescriptor {
  return {
    id: `secrets/${rule.id}`,
    scanner: 'secrets',
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    cwe: [...(rule.cwe ?? ['CWE-798'])],
    remediation:
      rule.remediation ??
      'Revoke and rotate the credential, remove it from the code and git history, and load it at run time from a secret store.',
    references: [...rule.references],
    tags: ['security', 'secret'],
  };
}

function enabledRules(config: VigilConfig): SecretRule[] {
  const disabled = new Set(config.secrets.disable.map((id) => id.replace(/^secrets\//, '')));
  return secretRules.filter((rule) => !disabled.has(rule.id));
}

/** The secrets scanner, as the scan pipeline and CLI load it. */
export const secretsScanner: ScannerPlugin = {
  id: 'secrets',
  title: 'Secrets',
  scansHistory: true,
  workerEntry: {
    module: new URL('./index.js', import.meta.url).href,
    exportName: 'secretsScanner',
  },
  rules: (config) => enabledRules(config).map(describeRule),
  create(context): ContentScanner {
    const ruleSet = compileRules(enabledRules(context.config), {
      allow: context.config.secrets.allow,
    });
    return { scanFile: (file) => detectSecrets(file, ruleSet) };
  },
};

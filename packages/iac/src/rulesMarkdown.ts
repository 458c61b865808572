import { ruleTable } from '@vigil/core';
import type { IacRule, IacTarget } from './rule.js';

const headings: Record<IacTarget, string> = {
  dockerfile: 'Dockerfile and Containerfile',
  kubernetes: 'Kubernetes and Istio',
  workflow: 'GitHub Actions workflows',
  terraform: 'Terraform (AWS, GCP, Azure)',
  tls: 'TLS server configuration (nginx, Apache, HAProxy)',
};

/** The rules reference (docs/rules/iac.md), generated from rule metadata so it cannot drift. */
export function renderIacRulesMarkdown(rules: readonly IacRule[]): string {
  const lines = [
    '# Infrastructure-as-code rules',
    '',
    `Generated from the rule metadata in \`packages/iac/src/\` (\`rules/\`, \`terraform/rules/\`,`,
    `\`tls/tlsRules.ts\`; ${String(rules.length)} rules); regenerate with \`npm run docs:rules\`. Rule ids`,
    'take the `iac/` prefix in reports; turn rules off with `iac.disable` in vigil.yaml. TLS rules',
    'check against the Mozilla profile `iac.tlsProfile` names (default `intermediate`). Every rule',
    'has a vulnerable and a compliant example project that `rules.test.ts` scans.',
  ];
  for (const target of Object.keys(headings) as IacTarget[]) {
    const group = rules.filter((rule) => rule.target === target);
    if (group.length === 0) continue;
    lines.push('', `## ${headings[target]}`, '', ...ruleTable(group));
  }
  return `${lines.join('\n')}\n`;
}

import type { IacRule } from '../rule.js';
import { terraformRules } from '../terraform/rules/index.js';
import { tlsRules } from '../tls/tlsRules.js';
import { dockerfileRules } from './dockerfileRules.js';
import { kubernetesRules } from './kubernetesRules.js';
import { workflowRules } from './workflowRules.js';
import { zeroTrustRules } from './zeroTrustRules.js';

/** Every infrastructure-as-code rule, in the order the docs list them. */
export const iacRules: readonly IacRule[] = [
  ...Object.values(dockerfileRules),
  ...Object.values(kubernetesRules),
  ...Object.values(zeroTrustRules),
  ...Object.values(workflowRules),
  ...terraformRules,
  ...tlsRules,
];

/** Rules whose severity `iac.requireDigest` raises to high. */
export const digestRuleIds: ReadonlySet<string> = new Set([
  dockerfileRules.noDigest.id,
  kubernetesRules.noDigest.id,
]);

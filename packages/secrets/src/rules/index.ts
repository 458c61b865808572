import type { SecretRule } from '../rule.js';
import { githubRules } from './github.js';
import { messagingRules } from './messaging.js';
import { paymentRules } from './payments.js';
import { observabilityRules } from './observability.js';
import { aiRules } from './ai.js';
import { cloudRules } from './cloud.js';
import { vcsRules } from './vcs.js';
import { registryRules } from './registries.js';
import { keyRules } from './keys.js';
import { genericRules } from './generic.js';

/** Every built-in secret rule, provider rules first and generic rules last. */
export const secretRules: readonly SecretRule[] = [
  ...githubRules,
  ...messagingRules,
  ...paymentRules,
  ...observabilityRules,
  ...aiRules,
  ...cloudRules,
  ...vcsRules,
  ...registryRules,
  ...keyRules,
  ...genericRules,
];

import type { SecretRule } from '../rule.js';
import { githubRules } from './github.js';

/** Every built-in secret rule, provider rules first and generic rules last. */
export const secretRules: readonly SecretRule[] = [...githubRules];

export { secretsScanner, describeRule } from './scanner.js';
export { detectSecrets } from './detectSecrets.js';
export { compileRules, type RuleSet, type RuleSetOptions } from './compileRules.js';
export { secretRules } from './rules/index.js';
export type { SecretRule, RawSecretMatch } from './rule.js';
export { shannonEntropy } from './entropy.js';
/** Builds a checksum-valid GitHub/npm-style token from its random part (for tests and demos). */
export { withBase62Crc32 as checksummedToken } from './checks/base62Checksum.js';

import type { CodeRule } from './codeRule.js';
import { patternRules } from './patternRules.js';
import { taintRules } from './taintRules.js';

/** Every code rule: taint rules first, then pattern rules. */
export const codeRules: readonly CodeRule[] = [...taintRules, ...patternRules];
export { taintRules, patternRules };

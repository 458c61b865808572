export { codeScanner, describeCodeRule } from './codeScanner.js';
export { codeRules, taintRules, patternRules } from './rules/index.js';
export type { CodeRule, SinkClass, OwaspCategory } from './rules/codeRule.js';
export type { PatternRule } from './rules/patternRules.js';
export {
  parseSource,
  isCodePath,
  DEFAULT_PARSE_LIMITS,
  type ParseLimits,
  type ParseOutcome,
} from './parse/parseSource.js';
export { estimateNesting } from './parse/estimateNesting.js';
export {
  analyzeModule,
  type AnalyzeOptions,
  type ModuleAnalysis,
  type TaintFlow,
} from './taint/analyzeModule.js';
export type { FunctionSummary, SinkHit } from './taint/value.js';
export { analyzeCode, flowFindings, patternFindings, type CodeScanOptions } from './scanCode.js';
export { scanFileSet } from './scanFileSet.js';

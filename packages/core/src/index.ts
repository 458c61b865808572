export * from './severity.js';
export type * from './finding.js';
export { fingerprint, sha256 } from './fingerprint.js';
export { redactSecret } from './redact.js';
export { VigilError, isVigilError, isUserError, type VigilErrorCode } from './error.js';
export type * from './scanner.js';
export { sourceFile, decodeUtf8 } from './textFile.js';
export {
  ConfigSchema,
  defaultConfig,
  parseSize,
  type VigilConfig,
  type IgnoreEntry,
} from './config/schema.js';
export {
  parseConfig,
  formatConfigProblem,
  type ConfigProblem,
  type ConfigResult,
} from './config/parseConfig.js';
export { loadConfig, CONFIG_FILE_NAMES, type LoadedConfig } from './config/loadConfig.js';
export {
  parseInlineIgnore,
  findInlineIgnore,
  ruleMatches,
  type InlineIgnore,
} from './policy/inlineIgnore.js';
export {
  applyPolicy,
  type Suppression,
  type EvaluatedFinding,
  type PolicyOptions,
  type PolicyVerdict,
  type CandidateFinding,
} from './policy/applyPolicy.js';
export { createBaseline, parseBaseline, type Baseline } from './policy/baseline.js';
export { emptyStats, type ScanReport, type ScanStats } from './report.js';
export { renderTable, type TableOptions } from './reporters/tableReporter.js';
export { renderJson } from './reporters/jsonReporter.js';
export { renderSarif } from './reporters/sarifReporter.js';
export { renderJunit } from './reporters/junitReporter.js';
export {
  JsonReportSchema,
  REPORT_SCHEMA_URL,
  reportJsonSchema,
  type JsonReport,
  type JsonFinding,
} from './reporters/reportSchema.js';
export { FORMATS, render, type Format, type RenderOptions } from './reporters/render.js';
export { markdownCell, markdownTable } from './markdownTable.js';
export { ruleTable, type RuleTableEntry } from './ruleTable.js';
export { LineIndex } from './LineIndex.js';

import type { ScanReport } from '../report.js';
import { REPORT_SCHEMA_URL, type JsonReport } from './reportSchema.js';
import { statusOf, summarize } from './summarize.js';

/**
 * The report as a stable JSON document (schema: `docs/report.schema.json`). Findings keep
 * their model's fields, plus `status`, `suppression` and `blocking`; suppressed ones are
 * included so the document is complete.
 */
export function renderJson(report: ScanReport): string {
  const document: JsonReport = {
    $schema: REPORT_SCHEMA_URL,
    version: 1,
    tool: report.tool,
    root: report.root,
    target: report.target,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    scanners: report.scanners,
    summary: summarize(report.results),
    policy: report.policy,
    stats: report.stats,
    warnings: report.warnings,
    findings: report.results.map((result) => ({
      ...result.finding,
      status: statusOf(result),
      suppression: result.suppression,
      blocking: result.blocking,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

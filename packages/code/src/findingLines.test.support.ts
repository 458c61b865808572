import type { Finding } from '@vigil/core';

/** Findings as sorted `rule path:line` strings, for assertions that read like a report. */
export function findingLines(findings: readonly Finding[]): string[] {
  return findings
    .map((finding) =>
      finding.location.kind === 'file'
        ? `${finding.ruleId} ${finding.location.path}:${String(finding.location.startLine)}`
        : finding.ruleId,
    )
    .sort();
}

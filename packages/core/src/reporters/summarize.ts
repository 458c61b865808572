import type { EvaluatedFinding } from '../policy/applyPolicy.js';
import { SEVERITIES, type Severity } from '../severity.js';

export type FindingStatus = 'open' | 'suppressed' | 'baseline';

/** `open` findings count; `suppressed` ones were ignored inline or in config. */
export function statusOf(result: EvaluatedFinding): FindingStatus {
  if (!result.suppression) return 'open';
  return result.suppression.kind === 'baseline' ? 'baseline' : 'suppressed';
}

export interface FindingSummary {
  /** Open findings. */
  total: number;
  bySeverity: Record<Severity, number>;
  suppressed: { inline: number; config: number; baseline: number };
  blocking: number;
}

/** The counts every reporter's summary shows. */
export function summarize(results: readonly EvaluatedFinding[]): FindingSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  const suppressed = { inline: 0, config: 0, baseline: 0 };
  let total = 0;
  let blocking = 0;
  for (const result of results) {
    if (result.blocking) blocking++;
    if (result.suppression) {
      suppressed[result.suppression.kind]++;
      continue;
    }
    total++;
    bySeverity[result.finding.severity]++;
  }
  return { total, bySeverity, suppressed, blocking };
}

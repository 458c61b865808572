import type { Severity } from '@vigil/core';
import { cvssBaseScore, cvssRating, type CvssRating } from './cvss.js';
import type { OsvRecord, OsvSeverity } from './osvRecord.js';

/**
 * The severity Vigil reports for a record: `critical` for malicious-package records (`MAL-`),
 * else the rating of the highest CVSS v3 base score it carries (record-level or per package),
 * else GitHub's `database_specific.severity` (CRITICAL, HIGH, MODERATE, LOW);
 * `undefined` when there is none of these.
 *
 * @example severityFromRecord({ id: 'MAL-2024-1', modified: '2024-01-01T00:00:00Z' }) // 'critical'
 */
export function severityFromRecord(record: OsvRecord): Severity | undefined {
  if (record.id.startsWith('MAL-')) return 'critical';
  const severities: OsvSeverity[] = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((entry) => entry.severity ?? []),
  ];
  let highest: number | undefined;
  for (const { type, score } of severities) {
    if (type !== 'CVSS_V3') continue;
    const computed = cvssBaseScore(score);
    if (computed.ok && (highest === undefined || computed.score > highest))
      highest = computed.score;
  }
  if (highest !== undefined) return fromRating(highest);
  return fromDatabase(record.database_specific?.severity);
}

function fromRating(score: number): Severity {
  const rating: CvssRating = cvssRating(score);
  return rating === 'none' ? 'info' : rating;
}

function fromDatabase(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}

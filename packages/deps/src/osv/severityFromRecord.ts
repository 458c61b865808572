import type { Severity } from '@vigil/core';
import { cvssBaseScore, cvssRating, type CvssRating } from './cvss.js';
import type { OsvRecord, OsvSeverity } from './osvRecord.js';

/**
 * The severity Vigil reports for a record: `critical` for malicious-package records (`MAL-`),
 * else the rating of the highest CVSS score of the newest CVSS version it carries (record-level
 * or per package) — v4.0 when there is a valid `CVSS_V4` vector, since advisories that add one
 * next to v3.1 do so as the newer, finer assessment; else v3.x — else GitHub's
 * `database_specific.severity` (CRITICAL, HIGH, MODERATE, LOW); `undefined` when there is none
 * of these.
 *
 * @example severityFromRecord({ id: 'MAL-2024-1', modified: '2024-01-01T00:00:00Z' }) // 'critical'
 */
export function severityFromRecord(record: OsvRecord): Severity | undefined {
  if (record.id.startsWith('MAL-')) return 'critical';
  const severities: OsvSeverity[] = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((entry) => entry.severity ?? []),
  ];
  const highest = highestScore(severities, 'CVSS_V4') ?? highestScore(severities, 'CVSS_V3');
  if (highest !== undefined) return fromRating(highest);
  return fromDatabase(record.database_specific?.severity);
}

/** The highest valid score among entries of `type` whose vector is of that CVSS version. */
function highestScore(
  severities: readonly OsvSeverity[],
  type: 'CVSS_V3' | 'CVSS_V4',
): number | undefined {
  let highest: number | undefined;
  for (const severity of severities) {
    if (severity.type !== type) continue;
    const computed = cvssBaseScore(severity.score);
    if (!computed.ok || (computed.version === '4.0') !== (type === 'CVSS_V4')) continue;
    if (highest === undefined || computed.score > highest) highest = computed.score;
  }
  return highest;
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

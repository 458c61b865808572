export type CvssRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

/**
 * The qualitative rating of a CVSS score; v3.x (table 14) and v4.0 (section 6) share the scale.
 *
 * @example cvssRating(7.5) // 'high'
 */
export function cvssRating(score: number): CvssRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

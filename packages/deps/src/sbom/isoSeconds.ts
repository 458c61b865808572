/** ISO 8601 in UTC to the second (`2024-05-01T12:00:00Z`), the form SPDX requires for `created`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

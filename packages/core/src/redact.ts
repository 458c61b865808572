import type { Evidence } from './finding.js';

/**
 * Renders a secret as a short prefix and its length. The prefix is at most four characters
 * and at most a quarter of the value, so a short secret shows little or nothing.
 */
export function redactSecret(value: string): Evidence {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return { redacted: `${value.slice(0, shown)}…`, length: value.length };
}

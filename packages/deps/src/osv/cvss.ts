/**
 * CVSS v3.0 and v3.1 base scores, computed from a vector string as the FIRST specifications
 * define them (v3.1 section 7.1 and appendix A for Roundup). Environmental and temporal metrics
 * are checked but do not change the base score. `CVSS:4.0/` vectors go to {@link cvss4Score}.
 */
import { cvss4Score, type Cvss4Nomenclature } from './cvss4.js';
import { cvssRating, type CvssRating } from './cvssRating.js';

export { cvssRating, type CvssRating };

export type CvssScore =
  | {
      readonly ok: true;
      readonly version: '3.0' | '3.1';
      readonly score: number;
      readonly severity: CvssRating;
    }
  | {
      readonly ok: true;
      readonly version: '4.0';
      readonly score: number;
      readonly severity: CvssRating;
      /** Which metric groups the score reflects: base, threat, environmental. */
      readonly nomenclature: Cvss4Nomenclature;
      /** EQ1..EQ6 levels, the key of the v4.0 lookup table (`"000000"` is the most severe). */
      readonly macroVector: string;
    }
  | { readonly ok: false; readonly problem: string };

const BASE_METRICS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { N: 0.85, L: 0.62, H: 0.27 },
  UI: { N: 0.85, R: 0.62 },
  S: { U: 0, C: 0 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const satisfies Record<string, Record<string, number>>;

type BaseMetric = keyof typeof BASE_METRICS;

// Temporal and environmental metrics: allowed in a vector, not part of the base score.
const OTHER_METRICS: Readonly<Record<string, readonly string[]>> = {
  E: ['X', 'U', 'P', 'F', 'H'],
  RL: ['X', 'O', 'T', 'W', 'U'],
  RC: ['X', 'U', 'R', 'C'],
  CR: ['X', 'L', 'M', 'H'],
  IR: ['X', 'L', 'M', 'H'],
  AR: ['X', 'L', 'M', 'H'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: ['X', 'N', 'L', 'H'],
  MI: ['X', 'N', 'L', 'H'],
  MA: ['X', 'N', 'L', 'H'],
};

/** Privileges Required weighs more when the scope changes (spec table 16). */
const CHANGED_SCOPE_PR: Readonly<Record<string, number>> = { N: 0.85, L: 0.68, H: 0.5 };

function isBaseMetric(name: string): name is BaseMetric {
  return Object.hasOwn(BASE_METRICS, name);
}

/**
 * Computes the base score of a CVSS v3.0 or v3.1 vector, or the CVSS v4.0 score of a v4.0
 * vector (base metrics, with any threat and environmental metrics it carries).
 *
 * @example cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') // { ok: true, version: '3.1', score: 9.8, severity: 'critical' }
 */
export function cvssBaseScore(vector: string): CvssScore {
  if (vector.startsWith('CVSS:4.0/')) return cvss4Score(vector);
  const prefix = /^CVSS:(3\.[01])\//.exec(vector);
  const version = prefix?.[1];
  if (prefix === null || (version !== '3.0' && version !== '3.1'))
    return {
      ok: false,
      problem: 'a CVSS vector starts with "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/"',
    };
  const values = new Map<string, string>();
  for (const part of vector.slice(prefix[0].length).split('/')) {
    const [metric = '', value, ...extra] = part.split(':');
    if (value === undefined || extra.length > 0)
      return { ok: false, problem: `"${part}" is not a metric:value pair` };
    const allowed = isBaseMetric(metric)
      ? Object.keys(BASE_METRICS[metric])
      : OTHER_METRICS[metric];
    if (allowed === undefined) return { ok: false, problem: `unknown metric "${metric}"` };
    if (!allowed.includes(value))
      return { ok: false, problem: `"${value}" is not a value of ${metric}` };
    if (values.has(metric)) return { ok: false, problem: `metric ${metric} is given twice` };
    values.set(metric, value);
  }
  const missing = Object.keys(BASE_METRICS).filter((metric) => !values.has(metric));
  if (missing.length > 0)
    return { ok: false, problem: `missing base metric(s) ${missing.join(', ')}` };
  const weight = (metric: BaseMetric): number => {
    const table: Readonly<Record<string, number>> = BASE_METRICS[metric];
    return table[values.get(metric) ?? ''] ?? 0;
  };
  const changed = values.get('S') === 'C';
  const privileges = changed ? (CHANGED_SCOPE_PR[values.get('PR') ?? ''] ?? 0) : weight('PR');

  const iss = 1 - (1 - weight('C')) * (1 - weight('I')) * (1 - weight('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * weight('AV') * weight('AC') * privileges * weight('UI');
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  let score = 0;
  if (impact > 0) {
    score = changed
      ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
      : roundUp(Math.min(impact + exploitability, 10));
  }
  return { ok: true, version, score, severity: cvssRating(score) };
}

/** v3.1 Roundup: the smallest one-decimal number >= input, free of floating-point error. */
function roundUp31(input: number): number {
  const scaled = Math.round(input * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** v3.0 Round up: the smallest one-decimal number >= input, computed directly. */
function roundUp30(input: number): number {
  return Math.ceil(input * 10) / 10;
}

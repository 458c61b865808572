/**
 * CVSS v4.0 scores, computed from a vector string as the FIRST specification (v4.0, section 8)
 * defines them: the metrics fold into six equivalence classes (EQ1..EQ6) naming a macrovector,
 * whose expert-assigned score is then lowered in proportion to how far the vector sits from the
 * most severe vectors of its macrovector. The tables are the specification's data; the steps and
 * the order of floating-point operations follow FIRST's reference calculator, so scores match it
 * to the tenth.
 */
import type { CvssScore } from './cvss.js';
import { cvssRating } from './cvssRating.js';

export type Cvss4Nomenclature = 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

const BASE: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
};

const THREAT: Readonly<Record<string, readonly string[]>> = { E: ['X', 'A', 'P', 'U'] };

const ENVIRONMENTAL: Readonly<Record<string, readonly string[]>> = {
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  // Safety (S) exists only for the modified subsequent-system integrity and availability.
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
};

// Supplemental metrics: allowed, never part of the score.
const SUPPLEMENTAL: Readonly<Record<string, readonly string[]>> = {
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};

const ALL_METRICS: Readonly<Record<string, readonly string[]>> = {
  ...BASE,
  ...THREAT,
  ...ENVIRONMENTAL,
  ...SUPPLEMENTAL,
};

/** Unset threat and security-requirement metrics take their worst case (spec section 8.3). */
const WORST_CASE: Readonly<Record<string, string>> = { E: 'A', CR: 'H', IR: 'H', AR: 'H' };

/**
 * Each metric value's severity level in tenths: 0 is the most severe. Only differences matter;
 * SC starts at 0.1 because the most severe SI/SA value, Safety, has no SC counterpart.
 */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
  E: { U: 0.2, P: 0.1, A: 0.0 },
};

/** The score of every macrovector (EQ1..EQ6 digits), as published with the specification. */
// prettier-ignore
const MACROVECTOR_SCORES: Readonly<Record<string, number>> = {
  '000000': 10, '000001': 9.9, '000010': 9.8, '000011': 9.5, '000020': 9.5, '000021': 9.2,
  '000100': 10, '000101': 9.6, '000110': 9.3, '000111': 8.7, '000120': 9.1, '000121': 8.1,
  '000200': 9.3, '000201': 9, '000210': 8.9, '000211': 8, '000220': 8.1, '000221': 6.8,
  '001000': 9.8, '001001': 9.5, '001010': 9.5, '001011': 9.2, '001020': 9, '001021': 8.4,
  '001100': 9.3, '001101': 9.2, '001110': 8.9, '001111': 8.1, '001120': 8.1, '001121': 6.5,
  '001200': 8.8, '001201': 8, '001210': 7.8, '001211': 7, '001220': 6.9, '001221': 4.8,
  '002001': 9.2, '002011': 8.2, '002021': 7.2, '002101': 7.9, '002111': 6.9, '002121': 5,
  '002201': 6.9, '002211': 5.5, '002221': 2.7,
  '010000': 9.9, '010001': 9.7, '010010': 9.5, '010011': 9.2, '010020': 9.2, '010021': 8.5,
  '010100': 9.5, '010101': 9.1, '010110': 9, '010111': 8.3, '010120': 8.4, '010121': 7.1,
  '010200': 9.2, '010201': 8.1, '010210': 8.2, '010211': 7.1, '010220': 7.2, '010221': 5.3,
  '011000': 9.5, '011001': 9.3, '011010': 9.2, '011011': 8.5, '011020': 8.5, '011021': 7.3,
  '011100': 9.2, '011101': 8.2, '011110': 8, '011111': 7.2, '011120': 7, '011121': 5.9,
  '011200': 8.4, '011201': 7, '011210': 7.1, '011211': 5.2, '011220': 5, '011221': 3,
  '012001': 8.6, '012011': 7.5, '012021': 5.2, '012101': 7.1, '012111': 5.2, '012121': 2.9,
  '012201': 6.3, '012211': 2.9, '012221': 1.7,
  '100000': 9.8, '100001': 9.5, '100010': 9.4, '100011': 8.7, '100020': 9.1, '100021': 8.1,
  '100100': 9.4, '100101': 8.9, '100110': 8.6, '100111': 7.4, '100120': 7.7, '100121': 6.4,
  '100200': 8.7, '100201': 7.5, '100210': 7.4, '100211': 6.3, '100220': 6.3, '100221': 4.9,
  '101000': 9.4, '101001': 8.9, '101010': 8.8, '101011': 7.7, '101020': 7.6, '101021': 6.7,
  '101100': 8.6, '101101': 7.6, '101110': 7.4, '101111': 5.8, '101120': 5.9, '101121': 5,
  '101200': 7.2, '101201': 5.7, '101210': 5.7, '101211': 5.2, '101220': 5.2, '101221': 2.5,
  '102001': 8.3, '102011': 7, '102021': 5.4, '102101': 6.5, '102111': 5.8, '102121': 2.6,
  '102201': 5.3, '102211': 2.1, '102221': 1.3,
  '110000': 9.5, '110001': 9, '110010': 8.8, '110011': 7.6, '110020': 7.6, '110021': 7,
  '110100': 9, '110101': 7.7, '110110': 7.5, '110111': 6.2, '110120': 6.1, '110121': 5.3,
  '110200': 7.7, '110201': 6.6, '110210': 6.8, '110211': 5.9, '110220': 5.2, '110221': 3,
  '111000': 8.9, '111001': 7.8, '111010': 7.6, '111011': 6.7, '111020': 6.2, '111021': 5.8,
  '111100': 7.4, '111101': 5.9, '111110': 5.7, '111111': 5.7, '111120': 4.7, '111121': 2.3,
  '111200': 6.1, '111201': 5.2, '111210': 5.7, '111211': 2.9, '111220': 2.4, '111221': 1.6,
  '112001': 7.1, '112011': 5.9, '112021': 3, '112101': 5.8, '112111': 2.6, '112121': 1.5,
  '112201': 2.3, '112211': 1.3, '112221': 0.6,
  '200000': 9.3, '200001': 8.7, '200010': 8.6, '200011': 7.2, '200020': 7.5, '200021': 5.8,
  '200100': 8.6, '200101': 7.4, '200110': 7.4, '200111': 6.1, '200120': 5.6, '200121': 3.4,
  '200200': 7, '200201': 5.4, '200210': 5.2, '200211': 4, '200220': 4, '200221': 2.2,
  '201000': 8.5, '201001': 7.5, '201010': 7.4, '201011': 5.5, '201020': 6.2, '201021': 5.1,
  '201100': 7.2, '201101': 5.7, '201110': 5.5, '201111': 4.1, '201120': 4.6, '201121': 1.9,
  '201200': 5.3, '201201': 3.6, '201210': 3.4, '201211': 1.9, '201220': 1.9, '201221': 0.8,
  '202001': 6.4, '202011': 5.1, '202021': 2, '202101': 4.7, '202111': 2.1, '202121': 1.1,
  '202201': 2.4, '202211': 0.9, '202221': 0.4,
  '210000': 8.8, '210001': 7.5, '210010': 7.3, '210011': 5.3, '210020': 6, '210021': 5,
  '210100': 7.3, '210101': 5.5, '210110': 5.9, '210111': 4, '210120': 4.1, '210121': 2,
  '210200': 5.4, '210201': 4.3, '210210': 4.5, '210211': 2.2, '210220': 2, '210221': 1.1,
  '211000': 7.5, '211001': 5.5, '211010': 5.8, '211011': 4.5, '211020': 4, '211021': 2.1,
  '211100': 6.1, '211101': 5.1, '211110': 4.8, '211111': 1.8, '211120': 2, '211121': 0.9,
  '211200': 4.6, '211201': 1.8, '211210': 1.7, '211211': 0.7, '211220': 0.8, '211221': 0.2,
  '212001': 5.3, '212011': 2.4, '212021': 1.4, '212101': 2.4, '212111': 1.2, '212121': 0.5,
  '212201': 1, '212211': 0.3, '212221': 0.1,
};

/**
 * The most severe vectors of each EQ level (EQ3 and EQ6 together, as they share metrics), tried
 * in this order when looking for one at least as severe as the vector scored.
 */
const HIGHEST: {
  readonly eq1: readonly (readonly string[])[];
  readonly eq2: readonly (readonly string[])[];
  readonly eq3eq6: readonly Readonly<Record<number, readonly string[]>>[];
  readonly eq4: readonly (readonly string[])[];
  readonly eq5: readonly (readonly string[])[];
} = {
  eq1: [
    ['AV:N/PR:N/UI:N'],
    ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'],
    ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'],
  ],
  eq2: [['AC:L/AT:N'], ['AC:H/AT:N', 'AC:L/AT:P']],
  eq3eq6: [
    {
      0: ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
      1: ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    },
    {
      0: ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
      1: [
        'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
        'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
        'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
        'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
        'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
      ],
    },
    { 1: ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'] },
  ],
  eq4: [['SC:H/SI:S/SA:S'], ['SC:H/SI:H/SA:H'], ['SC:L/SI:L/SA:L']],
  eq5: [['E:A'], ['E:P'], ['E:U']],
};

/** The depth of each EQ level: its largest severity distance, plus one (in tenths). */
const DEPTH = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  eq3eq6: [{ 0: 7, 1: 6 }, { 0: 8, 1: 8 }, { 1: 10 }] as readonly Readonly<
    Record<number, number>
  >[],
  eq4: [6, 5, 4],
} as const;

const STEP = 0.1;

type Effective = (metric: string) => string;

/**
 * Computes the CVSS v4.0 score of a vector. Threat and environmental metrics, when present,
 * take part as the specification says (an unset `E` counts as `A`, unset `CR`/`IR`/`AR` as
 * `H`, a modified metric replaces its base metric); supplemental metrics are checked only.
 * Metrics may come in any order (advisories do not always keep the specification's order), but
 * none twice.
 *
 * @example cvss4Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N') // { ok: true, version: '4.0', score: 9.3, severity: 'critical', … }
 */
export function cvss4Score(vector: string): CvssScore {
  const prefix = 'CVSS:4.0/';
  if (!vector.startsWith(prefix))
    return { ok: false, problem: 'a CVSS v4.0 vector starts with "CVSS:4.0/"' };
  const values = new Map<string, string>();
  for (const part of vector.slice(prefix.length).split('/')) {
    const [metric = '', value, ...extra] = part.split(':');
    if (value === undefined || extra.length > 0)
      return { ok: false, problem: `"${part.slice(0, 40)}" is not a metric:value pair` };
    const allowed = Object.hasOwn(ALL_METRICS, metric) ? ALL_METRICS[metric] : undefined;
    if (allowed === undefined)
      return { ok: false, problem: `unknown metric "${metric.slice(0, 40)}"` };
    if (!allowed.includes(value))
      return { ok: false, problem: `"${value.slice(0, 40)}" is not a value of ${metric}` };
    if (values.has(metric)) return { ok: false, problem: `metric ${metric} is given twice` };
    values.set(metric, value);
  }
  const missing = Object.keys(BASE).filter((metric) => !values.has(metric));
  if (missing.length > 0)
    return { ok: false, problem: `missing base metric(s) ${missing.join(', ')}` };

  const effective: Effective = (metric) => {
    const value = values.get(metric) ?? 'X';
    const worst = WORST_CASE[metric];
    if (value === 'X' && worst !== undefined) return worst;
    const modified = values.get(`M${metric}`);
    return modified !== undefined && modified !== 'X' ? modified : value;
  };
  const macroVector = macroVectorOf(effective);
  const score = scoreOf(effective, macroVector);
  return {
    ok: true,
    version: '4.0',
    score,
    severity: cvssRating(score),
    nomenclature: nomenclatureOf(values),
    macroVector,
  };
}

function nomenclatureOf(values: ReadonlyMap<string, string>): Cvss4Nomenclature {
  const uses = (group: Readonly<Record<string, readonly string[]>>): boolean =>
    Object.keys(group).some((metric) => (values.get(metric) ?? 'X') !== 'X');
  const threat = uses(THREAT);
  const environmental = uses(ENVIRONMENTAL);
  if (threat && environmental) return 'CVSS-BTE';
  if (threat) return 'CVSS-BT';
  if (environmental) return 'CVSS-BE';
  return 'CVSS-B';
}

/** EQ1..EQ6 of spec table 24, as six digits. */
function macroVectorOf(m: Effective): string {
  const av = m('AV');
  const pr = m('PR');
  const ui = m('UI');
  let eq1 = 2;
  if (av === 'N' && pr === 'N' && ui === 'N') eq1 = 0;
  else if ((av === 'N' || pr === 'N' || ui === 'N') && av !== 'P') eq1 = 1;

  const eq2 = m('AC') === 'L' && m('AT') === 'N' ? 0 : 1;

  const vc = m('VC');
  const vi = m('VI');
  const va = m('VA');
  let eq3 = 2;
  if (vc === 'H' && vi === 'H') eq3 = 0;
  else if (vc === 'H' || vi === 'H' || va === 'H') eq3 = 1;

  let eq4 = 2;
  if (m('MSI') === 'S' || m('MSA') === 'S') eq4 = 0;
  else if (m('SC') === 'H' || m('SI') === 'H' || m('SA') === 'H') eq4 = 1;

  const exploit = m('E');
  const eq5 = exploit === 'A' ? 0 : exploit === 'P' ? 1 : 2;

  const eq6 =
    (m('CR') === 'H' && vc === 'H') ||
    (m('IR') === 'H' && vi === 'H') ||
    (m('AR') === 'H' && va === 'H')
      ? 0
      : 1;

  return `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
}

function digitAt(macroVector: string, index: number): number {
  return macroVector.charCodeAt(index) - 48;
}

/** The macrovector with the digits at `indexes` raised by one: the next lower one along them. */
function lowered(macroVector: string, ...indexes: number[]): number {
  let next = '';
  for (let i = 0; i < 6; i++)
    next += String(digitAt(macroVector, i) + (indexes.includes(i) ? 1 : 0));
  return MACROVECTOR_SCORES[next] ?? Number.NaN;
}

function levelOf(metric: string, value: string): number {
  return LEVELS[metric]?.[value] ?? Number.NaN;
}

function parseHighest(text: string): Map<string, string> {
  return new Map(text.split('/').map((pair) => pair.split(':') as [string, string]));
}

/** Spec section 8.2: the macrovector score, less the mean proportional distance below it. */
function scoreOf(m: Effective, macroVector: string): number {
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((metric) => m(metric) === 'N')) return 0;
  const value = MACROVECTOR_SCORES[macroVector] ?? Number.NaN;
  const eq1 = digitAt(macroVector, 0);
  const eq2 = digitAt(macroVector, 1);
  const eq3 = digitAt(macroVector, 2);
  const eq4 = digitAt(macroVector, 3);
  const eq5 = digitAt(macroVector, 4);
  const eq6 = digitAt(macroVector, 5);

  // a. The maximal scoring difference along each EQ: down to the next lower macrovector, if any.
  const lowerEq1 = lowered(macroVector, 0);
  const lowerEq2 = lowered(macroVector, 1);
  let lowerEq3Eq6: number;
  if (eq3 === 0 && eq6 === 0)
    lowerEq3Eq6 = Math.max(lowered(macroVector, 5), lowered(macroVector, 2));
  else if (eq3 === 1 && eq6 === 0) lowerEq3Eq6 = lowered(macroVector, 5);
  else if (eq3 === 2) lowerEq3Eq6 = lowered(macroVector, 2, 5);
  else lowerEq3Eq6 = lowered(macroVector, 2);
  const lowerEq4 = lowered(macroVector, 3);
  const lowerEq5 = lowered(macroVector, 4);

  // b. The distance from the first most severe vector of the macrovector that is at least as
  // severe as this one, metric by metric.
  const distance = distancesFromHighest(m, [
    HIGHEST.eq1[eq1] ?? [],
    HIGHEST.eq2[eq2] ?? [],
    HIGHEST.eq3eq6[eq3]?.[eq6] ?? [],
    HIGHEST.eq4[eq4] ?? [],
    HIGHEST.eq5[eq5] ?? [],
  ]);
  const d = (metric: string): number => distance.get(metric) ?? 0;
  const distanceEq1 = d('AV') + d('PR') + d('UI');
  const distanceEq2 = d('AC') + d('AT');
  const distanceEq3Eq6 = d('VC') + d('VI') + d('VA') + d('CR') + d('IR') + d('AR');
  const distanceEq4 = d('SC') + d('SI') + d('SA');

  // c, d. Each available difference scaled by the distance's share of the EQ level's depth;
  // EQ5 takes part in the mean with a share of 0.
  const parts: [difference: number, share: number][] = [
    [value - lowerEq1, distanceEq1 / ((DEPTH.eq1[eq1] ?? Number.NaN) * STEP)],
    [value - lowerEq2, distanceEq2 / ((DEPTH.eq2[eq2] ?? Number.NaN) * STEP)],
    [value - lowerEq3Eq6, distanceEq3Eq6 / ((DEPTH.eq3eq6[eq3]?.[eq6] ?? Number.NaN) * STEP)],
    [value - lowerEq4, distanceEq4 / ((DEPTH.eq4[eq4] ?? Number.NaN) * STEP)],
    [value - lowerEq5, 0],
  ];
  let existing = 0;
  let sum = 0;
  for (const [difference, share] of parts) {
    if (Number.isNaN(difference)) continue;
    existing++;
    sum += difference * share;
  }
  const mean = existing === 0 ? 0 : sum / existing;
  return Math.round(Math.max(0, Math.min(10, value - mean)) * 10) / 10;
}

/** Per-metric severity distances from the first candidate highest vector that dominates. */
function distancesFromHighest(
  m: Effective,
  candidates: readonly (readonly string[])[],
): Map<string, number> {
  let distances = new Map<string, number>();
  for (const highest of combinations(candidates)) {
    distances = new Map();
    for (const metric of Object.keys(LEVELS))
      distances.set(
        metric,
        levelOf(metric, m(metric)) - levelOf(metric, highest.get(metric) ?? ''),
      );
    if ([...distances.values()].every((distance) => distance >= 0)) return distances;
  }
  return distances;
}

/** Every way of picking one entry per EQ, first EQ varying slowest, merged into one vector. */
function* combinations(
  candidates: readonly (readonly string[])[],
  index = 0,
  picked = new Map<string, string>(),
): Generator<Map<string, string>> {
  const options = candidates[index];
  if (options === undefined) {
    yield picked;
    return;
  }
  for (const option of options)
    yield* combinations(candidates, index + 1, new Map([...picked, ...parseHighest(option)]));
}

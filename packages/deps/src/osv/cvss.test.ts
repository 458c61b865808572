import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvssBaseScore } from './cvss.js';
import { parseOsvRecord } from './osvRecord.js';
import { severityFromRecord } from './severityFromRecord.js';

/**
 * Vectors taken from the shared OSV records, with base scores worked by hand from the v3.1
 * specification's formulas (section 7.1; Roundup from appendix A).
 */
const SCORES: [vector: string, score: number, severity: string][] = [
  // ISS 1-0.44³=0.914816; impact 6.42·ISS=5.8731; expl 8.22·.85·.77·.85·.85=3.8870 → 9.7602 → 9.8
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
  // as above with AC:H (0.44): expl 2.2212 → 8.0943 → 8.1
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1, 'high'],
  // ISS 0.22; impact 1.4124; expl 3.8870 → 5.2994 → 5.3
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3, 'medium'],
  // ISS 0.56; impact 3.5952; expl 3.8870 → 7.4822 → 7.5 (a v3.0 vector: same base formula)
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'high'],
  // ISS 1-.78·.44·.78=0.732304; impact 4.7014; expl 8.22·.85·.77·.62·.85=2.8353 → 7.5366 → 7.6
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L', 7.6, 'high'],
  // ISS 1-.78³=0.525448; impact 3.3734; expl 8.22·.85·.44·.27·.62=0.5146 → 3.8880 → 3.9
  ['CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L', 3.9, 'low'],
  // PR:H unchanged scope 0.27: expl 1.2347; impact 5.8731 → 7.1078 → 7.2
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2, 'high'],
  // Scope changed: ISS 1-.78²=0.3916; impact 7.52·0.3626-3.25·0.3716¹⁵=2.7268; expl 8.22·.85·.77·.85·.62=2.8353
  // → 1.08·5.5621=6.0071 → 6.1
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
  // Scope changed, local: ISS 0.8064; impact 7.52·0.7774-3.25·0.7864¹⁵=5.7576; expl 8.22·.55·.77·.85·.62=1.8346
  // → 1.08·7.5922=8.1996 → 8.2
  ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N', 8.2, 'high'],
  // Scope changed raises PR:L to 0.68: impact 7.52·0.8858-3.25·0.8948¹⁵=6.0478; expl 8.22·.85·.77·.68·.85=3.1096
  // → 1.08·9.1574=9.8900 → 9.9
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9, 'critical'],
  // PR:H changed 0.5: expl 2.2864 → 1.08·8.3341=9.0008 → 9.1
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 9.1, 'critical'],
  // No impact: 0.0 whatever the exploitability.
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N', 0, 'none'],
  // Temporal and environmental metrics do not change the base score; order does not matter.
  ['CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:P/RL:O/RC:C/CR:H/MAV:L', 9.8, 'critical'],
];

for (const [vector, score, severity] of SCORES) {
  test(`${vector} scores ${score}`, () => {
    const result = cvssBaseScore(vector);
    assert.ok(result.ok, vector);
    assert.equal(result.score, score);
    assert.equal(result.severity, severity);
  });
}

test('malformed vectors are parse errors', () => {
  for (const vector of [
    '',
    'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/',
    'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1',
    'CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  ]) {
    assert.equal(cvssBaseScore(vector).ok, false, vector);
  }
  assert.deepEqual(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'), {
    ok: false,
    problem: 'missing base metric(s) A',
  });
});

function osv(fields: Record<string, unknown>) {
  const parsed = parseOsvRecord({
    id: 'GHSA-xxxx-xxxx-xxxx',
    modified: '2024-01-01T00:00:00Z',
    ...fields,
  });
  assert.ok(parsed.ok);
  return parsed.record;
}

test('severityFromRecord: highest CVSS v3 score, then GitHub severity, critical for MAL-', () => {
  assert.equal(
    severityFromRecord(
      osv({
        severity: [
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
          { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
        ],
        affected: [
          {
            package: { ecosystem: 'npm', name: 'p' },
            severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          },
        ],
        database_specific: { severity: 'LOW' },
      }),
    ),
    'critical',
  );
  assert.equal(
    severityFromRecord(
      osv({
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }],
      }),
    ),
    'medium',
  );
  assert.equal(
    severityFromRecord(osv({ severity: [], database_specific: { severity: 'MODERATE' } })),
    'medium',
  );
  assert.equal(severityFromRecord(osv({ database_specific: { severity: 'HIGH' } })), 'high');
  assert.equal(
    severityFromRecord(
      osv({
        severity: [{ type: 'CVSS_V3', score: 'broken' }],
        database_specific: { severity: 'LOW' },
      }),
    ),
    'low',
  );
  assert.equal(severityFromRecord(osv({ id: 'MAL-2024-1234' })), 'critical');
  assert.equal(severityFromRecord(osv({})), undefined);
});

test('severityFromRecord: a valid CVSS v4.0 score wins over v3, whichever is higher', () => {
  // GHSA-jj78-5fmv-mv28: its v3.1 vector rates medium, its v4.0 vector low; GitHub says LOW.
  const both = {
    severity: [
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:N/A:N' },
      {
        type: 'CVSS_V4',
        score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N/E:P',
      },
    ],
  };
  assert.equal(severityFromRecord(osv(both)), 'low');
  // The highest v4 score across the record and its packages.
  assert.equal(
    severityFromRecord(
      osv({
        ...both,
        affected: [
          {
            package: { ecosystem: 'npm', name: 'p' },
            severity: [
              {
                type: 'CVSS_V4',
                score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
              },
            ],
          },
        ],
      }),
    ),
    'high',
  );
  // An invalid v4 vector, or one filed under the wrong type, falls back to v3.
  assert.equal(
    severityFromRecord(
      osv({
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' },
          {
            type: 'CVSS_V3',
            score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          },
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:N/A:N' },
        ],
      }),
    ),
    'medium',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IgnoreEntry } from '../config/schema.js';
import type { Finding, Location } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { SEVERITIES, type Severity } from '../severity.js';
import { applyPolicy, type CandidateFinding, type PolicyOptions } from './applyPolicy.js';

const TODAY = '2026-03-15';

function finding(
  ruleId: string,
  path: string,
  severity: Severity = 'high',
  location?: Location,
): Finding {
  return {
    ruleId,
    scanner: ruleId.split('/')[0] ?? '',
    severity,
    confidence: 'high',
    title: ruleId,
    message: `${ruleId} in ${path}`,
    location: location ?? {
      kind: 'file',
      path,
      startLine: 3,
      startColumn: 1,
      endLine: 3,
      endColumn: 10,
    },
    cwe: [],
    references: [],
    fingerprint: fingerprint(ruleId, path, 'content'),
  };
}

function evaluate(
  findings: readonly (Finding | CandidateFinding)[],
  options: Partial<PolicyOptions> = {},
) {
  const candidates = findings.map((f) => ('finding' in f ? f : { finding: f }));
  return applyPolicy(candidates, { failOn: 'high', ignores: [], today: TODAY, ...options });
}

/** The suppression kind of each result, or `-` for findings that count. */
function kinds(findings: readonly Finding[], ignores: IgnoreEntry[]): string[] {
  return evaluate(findings, { ignores }).results.map((r) => r.suppression?.kind ?? '-');
}

test('the gate fails at or above the fail-on severity only', () => {
  const all = SEVERITIES.map((severity) => finding(`t/${severity}`, 'a.txt', severity));
  const blockingFor = (failOn: PolicyOptions['failOn']) =>
    evaluate(all, { failOn })
      .results.filter((r) => r.blocking)
      .map((r) => r.finding.severity);

  assert.deepEqual(blockingFor('critical'), ['critical']);
  assert.deepEqual(blockingFor('high'), ['critical', 'high']);
  assert.deepEqual(blockingFor('medium'), ['critical', 'high', 'medium']);
  assert.deepEqual(blockingFor('info'), [...SEVERITIES]);
  assert.deepEqual(blockingFor('none'), []);

  assert.equal(evaluate(all, { failOn: 'none' }).failed, false);
  assert.equal(evaluate(all, { failOn: 'info' }).failed, true);
  assert.equal(evaluate([finding('t/low', 'a', 'low')], { failOn: 'medium' }).failed, false);
  assert.equal(evaluate([finding('t/low', 'a', 'low')], { failOn: 'low' }).failed, true);
});

test('no findings: the gate passes with no notices', () => {
  assert.deepEqual(evaluate([], { failOn: 'info' }), { results: [], failed: false, notices: [] });
});

test('results keep the order and identity of the findings given', () => {
  const findings = [finding('t/b', 'z.txt'), finding('t/a', 'a.txt')];
  const { results } = evaluate(findings);
  assert.equal(results[0]?.finding, findings[0]);
  assert.equal(results[1]?.finding, findings[1]);
});

test('an ignore by rule matches the full id or the id without its scanner prefix', () => {
  const pat = finding('secrets/github-pat', 'src/a.ts');
  const other = finding('secrets/github-oauth-token', 'src/a.ts');
  assert.deepEqual(kinds([pat, other], [{ rule: 'secrets/github-pat', reason: 'r' }]), [
    'config',
    '-',
  ]);
  assert.deepEqual(kinds([pat, other], [{ rule: 'github-pat', reason: 'r' }]), ['config', '-']);
  // Neither a suffix that is not a whole rule id nor another scanner's rule.
  assert.deepEqual(kinds([pat], [{ rule: 'pat', reason: 'r' }]), ['-']);
  assert.deepEqual(kinds([pat], [{ rule: 'deps/github-pat', reason: 'r' }]), ['-']);
});

test('an ignore by path uses gitignore globs', () => {
  const findings = [
    finding('t/x', 'test/fixtures/keys.pem'),
    finding('t/x', 'test/fixtures/deep/er/a.env'),
    finding('t/x', 'src/test/fixtures/a.env'),
    finding('t/x', 'src/app.ts'),
  ];
  assert.deepEqual(kinds(findings, [{ path: 'test/fixtures/**', reason: 'r' }]), [
    'config',
    'config',
    '-',
    '-',
  ]);
  assert.deepEqual(kinds(findings, [{ path: '*.env', reason: 'r' }]), [
    '-',
    'config',
    'config',
    '-',
  ]);
});

test('a path ignore applies to a package finding through its manifest, never to a URL finding', () => {
  const pkg = finding('deps/vuln', 'ignored', 'high', {
    kind: 'package',
    purl: 'pkg:npm/left-pad@1.0.0',
    file: { path: 'legacy/package-lock.json' },
  });
  const bare = finding('deps/vuln', 'ignored', 'high', {
    kind: 'package',
    purl: 'pkg:npm/left-pad@1.0.0',
  });
  const url = finding('dast/hsts', 'ignored', 'high', { kind: 'url', url: 'https://x.test/' });
  assert.deepEqual(kinds([pkg, bare, url], [{ path: 'legacy/**', reason: 'r' }]), [
    'config',
    '-',
    '-',
  ]);
});

test('an ignore by fingerprint matches that finding only', () => {
  const a = finding('t/x', 'a.txt');
  const b = finding('t/x', 'b.txt');
  assert.notEqual(a.fingerprint, b.fingerprint);
  assert.deepEqual(kinds([a, b], [{ fingerprint: b.fingerprint, reason: 'r' }]), ['-', 'config']);
});

test('an ignore applies only when every field it gives matches', () => {
  const target = finding('secrets/github-pat', 'test/a.txt');
  const findings = [
    target,
    finding('secrets/github-pat', 'src/a.txt'),
    finding('secrets/aws-access-key-id', 'test/a.txt'),
  ];
  assert.deepEqual(kinds(findings, [{ rule: 'github-pat', path: 'test/**', reason: 'r' }]), [
    'config',
    '-',
    '-',
  ]);
  assert.deepEqual(kinds(findings, [{ rule: 'github-pat', fingerprint: 'not-it', reason: 'r' }]), [
    '-',
    '-',
    '-',
  ]);
  assert.deepEqual(
    kinds(findings, [
      { rule: 'github-pat', path: 'test/**', fingerprint: target.fingerprint, reason: 'r' },
    ]),
    ['config', '-', '-'],
  );
});

test('a config suppression carries the reason and until, and is never blocking', () => {
  const { results, failed } = evaluate([finding('t/x', 'a', 'critical')], {
    failOn: 'info',
    ignores: [{ rule: 't/x', reason: 'accepted risk', until: '2026-04-01' }],
  });
  assert.deepEqual(results[0]?.suppression, {
    kind: 'config',
    reason: 'accepted risk',
    until: '2026-04-01',
  });
  assert.equal(results[0].blocking, false);
  assert.equal(failed, false);
});

test('`until` applies up to and including that day, and not after it', () => {
  const f = finding('t/x', 'a');
  const until = (date: string) => kinds([f], [{ rule: 't/x', reason: 'r', until: date }])[0];
  assert.equal(until('2026-12-31'), 'config');
  assert.equal(until(TODAY), 'config', 'the last day still applies');
  assert.equal(until('2026-03-14'), '-');
  assert.equal(until('2025-12-31'), '-');
});

test('an expired ignore gives a notice naming the entry and how many findings it matched', () => {
  const findings = [
    finding('secrets/github-pat', 'test/a.txt', 'critical'),
    finding('secrets/github-pat', 'test/b.txt', 'critical'),
    finding('t/other', 'test/c.txt', 'low'),
  ];
  const verdict = evaluate(findings, {
    ignores: [
      { rule: 'github-pat', path: 'test/**', reason: 'fixtures', until: '2026-01-31' },
      { rule: 't/other', reason: 'one', until: '2026-02-01' },
      { rule: 'matches-nothing', reason: 'unused', until: '2020-01-01' },
    ],
  });
  assert.deepEqual(
    verdict.results.map((r) => [r.suppression?.kind ?? '-', r.blocking]),
    [
      ['-', true],
      ['-', true],
      ['-', false],
    ],
  );
  assert.equal(verdict.failed, true);
  assert.equal(verdict.notices.length, 2, verdict.notices.join('\n'));
  const [first, second] = verdict.notices;
  assert.match(first ?? '', /rule github-pat/);
  assert.match(first ?? '', /path test\/\*\*/);
  assert.match(first ?? '', /2026-01-31/);
  assert.match(first ?? '', /\b2 findings\b/);
  assert.match(second ?? '', /rule t\/other/);
  assert.match(second ?? '', /\b1 finding\b/);
  assert.doesNotMatch(second ?? '', /1 findings/);
});

test('an expired ignore does not hide a later entry that still applies', () => {
  const { results, notices } = evaluate([finding('t/x', 'a')], {
    ignores: [
      { rule: 't/x', reason: 'old', until: '2026-01-01' },
      { path: 'a', reason: 'new' },
    ],
  });
  assert.deepEqual(results[0]?.suppression, { kind: 'config', reason: 'new', until: undefined });
  assert.equal(notices.length, 1);
});

test('the first matching entry gives the reason', () => {
  const { results } = evaluate([finding('t/x', 'a')], {
    ignores: [
      { rule: 't/x', reason: 'first' },
      { path: 'a', reason: 'second' },
    ],
  });
  assert.equal(
    results[0]?.suppression?.kind === 'config' && results[0].suppression.reason,
    'first',
  );
});

test('an inline ignore wins over config and baseline, with its own reason', () => {
  const f = finding('t/x', 'a', 'critical');
  const { results, failed } = evaluate(
    [{ finding: f, inline: { rules: [], reason: 'test key, revoked' } }],
    {
      failOn: 'info',
      ignores: [{ rule: 't/x', reason: 'config reason' }],
      baseline: new Set([f.fingerprint]),
    },
  );
  assert.deepEqual(results[0]?.suppression, { kind: 'inline', reason: 'test key, revoked' });
  assert.equal(results[0].blocking, false);
  assert.equal(failed, false);
});

test('an inline ignore without a reason gets a default one', () => {
  const { results } = evaluate([
    { finding: finding('t/x', 'a'), inline: { rules: [], reason: '' } },
  ]);
  assert.deepEqual(results[0]?.suppression, { kind: 'inline', reason: 'inline vigil-ignore' });
});

test('a baseline suppresses the findings it lists, by fingerprint', () => {
  const known = finding('t/x', 'old.txt', 'critical');
  const fresh = finding('t/x', 'new.txt', 'critical');
  const verdict = evaluate([known, fresh], { baseline: new Set([known.fingerprint]) });
  assert.deepEqual(
    verdict.results.map((r) => [r.suppression?.kind ?? '-', r.blocking]),
    [
      ['baseline', false],
      ['-', true],
    ],
  );
  assert.equal(verdict.failed, true);
  assert.equal(evaluate([known], { baseline: new Set([known.fingerprint]) }).failed, false);
});

test('config ignores take precedence over the baseline', () => {
  const f = finding('t/x', 'a');
  const { results } = evaluate([f], {
    ignores: [{ rule: 't/x', reason: 'r' }],
    baseline: new Set([f.fingerprint]),
  });
  assert.equal(results[0]?.suppression?.kind, 'config');
});

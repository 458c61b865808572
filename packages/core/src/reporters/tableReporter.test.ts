import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyStats } from '../report.js';
import { renderTable } from './tableReporter.js';
import { sampleReport, sampleResults } from './sampleReport.js';

const plain = { color: false };

test('open findings are grouped under their file, package or URL, files first', () => {
  const output = renderTable(sampleReport(), plain);
  const headings = output.split('\n').filter((line) => line && !line.startsWith(' '));
  assert.deepEqual(headings.slice(0, 6), [
    'config/settings.env',
    'deploy/id_rsa',
    'src/db.ts',
    'pkg:npm/lodash@4.17.20 (package-lock.json)',
    'pkg:pypi/requests@2.0.0',
    'https://shop.example.com/login?next=%2F',
  ]);
  assert.match(
    output,
    /^ {2}HIGH {6}secrets\/github-pat +2:14 {2}GitHub personal access token: ghp_… \(40 characters\)$/m,
  );
  assert.match(output, /^ {2}MEDIUM +deps\/vulnerable-package +40:5 {2}lodash/m);
  assert.match(output, /^ {2}LOW +dast\/missing-hsts +- {2}No Strict-Transport-Security header$/m);
  assert.ok(!output.includes('test/fixtures/token.txt'), 'suppressed findings are not listed');
  assert.ok(!output.includes('legacy/key.pem'), 'baseline findings are not listed');
  assert.ok(!output.includes('\u001b'), 'no colour unless asked for');
});

test('git-history findings show the commit; taint findings show source and sink', () => {
  const output = renderTable(sampleReport(), plain);
  assert.match(
    output,
    /deploy\/id_rsa\n.*CRITICAL.*\n +commit 3f1c2a9 · Jane Doe · 2026-02-03 · fingerprint [0-9a-f]+\n/,
  );
  assert.match(
    output,
    /\n +source src\/routes\/orders\.ts:3:10 req\.query\.id → sink 12:5 db\.query\(sql\)\n/,
  );
});

test('the summary counts findings, ignores, baseline, files and the verdict', () => {
  const output = renderTable(sampleReport(), plain);
  assert.ok(
    output.includes(
      '6 findings (1 critical, 2 high, 2 medium, 1 low) · 2 ignored · 1 in baseline · ' +
        '1,234 files, 5.6 MB in 0.8 s · skipped 3 binary · policy FAILED (fail-on high)\n',
    ),
    output,
  );
  assert.match(
    output,
    /^2 warnings:\n {2}secret\/locked\.txt: cannot read file: EACCES \[FILE_UNREADABLE\]$/m,
  );
  assert.match(output, /^notice: ignore \(rule secrets\/generic-password\) expired on 2026-01-01/m);
});

test('no findings is said clearly, with a passing verdict', () => {
  const output = renderTable(
    sampleReport({
      results: [],
      warnings: [],
      policy: { failOn: 'high', failed: false, notices: [] },
      stats: { ...emptyStats(), filesScanned: 1, bytesScanned: 120 },
      durationMs: 42,
    }),
    plain,
  );
  assert.equal(
    output,
    'No findings.\n\n0 findings · 1 file, 120 B in 42 ms · policy passed (fail-on high)\n',
  );
});

test('history scans count commits', () => {
  const output = renderTable(
    sampleReport({
      results: [],
      target: 'git-history',
      stats: { ...emptyStats(), commitsScanned: 1 },
    }),
    plain,
  );
  assert.match(output, /· 1 commit, 0 files, 0 B in 0\.8 s ·/);
});

test('more than ten warnings are cut short with a pointer to the JSON output', () => {
  const warnings = Array.from({ length: 13 }, (_, index) => ({
    code: 'FILE_UNREADABLE',
    message: `cannot read file ${index}`,
  }));
  const output = renderTable(sampleReport({ warnings }), plain);
  assert.match(output, /^13 warnings:$/m);
  assert.ok(output.includes('cannot read file 9 [FILE_UNREADABLE]'));
  assert.ok(!output.includes('cannot read file 10 '));
  assert.match(output, /… and 3 more; use --format json to see them all/);
});

test('colour marks severities and the verdict only when asked for', () => {
  const output = renderTable(sampleReport(), { color: true });
  assert.ok(output.includes('\u001b[31mHIGH    \u001b[39m'), 'high in red');
  assert.ok(
    output.includes('\u001b[35m\u001b[1mCRITICAL\u001b[22m\u001b[39m'),
    'critical bold magenta',
  );
  assert.ok(output.includes('\u001b[31m\u001b[1mpolicy FAILED (fail-on high)\u001b[22m\u001b[39m'));
});

test('control characters from paths and messages cannot reach the terminal', () => {
  const [first] = sampleResults();
  assert.ok(first?.finding.location.kind === 'file');
  first.finding.location.path = 'evil\u001b[2J.env';
  first.finding.message = 'token\u001b]0;pwned\u0007 here\r';
  const output = renderTable(
    sampleReport({
      results: [first],
      warnings: [],
      policy: { failOn: 'high', failed: true, notices: [] },
    }),
    plain,
  );
  assert.deepEqual(output.match(/(?!\n)\p{Cc}/gu), null, JSON.stringify(output));
  assert.ok(output.includes('evil\\x1b[2J.env'));
  assert.ok(output.includes('token\\x1b]0;pwned\\x07 here\\x0d'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatConfigProblem, parseConfig, type ConfigProblem } from './parseConfig.js';
import { defaultConfig, parseSize } from './schema.js';

const FILE = 'repo/vigil.yaml';

/** The problems of a text that must not parse. */
function problemsOf(text: string): ConfigProblem[] {
  const result = parseConfig(text, FILE);
  assert.equal(result.ok, false, 'expected the config to be rejected');
  assert.ok(result.problems.length > 0, 'a rejected config names at least one problem');
  for (const problem of result.problems) assert.equal(problem.file, FILE);
  return result.problems;
}

/** The one problem whose key is `key`. */
function problemAt(text: string, key: string): ConfigProblem {
  const problems = problemsOf(text);
  const matching = problems.filter((problem) => problem.key === key);
  assert.equal(matching.length, 1, `problems: ${JSON.stringify(problems)}`);
  const [problem] = matching;
  if (!problem) throw new Error('unreachable');
  return problem;
}

test('a config using every key parses, with the values given and defaults filled in', () => {
  const text = [
    'failOn: medium',
    'scanners: [secrets]',
    'exclude:',
    '  - vendor/**',
    '  - "*.min.js"',
    'maxFileSize: 10MB',
    'ignore:',
    '  - rule: secrets/github-pat',
    '    path: test/fixtures/**',
    '    fingerprint: 0123abcd',
    '    reason: "  fixture tokens, revoked  "',
    '    until: 2026-12-31',
    '  - path: docs/**',
    '    reason: examples',
    'secrets:',
    '  disable: [generic-password]',
    '  allow: ["^ghp_TEST"]',
    'deps:',
    '  includeDev: true',
    '  database: .cache/osv',
    '  maxDatabaseAgeDays: 3',
    'code:',
    '  sources: exports',
    '  sanitizers: [cleanPath]',
    '  maxFileSize: 2MB',
    '  maxLineLength: 5000',
    'iac:',
    '  disable: [dockerfile-missing-healthcheck]',
    '  approvedBaseImages: ["gcr.io/distroless/*", "node:22-*"]',
    '  requireDigest: true',
    '  approvedRegistries: [ghcr.io/acme]',
    '  tlsProfile: modern',
    '',
  ].join('\n');
  const result = parseConfig(text, FILE);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.config, {
    failOn: 'medium',
    scanners: ['secrets'],
    exclude: ['vendor/**', '*.min.js'],
    maxFileSize: '10MB',
    ignore: [
      {
        rule: 'secrets/github-pat',
        path: 'test/fixtures/**',
        fingerprint: '0123abcd',
        reason: 'fixture tokens, revoked',
        until: '2026-12-31',
      },
      { path: 'docs/**', reason: 'examples' },
    ],
    secrets: { disable: ['generic-password'], allow: ['^ghp_TEST'] },
    deps: { includeDev: true, database: '.cache/osv', maxDatabaseAgeDays: 3 },
    code: {
      sources: 'exports',
      sanitizers: ['cleanPath'],
      maxFileSize: '2MB',
      maxLineLength: 5000,
    },
    iac: {
      disable: ['dockerfile-missing-healthcheck'],
      approvedBaseImages: ['gcr.io/distroless/*', 'node:22-*'],
      requireDigest: true,
      approvedRegistries: ['ghcr.io/acme'],
      tlsProfile: 'modern',
    },
  });
});

test('defaults: an empty file, a comment-only file and a partial `secrets` section', () => {
  for (const text of ['', '# nothing here\n']) {
    const result = parseConfig(text, FILE);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.config, defaultConfig());
  }
  assert.deepEqual(defaultConfig(), {
    exclude: [],
    ignore: [],
    secrets: { disable: [], allow: [] },
    deps: { includeDev: false, maxDatabaseAgeDays: 7 },
    code: { sources: 'default', sanitizers: [], maxFileSize: 1_000_000, maxLineLength: 10_000 },
    iac: {
      disable: [],
      approvedBaseImages: [],
      requireDigest: false,
      approvedRegistries: [],
      tlsProfile: 'intermediate',
    },
  });
  const partial = parseConfig('maxFileSize: 2048\nsecrets:\n  disable: [a]\n', FILE);
  assert.ok(partial.ok, JSON.stringify(partial));
  assert.deepEqual(partial.config.secrets, { disable: ['a'], allow: [] });
  assert.equal(partial.config.maxFileSize, 2048);
  assert.equal(partial.config.failOn, undefined, 'failOn has no schema default');
});

test('a missing reason points at the ignore entry it belongs to', () => {
  const text = [
    'failOn: high',
    'ignore:',
    '  - rule: a',
    '    reason: fine',
    '  - rule: b',
    '    path: src/**',
    '',
  ].join('\n');
  const problem = problemAt(text, 'ignore[1].reason');
  assert.deepEqual([problem.line, problem.column], [5, 5]);
});

test('a blank reason is rejected (it is trimmed first)', () => {
  const problem = problemAt('ignore:\n  - rule: a\n    reason: "   "\n', 'ignore[0].reason');
  assert.deepEqual([problem.line, problem.column], [3, 13]);
});

test('an ignore entry with only a reason needs a rule, path or fingerprint', () => {
  const problem = problemAt('ignore:\n  - reason: why\n', 'ignore[0]');
  assert.match(problem.message, /rule.*path.*fingerprint/);
  assert.deepEqual([problem.line, problem.column], [2, 5]);
});

test('an unknown top-level key is named', () => {
  const problems = problemsOf('failOn: high\nbogus: 1\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? '', /unknown key `bogus`/);
});

test('an unknown key inside an ignore entry or `secrets` is named with its full path', () => {
  const inEntry = problemAt(
    'ignore:\n  - rule: a\n    reason: x\n    extra: 1\n',
    'ignore[0].extra',
  );
  assert.deepEqual([inEntry.line, inEntry.column], [4, 5]);
  assert.match(inEntry.message, /`extra`/);
  const inSecrets = problemAt('secrets:\n  disable: []\n  allowList: [x]\n', 'secrets.allowList');
  assert.match(inSecrets.message, /`allowList`/);
});

test('an unknown key points at the line of that key', () => {
  const problems = problemsOf('failOn: high\nscanners: [secrets]\nbogus: 1\n');
  assert.deepEqual(
    problems.map(({ line, column }) => [line, column]),
    [[3, 1]],
  );
});

test('an impossible `until` date is rejected at the value', () => {
  const text = 'ignore:\n  - rule: a\n    reason: x\n    until: 2026-13-45\n';
  const problem = problemAt(text, 'ignore[0].until');
  assert.deepEqual([problem.line, problem.column], [4, 12]);
  problemAt(text.replace('2026-13-45', '2026-02-30'), 'ignore[0].until');
  problemAt(text.replace('2026-13-45', '2026-02-28T00:00:00Z'), 'ignore[0].until');
});

test('a wrong type points at the value', () => {
  const failOn = problemAt('failOn: 3\n', 'failOn');
  assert.deepEqual([failOn.line, failOn.column], [1, 9]);
  assert.match(failOn.message, /high/, 'the message lists the allowed values');

  const exclude = problemAt('\n\nfailOn: high\nexclude: "vendor"\n', 'exclude');
  assert.deepEqual([exclude.line, exclude.column], [4, 10]);

  const disable = problemAt('secrets:\n  disable: [ok, 7]\n', 'secrets.disable[1]');
  assert.deepEqual([disable.line, disable.column], [2, 17]);

  const profile = problemAt('iac:\n  tlsProfile: old\n', 'iac.tlsProfile');
  assert.deepEqual([profile.line, profile.column], [2, 15]);
  assert.match(profile.message, /modern.*intermediate/, 'the message lists the profiles');
});

test('an invalid regular expression in secrets.allow is a config problem at the value', () => {
  const problem = problemAt('secrets:\n  allow: ["(unclosed"]\n', 'secrets.allow[0]');
  assert.deepEqual([problem.line, problem.column], [2, 11]);
});

test('maxFileSize must be a positive integer or a size with a unit', () => {
  for (const value of ['10XB', '-1', '0', '1.5']) {
    problemAt(`maxFileSize: ${value}\n`, 'maxFileSize');
  }
  for (const value of ['1', '512KiB', '"1.5 GB"', '10mb']) {
    const result = parseConfig(`maxFileSize: ${value}\n`, FILE);
    assert.ok(result.ok, `${value}: ${JSON.stringify(result)}`);
  }
});

test('a config that is not a mapping is rejected for the whole document', () => {
  const [problem] = problemsOf('- a\n- b\n');
  assert.deepEqual(problem && [problem.key, problem.line, problem.column], ['', 1, 1]);
});

test('YAML syntax errors carry a position and no key', () => {
  const cases: [string, number][] = [
    ['failOn: [high\n', 2],
    ['failOn: high\nfailOn: low\n', 2],
    ['exclude:\n  - a\n"unterminated\n', 3],
  ];
  for (const [text, line] of cases) {
    const problems = problemsOf(text);
    for (const problem of problems) {
      assert.equal(problem.key, '', text);
      assert.ok(problem.column >= 1, text);
    }
    assert.equal(problems[0]?.line, line, `${text}: ${JSON.stringify(problems)}`);
  }
});

// The timeout turns a hang into a failure; it is not a speed assertion.
test('an alias bomb is refused instead of being expanded', { timeout: 30_000 }, () => {
  // Nine levels of nine aliases each: 9^9 (387 million) leaves if expanded.
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ');
    lines.push(`l${level}: &l${level} [${refs}]`);
  }
  const problems = problemsOf(`${lines.join('\n')}\n`);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0]?.message ?? '', /alias/i);
});

test('a few aliases in a normal config are fine', () => {
  const text = 'exclude: &ex [vendor/**]\nsecrets:\n  disable: *ex\n';
  const result = parseConfig(text, FILE);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.config.secrets.disable, ['vendor/**']);
});

test('formatConfigProblem renders file:line:col: key: message, and leaves out an empty key', () => {
  assert.equal(
    formatConfigProblem({
      file: 'vigil.yaml',
      line: 3,
      column: 5,
      key: 'ignore[0].reason',
      message: 'Required',
    }),
    'vigil.yaml:3:5: ignore[0].reason: Required',
  );
  assert.equal(
    formatConfigProblem({ file: 'a/vigil.yml', line: 1, column: 1, key: '', message: 'bad YAML' }),
    'a/vigil.yml:1:1: bad YAML',
  );
  const [real] = problemsOf('failOn: 3\n');
  assert.match(formatConfigProblem(real ?? assert.fail()), /^repo\/vigil\.yaml:1:9: failOn: /);
});

test('parseSize reads bytes, decimal and binary units, and rejects the rest', () => {
  const cases: [number | string, number | undefined][] = [
    ['10MB', 10_000_000],
    ['512KiB', 512 * 1024],
    ['1GiB', 1024 ** 3],
    ['1.5 GB', 1_500_000_000],
    ['10 kb', 10_000],
    ['100B', 100],
    ['  42  ', 42],
    [1000, 1000],
    ['1000', 1000],
    ['abc', undefined],
    ['10XB', undefined],
    ['MB', undefined],
    ['', undefined],
    ['-5MB', undefined],
  ];
  for (const [input, expected] of cases) {
    assert.equal(parseSize(input), expected, JSON.stringify(input));
  }
});

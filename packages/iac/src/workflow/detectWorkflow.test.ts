import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@vigil/core';
import { detectWorkflow } from './detectWorkflow.js';
import { isWorkflowPath } from './isWorkflowPath.js';

const sha = '11bd71901bbe5b1630ceea73d27597364c9af683';

let source: readonly string[] = [];

/** Rule, line and the exact text each finding's region covers (regions here are one line). */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => {
    const location = finding.location;
    assert.ok(location.kind === 'file' && location.startLine === location.endLine);
    const text = (source[location.startLine - 1] ?? '').slice(
      location.startColumn - 1,
      location.endColumn - 1,
    );
    return `${finding.ruleId.replace('iac/gha-', '')} ${String(location.startLine)} ${text}`;
  });
}

function detect(lines: readonly string[]): Finding[] {
  source = lines;
  const result = detectWorkflow(`${lines.join('\n')}\n`, '.github/workflows/ci.yml');
  assert.deepEqual(result.warnings, []);
  return result.findings;
}

test('workflow paths: only files directly in .github/workflows', () => {
  assert.ok(isWorkflowPath('.github/workflows/ci.yml'));
  assert.ok(isWorkflowPath('sub/repo/.github/workflows/release.yaml'));
  assert.ok(!isWorkflowPath('.github/workflows/scripts/helper.yml'));
  assert.ok(!isWorkflowPath('.github/dependabot.yml'));
});

test('script injection is reported at each expression, in block scalars and github-script', () => {
  const findings = detect([
    'on: [issues, issue_comment]',
    'permissions: {contents: read}',
    'jobs:',
    '  triage:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - name: greet',
    '        run: |',
    '          echo "title: ${{ github.event.issue.title }}"',
    '          echo "ok: ${{ github.event.issue.number }} ${{ github.repository }}"',
    '          echo "${{github.event.comment.body}}" > body.txt',
    `      - uses: actions/github-script@${sha}`,
    '        with:',
    '          script: |',
    '            const t = "${{ github.event.issue.body }}";',
    '      - env:',
    '          TITLE: ${{ github.event.issue.title }}',
    '        run: echo "$TITLE"',
  ]);
  assert.deepEqual(summary(findings), [
    'script-injection 9 ${{ github.event.issue.title }}',
    'script-injection 11 ${{github.event.comment.body}}',
    'script-injection 15 ${{ github.event.issue.body }}',
  ]);
  assert.match(findings[0]?.message ?? '', /step greet pastes github\.event\.issue\.title/);
});

test('untrusted checkouts, then secrets given to the untrusted code', () => {
  const findings = detect([
    'on:',
    '  pull_request_target:',
    '    types: [opened, synchronize]',
    'permissions: {contents: read}',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-24.04',
    '    env:',
    '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '    steps:',
    '      - run: echo "${{ secrets.BEFORE }}"',
    `      - uses: actions/checkout@${sha}`,
    '        with:',
    '          ref: ${{ github.event.pull_request.head.ref }}',
    '          token: ${{ secrets.BOT_TOKEN }}',
    '      - run: npm ci && npm run build',
    `      - uses: some-org/publish@${sha}`,
    '        with: {token: "${{ secrets[\'PUBLISH_TOKEN\'] }}"}',
    '  other:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - run: gh pr checkout ${{ github.event.pull_request.number }}',
    '      - run: make',
    '        env: {KEY: "${{ secrets.KEY }}"}',
  ]);
  assert.deepEqual(summary(findings), [
    'untrusted-checkout 14 ${{ github.event.pull_request.head.ref }}',
    "secrets-in-untrusted-context 18 ${{ secrets['PUBLISH_TOKEN'] }}",
    'secrets-in-untrusted-context 9 ${{ secrets.NPM_TOKEN }}',
    'untrusted-checkout 22 gh pr checkout ${{ github.event.pull_request.number }}',
    'secrets-in-untrusted-context 24 ${{ secrets.KEY }}',
  ]);
  assert.match(findings[0]?.message ?? '', /pull_request_target workflow/);
  assert.match(findings[1]?.message ?? '', /secrets\.PUBLISH_TOKEN/);
});

test('a pull_request workflow (no secrets, read-only token) may check out the head', () => {
  const findings = detect([
    'on: pull_request',
    'permissions: {contents: read}',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    `      - uses: actions/checkout@${sha}`,
    '        with: {ref: "${{ github.event.pull_request.head.sha }}"}',
  ]);
  assert.deepEqual(summary(findings), []);
});

test('action pinning: third-party, first-party, reusable workflows, docker and local actions', () => {
  const findings = detect([
    'on: push',
    'permissions: {contents: read}',
    'jobs:',
    '  reuse:',
    '    uses: octo-org/shared/.github/workflows/build.yml@main',
    '  steps:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '      - uses: github/codeql-action/init@v3.27.0',
    `      - uses: docker/login-action@${sha.slice(0, 7)}`,
    `      - uses: docker/build-push-action@${sha}`,
    '      - uses: docker://alpine:3.20',
    '      - uses: docker://alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d',
    '      - uses: ./.github/actions/setup',
  ]);
  assert.deepEqual(summary(findings), [
    'unpinned-action 5 octo-org/shared/.github/workflows/build.yml@main',
    'unpinned-first-party-action 9 actions/setup-node@v4',
    'unpinned-first-party-action 10 github/codeql-action/init@v3.27.0',
    'unpinned-action 11 docker/login-action@11bd719',
    'unpinned-action 13 docker://alpine:3.20',
  ]);
  assert.equal(findings[0]?.severity, 'medium');
  assert.equal(findings[1]?.severity, 'low');
});

test('permissions: missing at the top and on a job, write-all anywhere', () => {
  const findings = detect([
    'on: push',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-24.04',
    '    permissions: {contents: read}',
    '    steps: [{run: make}]',
    '  b:',
    '    runs-on: ubuntu-24.04',
    '    steps: [{run: make}]',
    '  c:',
    '    runs-on: ubuntu-24.04',
    '    permissions: write-all',
    '    steps: [{run: make}]',
  ]);
  assert.deepEqual(summary(findings), [
    'missing-permissions 7 b',
    'write-all-permissions 12 write-all',
  ]);
  assert.match(findings[0]?.message ?? '', /job b sets none/);
});

test('self-hosted runners on public triggers, in every runs-on spelling', () => {
  const findings = detect([
    'on: {pull_request_target: {}, push: {}}',
    'permissions: {}',
    'jobs:',
    '  a: {runs-on: self-hosted, steps: [{run: make}]}',
    '  b: {runs-on: [self-hosted, linux, x64], steps: [{run: make}]}',
    '  c: {runs-on: {group: builders, labels: [self-hosted]}, steps: [{run: make}]}',
    '  d: {runs-on: ubuntu-24.04, steps: [{run: make}]}',
  ]);
  assert.deepEqual(summary(findings), [
    'self-hosted-runner-public-trigger 4 self-hosted',
    'self-hosted-runner-public-trigger 5 [self-hosted, linux, x64]',
    'self-hosted-runner-public-trigger 6 {group: builders, labels: [self-hosted]}',
  ]);
});

test('invalid, truncated and hostile workflows give warnings, not crashes', () => {
  const inputs = [
    '',
    'on: push\njobs:\n  a:\n    steps:\n      - run: |\n',
    'on: [push\n',
    'jobs: 42\n',
    'jobs:\n  a: [1, 2]\n  b:\n    steps: "not a list"\n',
    `a: &a [x]\n${Array.from(
      { length: 12 },
      (_, i) =>
        `k${String(i)}: &k${String(i)} [${Array(10)
          .fill(i === 0 ? '*a' : `*k${String(i - 1)}`)
          .join(',')}]`,
    ).join('\n')}\n`,
    `on: push\njobs: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`,
  ];
  for (const input of inputs) {
    const result = detectWorkflow(input, '.github/workflows/x.yml');
    assert.ok(Array.isArray(result.findings));
    for (const warning of result.warnings) assert.ok(warning.line >= 1 && warning.column >= 1);
  }
  assert.match(detectWorkflow('on: [push\n', 'w.yml').warnings[0]?.message ?? '', /does not parse/);
});

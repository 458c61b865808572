import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { checksummedToken } from '@vigil/secrets';
import { git, makeTree, runVigil } from './testing.js';

// Secrets are assembled at run time so this file holds none.
const githubToken = checksummedToken('ghp', 'K8s2Lq9Wm3Rt7Yv1Xb4Nc6Pd0Fg5Hj');
const dbPassword = ['Vx9', 'q!Lm2', 'Rt7_zP'].join('');
const privateKey = [
  ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
  '9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvre',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

function plantedTree() {
  return makeTree({
    'config/settings.env': `APP_NAME=shop\nGITHUB_TOKEN=${githubToken}\n`,
    'deploy/id_rsa': `${privateKey}\n`,
    'src/db.js': `export const url = 'postgres://shop:${dbPassword}@db.internal:5432/shop';\n`,
    'src/index.js': 'console.log("hello");\n',
  });
}

function parseJson(stdout: string) {
  return JSON.parse(stdout) as {
    findings: {
      ruleId: string;
      status: string;
      fingerprint: string;
      location: {
        path?: string;
        startLine?: number;
        commit?: { sha: string; author: string; date: string };
      };
    }[];
    stats: Record<string, number>;
    policy: { failed: boolean; notices: string[] };
    warnings: { code: string; path?: string }[];
  };
}

function assertNoSecretIn(text: string) {
  for (const secret of [
    githubToken,
    dbPassword,
    'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  ]) {
    assert.ok(!text.includes(secret), 'a secret value leaked into the output');
  }
}

test('a tree with planted secrets fails the policy, with the right rules, and leaks nothing', () => {
  const root = plantedTree();
  const result = runVigil(['scan', '.', '--format', 'json'], root);
  assert.equal(result.status, 1, result.stderr);
  const report = parseJson(result.stdout);
  const rules = new Set(report.findings.map((finding) => finding.ruleId));
  assert.ok(rules.has('secrets/github-pat'), [...rules].join(', '));
  assert.ok(
    report.findings.some((f) => f.location.path === 'deploy/id_rsa'),
    'private key missed',
  );
  assert.ok(
    report.findings.some((f) => f.location.path === 'src/db.js'),
    'db password missed',
  );
  const github = report.findings.find((f) => f.ruleId === 'secrets/github-pat');
  assert.equal(github?.location.startLine, 2);
  assertNoSecretIn(result.stdout + result.stderr);
});

test('the table is grouped by file with a summary, and SARIF/JSON go to several outputs at once', () => {
  const root = plantedTree();
  const result = runVigil(
    [
      'scan',
      '.',
      '--output',
      'sarif=out.sarif',
      '--output',
      'json=out.json',
      '--output',
      'junit=out.xml',
    ],
    root,
  );
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /config\/settings\.env/);
  assert.match(result.stdout, /policy FAILED/i);
  const sarif = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as {
    version: string;
    runs: { results: { partialFingerprints: Record<string, string> }[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  const schemaFile = new URL(
    '../../../../shared/data/schemas/sarif/sarif-schema-2.1.0.json',
    import.meta.url,
  );
  if (existsSync(schemaFile)) {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  }
  assert.ok((sarif.runs[0]?.results.length ?? 0) >= 3);
  assert.ok(sarif.runs[0]?.results.every((r) => Object.keys(r.partialFingerprints).length > 0));
  assert.ok(parseJson(readFileSync(join(root, 'out.json'), 'utf8')).findings.length >= 3);
  assert.match(readFileSync(join(root, 'out.xml'), 'utf8'), /<testsuites/);
  for (const file of ['out.sarif', 'out.json', 'out.xml']) {
    assertNoSecretIn(readFileSync(join(root, file), 'utf8'));
  }
});

test('the same tree without the secrets passes', () => {
  const root = plantedTree();
  writeFileSync(join(root, 'config/settings.env'), 'APP_NAME=shop\nGITHUB_TOKEN=${GITHUB_TOKEN}\n');
  rmSync(join(root, 'deploy/id_rsa'));
  writeFileSync(join(root, 'src/db.js'), 'export const url = process.env.DATABASE_URL;\n');
  const result = runVigil(['scan', '.'], root);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /No findings/i);
});

test('--fail-on, inline ignores, config ignores with expiry', () => {
  const root = plantedTree();
  assert.equal(runVigil(['scan', '.', '--fail-on', 'none'], root).status, 0);

  writeFileSync(
    join(root, 'config/settings.env'),
    `GITHUB_TOKEN=${githubToken} # vigil-ignore: github-pat rotated, kept for a demo\n`,
  );
  writeFileSync(
    join(root, 'vigil.yaml'),
    [
      'ignore:',
      '  - path: deploy/**',
      '    reason: throwaway key for the staging box',
      '  - path: src/db.js',
      '    reason: was fine last year',
      '    until: 2020-01-01',
    ].join('\n'),
  );
  const result = runVigil(['scan', '.', '--format', 'json'], root);
  const report = parseJson(result.stdout);
  const byPath = (path: string) => report.findings.filter((f) => f.location.path === path);
  assert.ok(byPath('config/settings.env').every((f) => f.status !== 'open'));
  assert.ok(byPath('deploy/id_rsa').every((f) => f.status !== 'open'));
  assert.ok(
    byPath('src/db.js').some((f) => f.status === 'open'),
    'expired ignore still applied',
  );
  assert.ok(report.policy.notices.some((notice) => notice.includes('expired')));
  assert.equal(result.status, 1);
});

test('a baseline makes only new findings fail', () => {
  const root = plantedTree();
  assert.equal(runVigil(['scan', '.', '--write-baseline', 'baseline.json'], root).status, 0);
  // Moving a finding to another line keeps its fingerprint.
  writeFileSync(join(root, 'config/settings.env'), `\n\n# moved\nGITHUB_TOKEN=${githubToken}\n`);
  assert.equal(runVigil(['scan', '.', '--baseline', 'baseline.json'], root).status, 0);
  writeFileSync(
    join(root, 'new.env'),
    `TOKEN=${checksummedToken('ghp', 'Z1x2C3v4B5n6M7a8S9d0F1g2H3j4K5')}\n`,
  );
  const result = runVigil(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], root);
  assert.equal(result.status, 1);
  const open = parseJson(result.stdout).findings.filter((f) => f.status === 'open');
  assert.deepEqual(
    open.map((f) => f.location.path),
    ['new.env'],
  );
});

test('usage and config errors exit 2 with one clear line and no stack trace', () => {
  const root = plantedTree();
  for (const args of [
    ['scan', 'does-not-exist'],
    ['scan', '.', '--scanners', 'nope'],
    ['scan', '.', '--fail-on', 'severe'],
    ['scan', '.', '--format', 'xml'],
    ['scan', '.', '--baseline', 'missing.json'],
  ]) {
    const result = runVigil(args, root);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'stack trace printed');
  }
  writeFileSync(join(root, 'vigil.yaml'), 'failOn: high\nignore:\n  - rule: secrets/github-pat\n');
  const bad = runVigil(['scan', '.'], root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /vigil\.yaml:3:\d+: ignore\[0\]\.reason/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

test('binary, over-size, unreadable files and symlink loops are counted, not fatal', () => {
  const root = plantedTree();
  writeFileSync(join(root, 'blob.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
  writeFileSync(join(root, 'huge.txt'), 'a'.repeat(2_000_000));
  symlinkSync('..', join(root, 'src/loop'));
  symlinkSync('/etc', join(root, 'outside'));
  writeFileSync(join(root, 'secret-but-locked.env'), `TOKEN=${githubToken}\n`);
  chmodSync(join(root, 'secret-but-locked.env'), 0o000);
  const result = runVigil(['scan', '.', '--format', 'json', '--max-file-size', '1MB'], root);
  assert.equal(result.status, 1, result.stderr);
  const report = parseJson(result.stdout);
  assert.equal(report.stats.skippedBinary, 1);
  assert.equal(report.stats.skippedTooLarge, 1);
  assert.equal(report.stats.skippedSymlinks, 2);
  const runningAsRoot = process.getuid?.() === 0;
  if (!runningAsRoot) {
    assert.equal(report.stats.skippedUnreadable, 1);
    assert.ok(report.warnings.some((w) => w.path === 'secret-but-locked.env'));
  }
});

test('.gitignore and .vigilignore are respected', () => {
  const root = plantedTree();
  writeFileSync(join(root, '.gitignore'), 'deploy/\n');
  writeFileSync(join(root, '.vigilignore'), 'src/db.js\n');
  const report = parseJson(runVigil(['scan', '.', '--format', 'json'], root).stdout);
  const paths = new Set(report.findings.map((f) => f.location.path));
  assert.deepEqual([...paths], ['config/settings.env']);
});

test('--git-history finds a secret a later commit deleted, with commit, author and date', () => {
  const root = makeTree({ 'README.md': '# app\n' });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '.']);
  git(root, ['commit', '-qm', 'init'], '2026-01-01T00:00:00Z');
  writeFileSync(join(root, 'app.env'), `NAME=app\nMODE=prod\nGITHUB_TOKEN=${githubToken}\n`);
  git(root, ['add', '.']);
  git(root, ['commit', '-qm', 'add config'], '2026-02-03T04:05:06Z');
  writeFileSync(join(root, 'app.env'), 'NAME=app\nMODE=prod\n');
  git(root, ['commit', '-qam', 'remove token'], '2026-03-01T00:00:00Z');

  assert.equal(runVigil(['scan', '.'], root).status, 0, 'working tree is clean');
  const result = runVigil(['scan', '--git-history', '--format', 'json'], root);
  assert.equal(result.status, 1, result.stderr);
  const [finding] = parseJson(result.stdout).findings;
  assert.equal(finding?.ruleId, 'secrets/github-pat');
  assert.equal(finding.location.path, 'app.env');
  assert.equal(finding.location.startLine, 3);
  const commit = finding.location.commit;
  assert.ok(commit, 'history findings carry their commit');
  assert.equal(commit.author, 'Dev Eloper');
  assert.match(commit.date, /^2026-02-03T04:05:06/);
  assertNoSecretIn(result.stdout);

  const notRepo = runVigil(['scan', '--git-history'], makeTree({ 'a.txt': 'a\n' }));
  assert.equal(notRepo.status, 2);
  assert.match(notRepo.stderr, /not a git repository/);
});

test('--staged and the pre-commit hook', () => {
  const root = makeTree({ 'README.md': '# app\n' });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '.']);
  git(root, ['commit', '-qm', 'init']);
  writeFileSync(join(root, 'app.env'), `GITHUB_TOKEN=${githubToken}\n`);
  assert.equal(runVigil(['scan', '--staged'], root).status, 0, 'nothing staged yet');
  git(root, ['add', 'app.env']);
  assert.equal(runVigil(['scan', '--staged'], root).status, 1);

  const hooks = join(root, '.git/hooks/pre-commit');
  writeFileSync(hooks, '#!/bin/sh\necho mine\n');
  const refused = runVigil(['hook', 'install'], root);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--force/);
  assert.equal(runVigil(['hook', 'install', '--force'], root).status, 0);
  assert.match(readFileSync(hooks, 'utf8'), /vigil/);
  assert.equal(runVigil(['hook', 'uninstall'], root).status, 0);
  assert.ok(!existsSync(hooks));
});

test("the README's main line: this repository scans clean under its own policy", () => {
  const repoRoot = new URL('../../../', import.meta.url).pathname;
  const result = runVigil(['scan', '.', '--quiet'], repoRoot);
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

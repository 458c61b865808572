import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installHook, uninstallHook } from './preCommitHook.js';
import { commit, git, makeDir, makeRepo, writeFiles } from './testing.js';

function hooksDir(root: string): string {
  return join(realpathSync(root), '.git', 'hooks');
}

test('installs an executable sh hook that runs `vigil scan --staged` and is marked as vigil’s', async () => {
  const root = makeRepo();
  const result = await installHook(root);
  assert.deepEqual(result, { path: join(hooksDir(root), 'pre-commit'), replaced: false });

  const script = readFileSync(result.path, 'utf8');
  assert.match(script, /^#!\/bin\/sh\n/);
  assert.ok(script.split('\n').includes('# vigil pre-commit hook'));
  assert.match(script, /exec vigil scan --staged --quiet/);
  assert.match(script, /exec npx --no-install vigil scan --staged --quiet/);
  assert.equal(statSync(result.path).mode & 0o777, 0o755);
  assert.equal(spawnSync('sh', ['-n', result.path]).status, 0, 'valid sh syntax');

  assert.deepEqual(await installHook(root), { path: result.path, replaced: true });
});

test('a hook vigil did not install is kept unless forced', async () => {
  const root = makeRepo();
  const path = join(hooksDir(root), 'pre-commit');
  writeFileSync(path, '#!/bin/sh\necho mine\n', { mode: 0o755 });

  await assert.rejects(installHook(root), (error: unknown) => {
    assert.equal((error as { code?: string }).code, 'HOOK_EXISTS');
    assert.match((error as Error).message, /--force/);
    return true;
  });
  assert.equal(readFileSync(path, 'utf8'), '#!/bin/sh\necho mine\n');
  assert.equal(await uninstallHook(root), undefined, 'uninstall leaves a foreign hook alone');
  assert.ok(existsSync(path));

  assert.deepEqual(await installHook(root, { force: true }), { path, replaced: true });
  assert.match(readFileSync(path, 'utf8'), /vigil scan --staged/);
  assert.equal(await uninstallHook(root), path);
  assert.ok(!existsSync(path));
  assert.equal(await uninstallHook(root), undefined);
});

test('installs where git looks: core.hooksPath, and the common dir of a worktree', async () => {
  const root = makeRepo();
  git(root, ['config', 'core.hooksPath', 'tools/hooks']);
  const { path } = await installHook(root);
  assert.equal(path, join(realpathSync(root), 'tools/hooks/pre-commit'));

  const main = makeRepo();
  commit(main, { 'a.txt': 'a\n' }, 'init');
  const worktree = join(makeDir(), 'wt');
  git(main, ['worktree', 'add', '-q', worktree]);
  const installed = await installHook(worktree);
  assert.equal(installed.path, join(hooksDir(main), 'pre-commit'));
});

test('outside a repository: NOT_A_GIT_REPOSITORY', async () => {
  const root = makeDir();
  const ceiling = process.env.GIT_CEILING_DIRECTORIES;
  process.env.GIT_CEILING_DIRECTORIES = join(root, '..');
  try {
    await assert.rejects(installHook(root), { code: 'NOT_A_GIT_REPOSITORY' });
    await assert.rejects(uninstallHook(root), { code: 'NOT_A_GIT_REPOSITORY' });
  } finally {
    if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = ceiling;
  }
});

test('git runs the hook and vigil’s exit code decides the commit', async () => {
  const root = makeRepo();
  commit(root, { 'a.txt': 'a\n' }, 'init');
  await installHook(root);
  // A stand-in `vigil` on PATH: records its arguments and exits with $FAKE_VIGIL_EXIT.
  const bin = makeDir();
  const calls = join(bin, 'calls');
  writeFileSync(
    join(bin, 'vigil'),
    `#!/bin/sh\necho "$@" >> '${calls}'\nexit "$FAKE_VIGIL_EXIT"\n`,
    { mode: 0o755 },
  );
  writeFiles(root, { 'b.txt': 'b\n' });
  git(root, ['add', 'b.txt']);

  const commitWith = (exit: number) =>
    spawnSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@b', 'commit', '-qm', 'b'], {
      cwd: root,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        FAKE_VIGIL_EXIT: String(exit),
      },
    }).status;
  assert.notEqual(commitWith(1), 0, 'a finding blocks the commit');
  assert.equal(git(root, ['rev-list', '--count', 'HEAD']).trim(), '1');
  assert.equal(commitWith(0), 0, 'a clean scan lets it through');
  assert.equal(git(root, ['rev-list', '--count', 'HEAD']).trim(), '2');
  assert.equal(readFileSync(calls, 'utf8'), 'scan --staged --quiet\nscan --staged --quiet\n');
});

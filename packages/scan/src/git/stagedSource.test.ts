import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stagedSource } from './stagedSource.js';
import { collect, commit, git, makeDir, makeRepo, writeFiles } from './testing.js';

const KEY = ['AKIA', 'Z7QW3ERTY5UIOPAS'].join('');

function staged(root: string) {
  return collect(stagedSource(root, { maxFileSize: 1024 * 1024 }));
}

test('only the staged added lines are yielded, with real line numbers and no commit', async () => {
  const root = makeRepo();
  commit(root, { 'app.env': 'NAME=app\nMODE=prod\n', 'gone.txt': 'bye\n' }, 'init');
  assert.deepEqual((await staged(root)).fragments, [], 'nothing staged yet');

  writeFiles(root, { 'app.env': `NAME=app\nKEY=${KEY}\nMODE=prod\n`, 'new.txt': 'new\n' });
  git(root, ['add', 'app.env']);
  git(root, ['rm', '-q', 'gone.txt']);
  writeFiles(root, { 'app.env': `NAME=app\nKEY=${KEY}\nMODE=prod\nUNSTAGED=1\n` });

  const { fragments, stats } = await staged(root);
  assert.deepEqual(fragments, [
    { path: 'app.env', text: `KEY=${KEY}`, lineMap: [2], commit: undefined },
  ]);
  assert.equal(stats.filesScanned, 1);
  assert.equal(stats.commitsScanned, 0);
});

test('a repository with no commit yet: everything staged is added', async () => {
  const root = makeRepo();
  writeFiles(root, { 'a b/ç.txt': `one\nKEY=${KEY}\n`, 'bin.dat': Buffer.from([0, 1, 2]) });
  git(root, ['add', '.']);

  const { fragments, stats } = await staged(root);
  assert.deepEqual(
    fragments.map(({ path, text, lineMap }) => ({ path, text, lineMap })),
    [{ path: 'a b/ç.txt', text: `one\nKEY=${KEY}`, lineMap: [1, 2] }],
  );
  assert.equal(stats.skippedBinary, 1);
});

test('a staged rename yields only the lines it adds', async () => {
  const root = makeRepo();
  const body = Array.from({ length: 10 }, (_, i) => `value_${i} = ${i}`).join('\n');
  commit(root, { 'old.ini': `${body}\n` }, 'init');
  git(root, ['mv', 'old.ini', 'new.ini']);
  writeFiles(root, { 'new.ini': `${body}\nkey = ${KEY}\n` });
  git(root, ['add', 'new.ini']);

  const { fragments } = await staged(root);
  assert.deepEqual(
    fragments.map(({ path, text, lineMap }) => ({ path, text, lineMap })),
    [{ path: 'new.ini', text: `key = ${KEY}`, lineMap: [11] }],
  );
});

test('the index git names in GIT_INDEX_FILE is the one read (hooks of `git commit -a`)', async () => {
  const root = makeRepo();
  commit(root, { 'a.txt': 'a\n' }, 'init');
  const index = join(makeDir(), 'index');
  writeFiles(root, { 'a.txt': `a\nKEY=${KEY}\n` });
  process.env.GIT_INDEX_FILE = index;
  try {
    git(root, ['read-tree', 'HEAD']);
    git(root, ['add', 'a.txt']);
    const { fragments } = await staged(root);
    assert.deepEqual(
      fragments.map(({ path, text }) => ({ path, text })),
      [{ path: 'a.txt', text: `KEY=${KEY}` }],
    );
  } finally {
    delete process.env.GIT_INDEX_FILE;
  }
  assert.deepEqual((await staged(root)).fragments, [], 'the real index has nothing staged');
});

test('outside a repository: NOT_A_GIT_REPOSITORY', async () => {
  const root = makeDir();
  const ceiling = process.env.GIT_CEILING_DIRECTORIES;
  process.env.GIT_CEILING_DIRECTORIES = join(root, '..');
  try {
    await assert.rejects(staged(root), { code: 'NOT_A_GIT_REPOSITORY' });
    await assert.rejects(staged(join(makeRepo(), '.git')), { code: 'NOT_A_GIT_REPOSITORY' });
  } finally {
    if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = ceiling;
  }
});

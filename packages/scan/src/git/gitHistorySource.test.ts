import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { emptyStats, isVigilError } from '@vigil/core';
import { gitHistorySource } from './gitHistorySource.js';
import { AUTHOR, collect, commit, git, makeDir, makeRepo } from './testing.js';

// An AWS-style key id, assembled at run time so this file holds none.
const KEY = ['AKIA', 'Z7QW3ERTY5UIOPAS'].join('');
const MB = 1024 * 1024;

function history(root: string, options: { since?: string; maxFileSize?: number } = {}) {
  return collect(gitHistorySource(root, { maxFileSize: MB, ...options }));
}

test('a secret a later commit deleted is yielded with its commit, author, date and real line', async () => {
  const root = makeRepo();
  commit(root, { 'README.md': '# app\n' }, 'init', '2026-01-01T00:00:00Z');
  const added = commit(
    root,
    { 'app.env': `NAME=app\nMODE=prod\nAWS_KEY=${KEY}\n` },
    'add config',
    '2026-02-03T04:05:06Z',
  );
  commit(root, { 'app.env': 'NAME=app\nMODE=prod\n' }, 'remove key', '2026-03-01T00:00:00Z');

  const { fragments, stats } = await history(root);
  const withKey = fragments.filter((fragment) => fragment.text.includes(KEY));
  assert.deepEqual(withKey, [
    {
      path: 'app.env',
      text: `NAME=app\nMODE=prod\nAWS_KEY=${KEY}`,
      lineMap: [1, 2, 3],
      commit: {
        sha: added,
        author: AUTHOR.name,
        email: AUTHOR.email,
        date: '2026-02-03T04:05:06+00:00',
      },
    },
  ]);
  assert.deepEqual(
    fragments.map((fragment) => fragment.path),
    ['app.env', 'README.md'],
    'newest commit first; the deleting commit adds nothing',
  );
  assert.equal(stats.commitsScanned, 3);
  assert.equal(stats.filesScanned, 2);
  assert.equal(stats.bytesScanned, Buffer.byteLength(`NAME=app\nMODE=prod\nAWS_KEY=${KEY}# app`));
});

test('added lines of several hunks map to their lines in the new file', async () => {
  const root = makeRepo();
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
  commit(root, { 'a.txt': `${lines.join('\n')}\n` }, 'ten lines');
  const edited = [...lines];
  edited[1] = `changed=${KEY}`;
  edited.splice(7, 0, 'inserted after 7');
  edited.push('appended');
  const sha = commit(root, { 'a.txt': `${edited.join('\n')}\n` }, 'edit');

  const { fragments } = await history(root);
  const [edit] = fragments;
  assert.equal(edit?.commit?.sha, sha);
  assert.equal(edit.text, `changed=${KEY}\ninserted after 7\nappended`);
  assert.deepEqual(edit.lineMap, [2, 8, 12]);
});

test('a renamed file yields only its new lines, under the new path', async () => {
  const root = makeRepo();
  const body = Array.from({ length: 20 }, (_, i) => `setting_${i} = ${i}`).join('\n');
  commit(root, { 'config/old.ini': `${body}\n` }, 'add');
  git(root, ['mv', 'config/old.ini', 'config/new.ini']);
  commit(root, { 'config/new.ini': `${body}\ntoken = ${KEY}\n` }, 'move and add a line');

  const { fragments } = await history(root);
  assert.deepEqual(
    fragments.map(({ path, text, lineMap }) => ({ path, text, lineMap })),
    [
      { path: 'config/new.ini', text: `token = ${KEY}`, lineMap: [21] },
      { path: 'config/old.ini', text: body, lineMap: Array.from({ length: 20 }, (_, i) => i + 1) },
    ],
  );
});

test('binary files are skipped and counted; deleted files add nothing', async () => {
  const root = makeRepo();
  commit(
    root,
    { 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'a.txt': 'a\n' },
    'one',
  );
  commit(root, { 'logo.png': null, 'a.txt': null }, 'delete both');

  const { fragments, stats } = await history(root);
  assert.deepEqual(
    fragments.map((fragment) => fragment.path),
    ['a.txt'],
  );
  assert.equal(stats.skippedBinary, 1);
});

test('paths with spaces, unicode, tabs and quotes come back as they are', async () => {
  const root = makeRepo();
  const names = [
    'docs/my notes.txt',
    'données/clé été.env',
    '日本/設定.txt',
    'odd/tab\there',
    'odd/say "hi".txt',
  ];
  commit(root, Object.fromEntries(names.map((name) => [name, `KEY=${KEY}\n`])), 'odd names');

  const { fragments } = await history(root);
  assert.deepEqual(fragments.map((fragment) => fragment.path).sort(), [...names].sort());
  for (const fragment of fragments) assert.equal(fragment.text, `KEY=${KEY}`);
});

test('content lines that look like diff headers, and a last line without newline', async () => {
  const root = makeRepo();
  const content =
    '++ b/fake.txt\n--- a/fake.txt\ndiff --git a/x b/x\n@@ -1 +1 @@\n\\ not a marker\nno newline';
  commit(root, { 'tricky.txt': content }, 'tricky');
  commit(root, { 'next.txt': 'next\n' }, 'next');

  const { fragments } = await history(root);
  assert.deepEqual(
    fragments.map(({ path, text, lineMap }) => ({ path, text, lineMap })),
    [
      { path: 'next.txt', text: 'next', lineMap: [1] },
      { path: 'tricky.txt', text: content, lineMap: [1, 2, 3, 4, 5, 6] },
    ],
  );
});

test('a huge added line is read whole; past maxFileSize the fragment is skipped and counted', async () => {
  const root = makeRepo();
  const huge = `${'x'.repeat(3 * MB)}${KEY}`;
  commit(root, { 'bundle.min.js': `${huge}\n`, 'small.txt': 'small\n' }, 'big');

  const whole = await history(root, { maxFileSize: 4 * MB });
  assert.equal(whole.fragments.find((fragment) => fragment.path === 'bundle.min.js')?.text, huge);

  const capped = await history(root, { maxFileSize: MB });
  assert.deepEqual(
    capped.fragments.map((fragment) => fragment.path),
    ['small.txt'],
  );
  assert.equal(capped.stats.skippedTooLarge, 1);
});

test('merged branches are scanned once, through the commits that added the lines', async () => {
  const root = makeRepo();
  commit(root, { 'README.md': '# app\n' }, 'init');
  git(root, ['checkout', '-q', '-b', 'feature']);
  const featureSha = commit(root, { 'feature.env': `KEY=${KEY}\n` }, 'feature');
  git(root, ['checkout', '-q', 'main']);
  commit(root, { 'main.txt': 'main\n' }, 'main work');
  git(root, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature']);
  git(root, ['branch', '-q', '-D', 'feature']);

  const { fragments, stats } = await history(root);
  const withKey = fragments.filter((fragment) => fragment.text.includes(KEY));
  assert.deepEqual(
    withKey.map((fragment) => fragment.commit?.sha),
    [featureSha],
  );
  assert.equal(stats.commitsScanned, 4);
});

test('every ref is scanned, not only the checked-out branch', async () => {
  const root = makeRepo();
  commit(root, { 'README.md': '# app\n' }, 'init');
  git(root, ['checkout', '-q', '-b', 'experiment']);
  commit(root, { 'secret.env': `KEY=${KEY}\n` }, 'on a side branch');
  git(root, ['checkout', '-q', 'main']);

  const { fragments } = await history(root);
  assert.ok(fragments.some((fragment) => fragment.path === 'secret.env'));
});

test('since: only commits not reachable from the revision', async () => {
  const root = makeRepo();
  commit(root, { 'old.txt': 'old\n' }, 'old');
  git(root, ['tag', 'v1']);
  commit(root, { 'new.txt': 'new\n' }, 'new');

  const { fragments, stats } = await history(root, { since: 'v1' });
  assert.deepEqual(
    fragments.map((fragment) => fragment.path),
    ['new.txt'],
  );
  assert.equal(stats.commitsScanned, 1);
  assert.deepEqual((await history(root, { since: 'HEAD' })).fragments, []);
});

test('a bad since revision is GIT_FAILED with git’s reason', async () => {
  const root = makeRepo();
  commit(root, { 'a.txt': 'a\n' }, 'one');
  await assert.rejects(history(root, { since: 'no-such-tag' }), (error: unknown) => {
    assert.ok(isVigilError(error));
    assert.equal(error.code, 'GIT_FAILED');
    assert.match(error.message, /^git log failed: .*no-such-tag/);
    return true;
  });
  // Never taken for an option.
  const output = join(root, 'written');
  await assert.rejects(history(root, { since: `--output=${output}` }), { code: 'GIT_FAILED' });
  assert.ok(!existsSync(output));
});

test('a directory outside any repository is NOT_A_GIT_REPOSITORY, before anything is yielded', async () => {
  const root = makeDir();
  const ceiling = process.env.GIT_CEILING_DIRECTORIES;
  // So a repository around the temporary directory cannot be found.
  process.env.GIT_CEILING_DIRECTORIES = join(root, '..');
  try {
    await assert.rejects(history(root), { code: 'NOT_A_GIT_REPOSITORY' });
  } finally {
    if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = ceiling;
  }
  await assert.rejects(history(join(root, 'missing')), { code: 'PATH_NOT_FOUND' });
});

test('git missing from PATH is GIT_FAILED', async () => {
  const root = makeRepo();
  const path = process.env.PATH;
  process.env.PATH = makeDir();
  try {
    await assert.rejects(history(root), (error: unknown) => {
      assert.ok(isVigilError(error));
      assert.equal(error.code, 'GIT_FAILED');
      assert.match(error.message, /git is not installed/);
      return true;
    });
  } finally {
    process.env.PATH = path;
  }
});

test('an empty repository yields nothing, without error', async () => {
  const { fragments, stats } = await history(makeRepo());
  assert.deepEqual(fragments, []);
  assert.equal(stats.commitsScanned, 0);
});

test('a subdirectory root scans the history of that directory, with paths relative to it', async () => {
  const root = makeRepo();
  commit(root, { 'app/src/a.txt': 'in app\n', 'other/b.txt': 'elsewhere\n' }, 'two dirs');

  const { fragments } = await history(join(root, 'app'));
  assert.deepEqual(
    fragments.map(({ path, text }) => ({ path, text })),
    [{ path: 'src/a.txt', text: 'in app' }],
  );
});

test('the user’s git config does not change what is read', async () => {
  const root = makeRepo();
  for (const [key, value] of [
    ['diff.noprefix', 'true'],
    ['diff.mnemonicPrefix', 'true'],
    ['diff.renames', 'false'],
    ['diff.external', 'false'],
    ['color.ui', 'always'],
    ['core.quotepath', 'true'],
    ['log.showRoot', 'false'],
    ['log.showSignature', 'true'],
    ['format.pretty', 'oneline'],
  ] as const) {
    git(root, ['config', key, value]);
  }
  commit(root, { 'café dir/a.txt': `KEY=${KEY}\n` }, 'root commit');
  git(root, ['mv', 'café dir/a.txt', 'café dir/b.txt']);
  commit(root, {}, 'pure rename');

  const { fragments } = await history(root);
  assert.deepEqual(
    fragments.map(({ path, text, lineMap }) => ({ path, text, lineMap })),
    [{ path: 'café dir/a.txt', text: `KEY=${KEY}`, lineMap: [1] }],
  );
});

test('stopping early ends git and leaves nothing pending', async () => {
  const root = makeRepo();
  for (let i = 0; i < 5; i++) commit(root, { [`f${i}.txt`]: `${i}\n` }, `c${i}`);
  const files = gitHistorySource(root, { maxFileSize: MB }).files(emptyStats(), () => undefined);
  for await (const file of files) {
    assert.equal(file.path, 'f4.txt');
    break;
  }
});

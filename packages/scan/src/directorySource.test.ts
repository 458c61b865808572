import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isVigilError } from '@vigil/core';
import { directorySource, type DirectorySourceOptions } from './directorySource.js';
import { collect, makeDir, writeFiles } from './git/testing.js';

const MB = 1024 * 1024;

function tree(files: Record<string, string | Buffer>): string {
  const root = makeDir();
  writeFiles(root, files);
  return root;
}

async function walk(root: string, options: Partial<DirectorySourceOptions> = {}) {
  const result = await collect(directorySource(root, { maxFileSize: MB, ...options }));
  return { ...result, paths: result.fragments.map((fragment) => fragment.path) };
}

test('files come in a fixed order: each directory’s files by name, then its subdirectories', async () => {
  const root = tree({
    'b.txt': 'b',
    'a/z.txt': 'az',
    'a/b/c.txt': 'abc',
    'A.txt': 'A',
    'c/x.txt': 'cx',
    'a/a.txt': 'aa',
  });
  const { paths, fragments, stats } = await walk(root);
  assert.deepEqual(paths, ['A.txt', 'b.txt', 'a/a.txt', 'a/z.txt', 'a/b/c.txt', 'c/x.txt']);
  assert.deepEqual(
    fragments.map((f) => [f.text, f.lineMap, f.commit]),
    [
      ['A', undefined, undefined],
      ['b', undefined, undefined],
      ['aa', undefined, undefined],
      ['az', undefined, undefined],
      ['abc', undefined, undefined],
      ['cx', undefined, undefined],
    ],
  );
  assert.equal(stats.filesScanned, 6);
  assert.equal(stats.bytesScanned, 1 + 1 + 2 + 2 + 3 + 2);
  assert.deepEqual((await walk(root)).paths, paths, 'a second walk gives the same order');
  for (const path of paths) assert.ok(!path.includes('\\') && !path.startsWith('/'), path);
});

test('.gitignore files apply below their directory, and a deeper one can re-include', async () => {
  const root = tree({
    '.gitignore': '*.log\nbuild/\n',
    'app.log': 'x',
    'app.ts': 'x',
    'build/out.js': 'x',
    'sub/.gitignore': '!keep.log\n/only-here.txt\n',
    'sub/keep.log': 'x',
    'sub/drop.log': 'x',
    'sub/only-here.txt': 'x',
    'sub/deeper/only-here.txt': 'x',
    'sub/deeper/keep.log': 'x',
    'other/keep.log': 'x',
  });
  const { paths } = await walk(root);
  assert.deepEqual(paths, [
    '.gitignore',
    'app.ts',
    'sub/.gitignore',
    'sub/keep.log',
    'sub/deeper/keep.log',
    'sub/deeper/only-here.txt',
  ]);
});

test('a deeper .gitignore can re-include a directory a shallower one excludes', async () => {
  const root = tree({
    '.gitignore': 'logs/\n',
    'logs/a.txt': 'x',
    'pkg/.gitignore': '!logs/\n',
    'pkg/logs/b.txt': 'x',
  });
  assert.deepEqual((await walk(root)).paths, ['.gitignore', 'pkg/.gitignore', 'pkg/logs/b.txt']);
});

test('a nested .vigilignore applies below its directory, like a nested .gitignore', async () => {
  const root = tree({
    'docs/.vigilignore': 'examples/\n*.key\n',
    'docs/examples/token.txt': 'x',
    'docs/guide.md': 'x',
    'docs/demo.key': 'x',
    'src/demo.key': 'x',
  });
  assert.deepEqual((await walk(root)).paths, [
    'docs/.vigilignore',
    'docs/guide.md',
    'src/demo.key',
  ]);
});

test('.vigilignore at the root and the exclude option add to .gitignore', async () => {
  const root = tree({
    '.gitignore': 'a.txt\n',
    '.vigilignore': 'b.txt\nfixtures/\n',
    'a.txt': 'x',
    'b.txt': 'x',
    'c.txt': 'x',
    'd.min.js': 'x',
    'fixtures/key.pem': 'x',
    'src/vendor/lib.js': 'x',
    'src/main.js': 'x',
  });
  const { paths } = await walk(root, { exclude: ['*.min.js', 'src/vendor/', '.*ignore'] });
  assert.deepEqual(paths, ['c.txt', 'src/main.js']);
});

test('.git (and other VCS directories) are never walked, whatever the ignore files say', async () => {
  const root = tree({
    '.gitignore': '!.git/\n',
    '.git/config': 'x',
    '.git/objects/ab/cdef': 'x',
    '.hg/store': 'x',
    '.svn/entries': 'x',
    'sub/.git/HEAD': 'x',
    'sub/file.txt': 'x',
    '.github/workflows/ci.yml': 'x',
  });
  assert.deepEqual((await walk(root)).paths, [
    '.gitignore',
    '.github/workflows/ci.yml',
    'sub/file.txt',
  ]);
});

test('symlinks are never followed, only counted', async () => {
  const outside = tree({ 'secret.txt': 'outside the root' });
  const root = tree({ 'dir/inner.txt': 'inner', 'real.txt': 'real' });
  symlinkSync(join(root, 'real.txt'), join(root, 'link-to-file.txt'));
  symlinkSync(join(root, 'dir'), join(root, 'link-to-dir'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link-outside.txt'));
  symlinkSync(outside, join(root, 'dir', 'link-outside-dir'));
  symlinkSync('.', join(root, 'dir', 'loop'));
  symlinkSync(join(root, 'missing'), join(root, 'dangling'));

  const { paths, fragments, stats, warnings } = await walk(root);
  assert.deepEqual(paths, ['real.txt', 'dir/inner.txt'], 'each file once, by its real path');
  assert.ok(!fragments.some((f) => f.text.includes('outside the root')));
  assert.equal(stats.skippedSymlinks, 6);
  assert.equal(stats.filesScanned, 2);
  assert.deepEqual(warnings, []);
});

test('a root that is itself a symlink is walked at its target', async () => {
  const target = tree({ 'a.txt': 'x' });
  const holder = makeDir();
  const link = join(holder, 'link');
  symlinkSync(target, link);
  const { paths, stats } = await walk(link);
  assert.deepEqual(paths, ['a.txt']);
  assert.equal(stats.skippedSymlinks, 0);
});

test('a .gitignore that is a symlink to outside the root is not read', async () => {
  const outside = tree({ patterns: 'a.txt\n' });
  const root = tree({ 'a.txt': 'x' });
  symlinkSync(join(outside, 'patterns'), join(root, '.gitignore'));
  assert.deepEqual((await walk(root)).paths, ['a.txt']);
});

test('binary and over-size files are skipped and counted', async () => {
  const root = tree({
    'bin.dat': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    'late-nul.txt': Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]),
    'big.txt': 'x'.repeat(101),
    'exact.txt': 'x'.repeat(100),
    'empty.txt': '',
    'utf8.txt': 'héllo 日本',
  });
  const { paths, stats, warnings } = await walk(root, { maxFileSize: 100 });
  // A NUL byte past the first 8000 bytes does not make a file binary, as in git.
  assert.deepEqual(paths, ['empty.txt', 'exact.txt', 'utf8.txt']);
  assert.equal(stats.skippedBinary, 1);
  assert.equal(stats.skippedTooLarge, 2, 'big.txt and late-nul.txt exceed 100 bytes');
  assert.equal(stats.filesScanned, 3);
  assert.equal(stats.bytesScanned, 100 + Buffer.byteLength('héllo 日本'));
  assert.deepEqual(warnings, []);

  const bigger = await walk(root, { maxFileSize: MB });
  assert.ok(bigger.paths.includes('late-nul.txt'));
  assert.equal(bigger.stats.skippedBinary, 1);
});

test('an unreadable file is warned about and counted, and the walk goes on', async (t) => {
  const root = tree({ 'a.txt': 'a', 'locked.txt': 'secret', 'z.txt': 'z' });
  chmodSync(join(root, 'locked.txt'), 0o000);
  const { paths, stats, warnings } = await walk(root);
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not stop root from reading');
    assert.deepEqual(paths, ['a.txt', 'locked.txt', 'z.txt']);
    return;
  }
  assert.deepEqual(paths, ['a.txt', 'z.txt']);
  assert.equal(stats.skippedUnreadable, 1);
  assert.deepEqual(warnings, [
    { code: 'FILE_UNREADABLE', message: 'cannot read file: permission denied', path: 'locked.txt' },
  ]);
});

test('an unreadable directory is warned about and counted, and the walk goes on', async (t) => {
  const root = tree({ 'locked/a.txt': 'a', 'open/b.txt': 'b' });
  chmodSync(join(root, 'locked'), 0o000);
  try {
    const { paths, stats, warnings } = await walk(root);
    if (process.getuid?.() === 0) {
      t.skip('running as root: chmod 000 does not stop root from reading');
      return;
    }
    assert.deepEqual(paths, ['open/b.txt']);
    assert.equal(stats.skippedUnreadable, 1);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.path]),
      [['DIRECTORY_UNREADABLE', 'locked']],
    );
  } finally {
    // Lets the temporary directory be cleaned up.
    chmodSync(join(root, 'locked'), 0o755);
  }
});

test('a single file as the root is scanned under its own name', async () => {
  const root = tree({ 'deep/dir/settings.env': 'KEY=value\n', 'deep/dir/.gitignore': '*.env\n' });
  const { fragments, stats } = await walk(join(root, 'deep/dir/settings.env'));
  assert.deepEqual(
    fragments.map((f) => [f.path, f.text]),
    [['settings.env', 'KEY=value\n']],
  );
  assert.equal(stats.filesScanned, 1);

  const tooBig = await walk(join(root, 'deep/dir/settings.env'), { maxFileSize: 2 });
  assert.deepEqual(tooBig.paths, []);
  assert.equal(tooBig.stats.skippedTooLarge, 1);
});

test('a missing root throws PATH_NOT_FOUND naming it', async () => {
  const missing = join(makeDir(), 'nope');
  await assert.rejects(walk(missing), (error: unknown) => {
    assert.ok(isVigilError(error), String(error));
    assert.equal(error.code, 'PATH_NOT_FOUND');
    assert.ok(error.message.includes(missing), error.message);
    return true;
  });
});

test('an empty directory yields nothing', async () => {
  const root = makeDir();
  mkdirSync(join(root, 'empty-sub'));
  writeFileSync(join(root, '.gitignore'), '');
  const { paths, stats } = await walk(root);
  assert.deepEqual(paths, ['.gitignore']);
  assert.equal(stats.filesScanned, 1);
});

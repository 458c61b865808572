import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnifiedDiffParser, type DiffFile } from './unifiedDiffParser.js';
import { unquoteGitPath } from './unquoteGitPath.js';

function parse(diff: string, maxFragmentBytes = 1024 * 1024): unknown[] {
  const parser = new UnifiedDiffParser({ maxFragmentBytes });
  const files: DiffFile[] = [];
  for (const line of diff.split('\n')) {
    const file = parser.push(Buffer.from(line, 'utf8'));
    if (file) files.push(file);
  }
  const last = parser.end();
  if (last) files.push(last);
  return files.map((file) =>
    file.kind === 'added' ? { ...file, bytes: file.bytes.toString('utf8') } : file,
  );
}

test('added lines of several hunks keep their new-file line numbers', () => {
  const diff = [
    'diff --git a/app.env b/app.env',
    'index 1111111..2222222 100644',
    '--- a/app.env',
    '+++ b/app.env',
    '@@ -2 +2 @@',
    '-old',
    '+new',
    '@@ -7,0 +8,2 @@ context after the second @@ is ignored',
    '+eight',
    '+nine',
    '@@ -20,3 +21,0 @@',
    '-gone',
    '-gone',
    '-gone',
  ].join('\n');
  assert.deepEqual(parse(diff), [
    { kind: 'added', path: 'app.env', bytes: 'new\neight\nnine', lineMap: [2, 8, 9] },
  ]);
});

test('added content that looks like a diff header stays content', () => {
  const diff = [
    'diff --git a/notes.md b/notes.md',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/notes.md',
    '@@ -0,0 +1,5 @@',
    '+++ b/other.txt',
    '+--- a/other.txt',
    '+diff --git a/x b/x',
    '+@@ -1 +1 @@',
    '+',
    '\\ No newline at end of file',
  ].join('\n');
  assert.deepEqual(parse(diff), [
    {
      kind: 'added',
      path: 'notes.md',
      bytes: '++ b/other.txt\n--- a/other.txt\ndiff --git a/x b/x\n@@ -1 +1 @@\n',
      lineMap: [1, 2, 3, 4, 5],
    },
  ]);
});

test('deleted, renamed, binary and mode-only files', () => {
  const diff = [
    'diff --git a/old.txt b/old.txt',
    'deleted file mode 100644',
    '--- a/old.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    'diff --git a/a.txt b/dir/b.txt',
    'similarity index 90%',
    'rename from a.txt',
    'rename to dir/b.txt',
    '--- a/a.txt',
    '+++ b/dir/b.txt',
    '@@ -3,0 +4 @@',
    '+added in the move',
    'diff --git a/logo.png b/logo.png',
    'new file mode 100644',
    'Binary files /dev/null and b/logo.png differ',
    'diff --git a/gone.png b/gone.png',
    'deleted file mode 100644',
    'Binary files a/gone.png and /dev/null differ',
    'diff --git a/run.sh b/run.sh',
    'old mode 100644',
    'new mode 100755',
  ].join('\n');
  assert.deepEqual(parse(diff), [
    { kind: 'added', path: 'dir/b.txt', bytes: 'added in the move', lineMap: [4] },
    { kind: 'binary' },
  ]);
});

test('quoted and tab-terminated paths', () => {
  const diff = [
    'diff --git a/my file.txt b/my file.txt',
    '--- a/my file.txt\t',
    '+++ b/my file.txt\t',
    '@@ -1 +1 @@',
    '-a',
    '+b',
    'diff --git "a/tab\\there" "b/tab\\there"',
    '--- "a/tab\\there"',
    '+++ "b/tab\\there"',
    '@@ -1 +1 @@',
    '-a',
    '+c',
  ].join('\n');
  assert.deepEqual(
    parse(diff).map((file) => (file as { path: string }).path),
    ['my file.txt', 'tab\there'],
  );
});

test('a file whose added lines exceed the limit is reported too large, the next one is not', () => {
  const diff = [
    'diff --git a/big.txt b/big.txt',
    '--- /dev/null',
    '+++ b/big.txt',
    '@@ -0,0 +1,2 @@',
    `+${'x'.repeat(8)}`,
    `+${'y'.repeat(8)}`,
    'diff --git a/small.txt b/small.txt',
    '--- /dev/null',
    '+++ b/small.txt',
    '@@ -0,0 +1 @@',
    '+ok',
  ].join('\n');
  assert.deepEqual(parse(diff, 16), [
    { kind: 'too-large', path: 'big.txt' },
    { kind: 'added', path: 'small.txt', bytes: 'ok', lineMap: [1] },
  ]);
});

test('lines between files (commit headers) end a hunk and are ignored', () => {
  const parser = new UnifiedDiffParser({ maxFragmentBytes: 100 });
  const lines = ['diff --git a/a b/a', '--- /dev/null', '+++ b/a', '@@ -0,0 +1 @@', '+x'];
  for (const line of lines) assert.equal(parser.push(Buffer.from(line)), undefined);
  assert.deepEqual(parser.end(), {
    kind: 'added',
    path: 'a',
    bytes: Buffer.from('x'),
    lineMap: [1],
  });
  assert.equal(parser.push(Buffer.from('+not in any file')), undefined);
  assert.equal(parser.end(), undefined);
});

test('unquoteGitPath decodes C-style escapes and octal UTF-8 bytes', () => {
  assert.equal(unquoteGitPath('"a\\"b\\\\c\\td"'), 'a"b\\c\td');
  assert.equal(unquoteGitPath('"caf\\303\\251.txt"'), 'café.txt');
  assert.equal(unquoteGitPath('"b/x y"\t'), 'b/x y');
  assert.equal(unquoteGitPath('plain name\t'), 'plain name');
  // Raw UTF-8 bytes, as git prints them with core.quotepath=off, read one char per byte.
  assert.equal(unquoteGitPath(Buffer.from('b/日本.txt').toString('latin1')), 'b/日本.txt');
});

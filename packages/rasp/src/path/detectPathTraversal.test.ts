import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPathTraversal } from './detectPathTraversal.js';

function reasonOf(path: string | URL | Buffer, input: string, allowAbsolute = false): string {
  const verdict = detectPathTraversal(path, input, { allowAbsolute });
  return verdict.attack ? verdict.reason : 'benign';
}

const UPLOADS = '/srv/app/uploads/';
const WIN_UPLOADS = 'C:\\app\\uploads\\';

/** [input, the path the application built from it, expected reason]. */
const ATTACKS: readonly (readonly [string, string, string])[] = [
  // Plain climbing, POSIX and Windows separators.
  ['../../etc/passwd', `${UPLOADS}../../etc/passwd`, 'dot-dot'],
  ['..', `${UPLOADS}..`, 'dot-dot'],
  ['../', `${UPLOADS}../`, 'dot-dot'],
  ['../../../../../../../../etc/shadow', `${UPLOADS}../../../../../../../../etc/shadow`, 'dot-dot'],
  ['a/../../b', `${UPLOADS}a/../../b`, 'dot-dot'],
  ['./../secret', `${UPLOADS}./../secret`, 'dot-dot'],
  ['a/b/../../../c', `${UPLOADS}a/b/../../../c`, 'dot-dot'],
  ['..\\..\\windows\\win.ini', `${WIN_UPLOADS}..\\..\\windows\\win.ini`, 'dot-dot'],
  ['..\\', `${WIN_UPLOADS}..\\`, 'dot-dot'],
  ['..\\../..\\/etc', `${UPLOADS}..\\../..\\/etc`, 'dot-dot'],
  ['../\\../boot.ini', `${WIN_UPLOADS}../\\../boot.ini`, 'dot-dot'],
  ['.//..//..//etc', `${UPLOADS}.//..//..//etc`, 'dot-dot'],
  // Input in the middle of a name still climbs from its own segment.
  ['x/../../y', `${UPLOADS}avatar_x/../../y.png`, 'dot-dot'],
  ['/../../etc/passwd', `${UPLOADS}user_/../../etc/passwd`, 'dot-dot'],
  ['../config.json', `${UPLOADS}../config.json`, 'dot-dot'],
  // Percent-encoded forms the application decoded before use.
  ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', `${UPLOADS}../../etc/passwd`, 'dot-dot'],
  ['%2E%2E/%2E%2E/etc/passwd', `${UPLOADS}../../etc/passwd`, 'dot-dot'],
  ['..%2f..%2fetc%2fpasswd', `${UPLOADS}../../etc/passwd`, 'dot-dot'],
  ['%2e%2e%5c%2e%2e%5cwin.ini', `${WIN_UPLOADS}..\\..\\win.ini`, 'dot-dot'],
  ['..%5c..%5cwin.ini', `${WIN_UPLOADS}..\\..\\win.ini`, 'dot-dot'],
  ['%252e%252e%252fetc%252fpasswd', `${UPLOADS}../etc/passwd`, 'dot-dot'],
  ['..%252f..%252fetc', `${UPLOADS}../../etc`, 'dot-dot'],
  ['%c0%ae%c0%ae/%c0%ae%c0%ae/etc', `${UPLOADS}../../etc`, 'dot-dot'],
  ['%c0%ae%c0%ae%c0%afetc%c0%afpasswd', `${UPLOADS}../etc/passwd`, 'dot-dot'],
  ['..%c1%9c..%c1%9cwin.ini', `${WIN_UPLOADS}..\\..\\win.ini`, 'dot-dot'],
  // Overlong tricks: a filter stripped `../` once and left `../`.
  ['....//....//etc/passwd', `${UPLOADS}../../etc/passwd`, 'dot-dot'],
  ['....\\\\....\\\\win.ini', `${WIN_UPLOADS}..\\..\\win.ini`, 'dot-dot'],
  ['..././..././etc', `${UPLOADS}../../etc`, 'dot-dot'],
  ['%2e%2e..%2f/etc', `${UPLOADS}../etc`, 'dot-dot'],
  // Absolute input that becomes the whole path.
  ['/etc/passwd', '/etc/passwd', 'absolute'],
  ['/root/.ssh/id_rsa', '/root/.ssh/id_rsa', 'absolute'],
  ['C:\\Windows\\win.ini', 'C:\\Windows\\win.ini', 'absolute'],
  ['c:/boot.ini', 'c:/boot.ini', 'absolute'],
  ['\\\\server\\share\\secret.txt', '\\\\server\\share\\secret.txt', 'absolute'],
  ['\\\\?\\C:\\Windows\\win.ini', '\\\\?\\C:\\Windows\\win.ini', 'absolute'],
  ['%2fetc%2fpasswd', '/etc/passwd', 'absolute'],
  ['/proc/self/environ', '/proc/self/environ', 'absolute'],
  // file: URLs.
  ['file:///etc/passwd', 'file:///etc/passwd', 'file-url'],
  ['FILE:///C:/Windows/win.ini', 'FILE:///C:/Windows/win.ini', 'file-url'],
  // NUL bytes cut the path short in C.
  ['../../etc/passwd\0.png', `${UPLOADS}../../etc/passwd\0.png`, 'nul-byte'],
  ['avatar.php\0.jpg', `${UPLOADS}avatar.php\0.jpg`, 'nul-byte'],
  ['report%00.pdf', `${UPLOADS}report\0.pdf`, 'nul-byte'],
];

const BENIGN: readonly (readonly [string, string])[] = [
  ['reports/2024.pdf', `${UPLOADS}reports/2024.pdf`],
  ['a..b.txt', `${UPLOADS}a..b.txt`],
  ['..hidden', `${UPLOADS}..hidden`],
  ['hidden..', `${UPLOADS}hidden..`],
  ['...', `${UPLOADS}...`],
  ['....', `${UPLOADS}....`],
  ['.gitignore', `${UPLOADS}.gitignore`],
  ['./report.pdf', `${UPLOADS}./report.pdf`],
  ['a/b/../c.txt', `${UPLOADS}a/b/../c.txt`],
  ['a/../b.txt', `${UPLOADS}a/../b.txt`],
  ['x/y/z/../../w', `${UPLOADS}x/y/z/../../w`],
  ['photo.jpg', `${UPLOADS}photo.jpg`],
  ['my file (1).txt', `${UPLOADS}my file (1).txt`],
  ['2024/01/15/log.txt', `${UPLOADS}2024/01/15/log.txt`],
  ['sub\\dir\\file.txt', `${WIN_UPLOADS}sub\\dir\\file.txt`],
  ['archive.tar.gz', `${UPLOADS}archive.tar.gz`],
  ['v1.2.3', `${UPLOADS}v1.2.3`],
  ['data..json', `${UPLOADS}data..json`],
  ['..config/settings', `${UPLOADS}..config/settings`],
  ['a/..b/c', `${UPLOADS}a/..b/c`],
  ['a/b..', `${UPLOADS}a/b..`],
  ['100%.txt', `${UPLOADS}100%.txt`],
  ['50%25 off.txt', `${UPLOADS}50% off.txt`],
  ['%E2%82%AC.txt', `${UPLOADS}€.txt`],
  ['%zz%2', `${UPLOADS}%zz%2`],
  ['C:', `${UPLOADS}C:`],
  ['note: hi.txt', `${UPLOADS}note: hi.txt`],
  ['foo/bar', `${UPLOADS}foo/bar`],
  ['foo/', `${UPLOADS}foo/`],
  ['/avatar.png', `${UPLOADS}/avatar.png`],
  ['/etc/passwd', `${UPLOADS}etc/passwd`],
  ['/etc/passwd', `/srv/app/uploads/etc/passwd`],
  ['C:\\x.txt', `${WIN_UPLOADS}C__x.txt`],
  ['../../etc/passwd', `${UPLOADS}etc/passwd`],
  ['../', `${UPLOADS}index.html`],
  ['....//', `${UPLOADS}....//x`],
  ['x..y/..z', `${UPLOADS}x..y/..z`],
  ['a.b.c/d.e.f', `${UPLOADS}a.b.c/d.e.f`],
  ['reports/../reports/q1.pdf', `${UPLOADS}reports/../reports/q1.pdf`],
  ['file.txt', 'file:///srv/app/uploads/file.txt'],
  ['.', `${UPLOADS}.`],
  ['', UPLOADS],
];

test('traversal payloads are attacks with the expected reason', () => {
  assert.ok(ATTACKS.length >= 40);
  for (const [input, path, expected] of ATTACKS) {
    assert.equal(reasonOf(path, input), expected, `${JSON.stringify(input)} in ${path}`);
  }
});

test('names and subpaths that stay below their position are benign', () => {
  assert.ok(BENIGN.length >= 40);
  for (const [input, path] of BENIGN) {
    assert.equal(reasonOf(path, input), 'benign', `${JSON.stringify(input)} in ${path}`);
  }
});

test('the verdict names the form of the input found in the path', () => {
  assert.deepEqual(detectPathTraversal(`${UPLOADS}../etc`, '%2e%2e%2fetc'), {
    attack: true,
    reason: 'dot-dot',
    matched: '../etc',
  });
  assert.deepEqual(detectPathTraversal('/etc/passwd', '/etc/passwd'), {
    attack: true,
    reason: 'absolute',
    matched: '/etc/passwd',
  });
});

test('allowAbsolute accepts absolute input but still catches climbing', () => {
  assert.equal(reasonOf('/etc/passwd', '/etc/passwd', true), 'benign');
  assert.equal(reasonOf('/data/../../etc/passwd', '/data/../../etc/passwd', true), 'dot-dot');
  assert.equal(reasonOf('C:\\data\\x', 'C:\\data\\x', true), 'benign');
});

test('URL and Buffer paths are checked like strings', () => {
  assert.equal(reasonOf(new URL('file:///etc/passwd'), 'file:///etc/passwd'), 'file-url');
  assert.equal(reasonOf(new URL('file:///etc/passwd'), '/etc/passwd'), 'absolute');
  assert.equal(reasonOf(new URL(`file://${UPLOADS}a%20b.txt`), 'a b.txt'), 'benign');
  assert.equal(reasonOf(Buffer.from(`${UPLOADS}../../x`), '../../x'), 'dot-dot');
  assert.equal(reasonOf(Buffer.from(`${UPLOADS}ok.txt`), 'ok.txt'), 'benign');
});

test('huge and odd inputs never throw', () => {
  const long = '../'.repeat(100_000);
  assert.equal(reasonOf(`${UPLOADS}${long}etc`, long), 'dot-dot');
  assert.equal(reasonOf(`${UPLOADS}${'a'.repeat(1_000_000)}`, 'a'.repeat(999_999)), 'benign');
  assert.equal(reasonOf('x'.repeat(100_000), '%'.repeat(50_000)), 'benign');
  assert.equal(reasonOf(`${UPLOADS}${'.a/'.repeat(10_000)}`, '.a/'), 'benign');
  assert.equal(reasonOf(`${UPLOADS}\uD800/../..`, '\uD800/../..'), 'dot-dot');
  assert.equal(reasonOf(`${UPLOADS}\uD800/..`, '\uD800/..'), 'benign');
  const odd = [null, undefined, 42, {}, []] as unknown[];
  for (const value of odd) {
    assert.deepEqual(detectPathTraversal(value as string, value as string), { attack: false });
    assert.deepEqual(detectPathTraversal(value as string, '../x'), { attack: false });
  }
});

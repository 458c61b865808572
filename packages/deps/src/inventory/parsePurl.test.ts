import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPurl } from './formatPurl.js';
import { parsePurl, type Purl } from './parsePurl.js';

function parsed(text: string): Purl {
  const result = parsePurl(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error.message}`);
  return result.purl;
}

function failure(text: string): { message: string; column: number } {
  const result = parsePurl(text);
  assert.ok(!result.ok, `${text.slice(0, 60)} should be refused`);
  return result.error;
}

test('the parts of the purl spec examples', () => {
  assert.deepEqual(parsed('pkg:maven/org.apache.commons/io@1.3.4'), {
    type: 'maven',
    namespace: 'org.apache.commons',
    name: 'io',
    version: '1.3.4',
    qualifiers: {},
    subpath: undefined,
  });
  assert.deepEqual(parsed('pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api'), {
    type: 'golang',
    namespace: 'github.com/gorilla',
    name: 'context',
    version: '234fd47e07d1004f0aed9c',
    qualifiers: {},
    subpath: 'api',
  });
  assert.deepEqual(
    parsed(
      'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io%2Frelease',
    ).qualifiers,
    { classifier: 'sources', repository_url: 'repo.spring.io/release' },
  );
  const docker = parsed(
    'pkg:docker/customer/dockerimage@sha256%3A244fd47e07d10?repository_url=gcr.io',
  );
  assert.equal(docker.version, 'sha256:244fd47e07d10');
  assert.equal(
    parsed('pkg:gem/ruby-advisory-db-check@0.12.4?platform=java').qualifiers.platform,
    'java',
  );
});

test('npm scopes, encoded or not, and a version only after the last slash', () => {
  for (const text of ['pkg:npm/%40angular/animation@12.3.1', 'pkg:npm/@angular/animation@12.3.1']) {
    const purl = parsed(text);
    assert.equal(purl.namespace, '@angular');
    assert.equal(purl.name, 'animation');
    assert.equal(purl.version, '12.3.1');
  }
  const unversioned = parsed('pkg:npm/@babel/core');
  assert.equal(unversioned.namespace, '@babel');
  assert.equal(unversioned.name, 'core');
  assert.equal(unversioned.version, undefined);
  assert.equal(parsed('pkg:generic/name@1%402').version, '1@2');
});

test('normalisation: scheme and type case, slashes after the scheme, per-type lowercasing', () => {
  assert.equal(parsed('PKG:NPM/foo@1').type, 'npm');
  assert.equal(parsed('pkg://npm//foo/@1').name, 'foo');
  const pypi = parsed('pkg:pypi/Django_Package@1.11.1');
  assert.equal(pypi.name, 'django-package');
  assert.equal(parsed('pkg:composer/Laravel/Framework@v8.0.0').namespace, 'laravel');
  assert.equal(
    parsed('pkg:golang/github.com/BurntSushi/toml@v1.0.0').namespace,
    'github.com/BurntSushi',
  );
  assert.equal(parsed('pkg:nuget/Newtonsoft.Json@13.0.1').name, 'Newtonsoft.Json');
});

test('qualifiers: keys lowercased, empty values dropped, __proto__ is data', () => {
  assert.deepEqual(parsed('pkg:npm/foo@1?a=&B=x&&c=%20y').qualifiers, { b: 'x', c: ' y' });
  const purl = parsed('pkg:npm/foo@1?__proto__=polluted');
  assert.equal(Object.getPrototypeOf(purl.qualifiers), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(purl.qualifiers, '__proto__')?.value, 'polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('subpaths drop empty, "." and ".." segments', () => {
  assert.equal(parsed('pkg:npm/foo@1#/../a/./b/%2E%2E/').subpath, 'a/b');
  assert.equal(parsed('pkg:npm/foo@1#..').subpath, undefined);
});

test('malformed purls are refused with the column of the problem', () => {
  const cases: [string, RegExp, number][] = [
    ['', /no "pkg:" scheme/, 1],
    ['npm/foo@1', /no "pkg:" scheme/, 1],
    ['http://npm/foo', /scheme must be "pkg"/, 1],
    ['pkg:npm', /no name/, 8],
    ['pkg:npm/', /no name/, 8],
    ['pkg:npm/@1.0.0', /no name/, 9],
    ['pkg:1npm/foo', /type "1npm"/, 5],
    ['pkg:n$pm/foo', /type "n\$pm"/, 5],
    ['pkg:npm/foo@', /empty version/, 12],
    ['pkg:npm/fo%zzo@1', /two hex digits/, 11],
    ['pkg:npm/foo@1%4', /two hex digits/, 14],
    ['pkg:npm/foo%E2@1', /not valid UTF-8/, 12],
    ['pkg:npm/foo bar@1', /whitespace/, 12],
    ['pkg:npm/foo@1\n', /whitespace/, 14],
    ['pkg:npm/foo@1?a', /has no "="/, 15],
    ['pkg:npm/foo@1?a=1&A=2', /appears twice/, 19],
    ['pkg:npm/foo@1?1a=1', /invalid qualifier key/, 15],
  ];
  for (const [text, message, column] of cases) {
    const error = failure(text);
    assert.match(error.message, message, text);
    assert.equal(error.column, column, `${text}: ${error.message}`);
  }
});

test('hostile input: huge, many escapes, many slashes; answered quickly and never thrown', () => {
  const started = performance.now();
  assert.match(failure(`pkg:npm/${'a'.repeat(100_000)}`).message, /longer than/);
  assert.equal(failure(`pkg:npm/${'%'.repeat(60_000)}`).column, 9);
  assert.equal(parsed(`pkg:npm/${'/'.repeat(60_000)}a@1`).name, 'a');
  assert.equal(parsed(`pkg:npm/${'@'.repeat(30_000)}a@1`).version, '1');
  assert.equal(parsed(`pkg:npm/a@1?${'x=1&'.repeat(1)}${'&'.repeat(60_000)}`).qualifiers.x, '1');
  assert.ok(performance.now() - started < 1000);
});

test('formatPurl writes what parsePurl reads back', () => {
  const parts: [string, string | undefined, string, string | undefined][] = [
    ['npm', '@babel', 'core', '7.0.0'],
    ['maven', 'org.slf4j', 'slf4j-api', '2.0.0'],
    ['golang', 'github.com/BurntSushi', 'toml', 'v1.0.0'],
    ['npm', undefined, 'weird name#?@', '1.0.0+build/1'],
    ['cargo', undefined, 'rand', undefined],
  ];
  for (const [type, namespace, name, version] of parts) {
    const purl = parsed(formatPurl(type, namespace, name, version));
    assert.deepEqual(
      [purl.type, purl.namespace, purl.name, purl.version],
      [type, namespace, name, version],
    );
  }
  assert.equal(formatPurl('npm', '@babel', 'core', '7.0.0'), 'pkg:npm/%40babel/core@7.0.0');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLockfileKind, type LockfileKind } from './detectLockfileKind.js';

test('fixed lockfile names, at the root or nested', () => {
  const cases: [string, LockfileKind][] = [
    ['package-lock.json', 'npm-package-lock'],
    ['web/npm-shrinkwrap.json', 'npm-package-lock'],
    ['yarn.lock', 'yarn-lock'],
    ['apps/site/pnpm-lock.yaml', 'pnpm-lock'],
    ['bun.lock', 'bun-lock'],
    ['Pipfile.lock', 'pipfile-lock'],
    ['poetry.lock', 'poetry-lock'],
    ['uv.lock', 'uv-lock'],
    ['pdm.lock', 'pdm-lock'],
    ['cmd/tool/go.mod', 'go-mod'],
    ['Cargo.lock', 'cargo-lock'],
    ['Gemfile.lock', 'gemfile-lock'],
    ['gems.locked', 'gemfile-lock'],
    ['composer.lock', 'composer-lock'],
    ['src/App/packages.lock.json', 'nuget-packages-lock'],
    ['gradle.lockfile', 'gradle-lockfile'],
    ['service/pom.xml', 'pom-xml'],
    ['pubspec.lock', 'pubspec-lock'],
    ['mix.lock', 'mix-lock'],
    ['C:\\repo\\api\\Cargo.lock', 'cargo-lock'],
  ];
  for (const [path, kind] of cases) assert.equal(detectLockfileKind(path), kind, path);
});

test('requirements files by name or by directory', () => {
  for (const path of [
    'requirements.txt',
    'requirements-dev.txt',
    'dev-requirements.txt',
    'requirements_test.txt',
    'backend/requirements/base.txt',
    'requirements/prod.txt',
  ]) {
    assert.equal(detectLockfileKind(path), 'requirements-txt', path);
  }
  for (const path of [
    'notes.txt',
    'requirements.in',
    'requirements.txt.bak',
    'docs/requirements/index.md',
  ]) {
    assert.equal(detectLockfileKind(path), undefined, path);
  }
});

test('gradle per-configuration locks only under gradle/dependency-locks', () => {
  assert.equal(
    detectLockfileKind('gradle/dependency-locks/compileClasspath.lockfile'),
    'gradle-lockfile',
  );
  assert.equal(
    detectLockfileKind('sub/gradle/dependency-locks/runtimeClasspath.lockfile'),
    'gradle-lockfile',
  );
  assert.equal(detectLockfileKind('other/compileClasspath.lockfile'), undefined);
  assert.equal(detectLockfileKind('dependency-locks/compileClasspath.lockfile'), undefined);
});

test('near misses are not lockfiles', () => {
  for (const path of [
    '',
    'package.json',
    'package-lock.json.orig',
    'yarn.lock/',
    'pom.xml.bak',
    'my-pom.xml',
    'cargo.lock',
    'gemfile.lock',
    'pnpm-lock.yml',
    'bun.lockb',
    'go.sum',
    'Pipfile',
  ]) {
    assert.equal(detectLockfileKind(path), undefined, path);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGradleLockfile } from './parseGradleLockfile.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/java/gradlelockfile/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function parse(name: string) {
  const result = parseGradleLockfile(readFileSync(FIXTURES + name, 'utf8'), name);
  assert.ok(result.ok, `${name} should parse`);
  return result;
}

function summary(name: string) {
  const result = parse(name);
  assert.deepEqual(result.warnings, []);
  return result.packages.map((p) => `${p.purl} ${p.scope} ${String(p.location.line)}`);
}

test('every gradle.lockfile fixture parses', { skip }, () => {
  const files = readdirSync(FIXTURES);
  assert.ok(files.length >= 5);
  for (const file of files) parse(file);
});

test('entries, comments and empty= lines', { skip }, () => {
  assert.deepEqual(summary('only-comments'), []);
  assert.deepEqual(summary('only-empty'), []);
  assert.deepEqual(summary('one-pkg'), [
    'pkg:maven/org.springframework.security/spring-security-crypto@5.7.3 prod 4',
  ]);
  assert.deepEqual(summary('5-pkg'), [
    'pkg:maven/org.springframework.boot/spring-boot-autoconfigure@2.7.4 prod 5',
    'pkg:maven/org.springframework.boot/spring-boot-configuration-processor@2.7.5 prod 6',
    'pkg:maven/org.springframework.boot/spring-boot-devtools@2.7.6 prod 7',
    'pkg:maven/org.springframework.boot/spring-boot-starter-aop@2.7.7 prod 8',
    'pkg:maven/org.springframework.boot/spring-boot-starter-data-jpa@2.7.8 prod 9',
  ]);
  const first = parse('one-pkg').packages[0];
  assert.deepEqual(
    [first?.ecosystem, first?.name],
    ['Maven', 'org.springframework.security:spring-security-crypto'],
  );
});

test('bad lines are skipped with a warning', { skip }, () => {
  const result = parse('with-bad-pkg');
  assert.deepEqual(
    result.packages.map((p) => `${p.name}@${p.version}`),
    [
      'org.springframework.boot:spring-boot-autoconfigure@2.7.4',
      'org.springframework.boot:spring-boot-configuration-processor@2.7.5',
    ],
  );
  assert.deepEqual(
    result.warnings,
    [3, 4, 5, 9, 10].map(
      (line) => `with-bad-pkg:${String(line)}: not a group:artifact:version entry; skipped`,
    ),
  );
});

test('packages locked only for test configurations are dev', () => {
  const result = parseGradleLockfile(
    'junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath\na:b:1=\n',
    'gradle.lockfile',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.packages.map((p) => `${p.name} ${p.scope}`),
    ['junit:junit dev', 'a:b prod'],
  );
});

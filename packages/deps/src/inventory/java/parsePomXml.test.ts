import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePomXml } from './parsePomXml.js';

const FIXTURES = fileURLToPath(
  new URL('../../../../../../shared/data/lockfiles/java/pomxml/', import.meta.url),
);
const skip = existsSync(FIXTURES) ? false : `fixtures absent: ${FIXTURES}`;

function readFixture(name: string): string | undefined {
  return existsSync(FIXTURES + name) ? readFileSync(FIXTURES + name, 'utf8') : undefined;
}

function parseFixture(name: string) {
  return parsePomXml(readFixture(name) ?? '', name, readFixture);
}

/** `purl scope source path:line` per package. */
function summary(result: ReturnType<typeof parsePomXml>): string[] {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.packages.map(
    (p) => `${p.purl} ${p.scope} ${p.source} ${p.location.path}:${String(p.location.line)}`,
  );
}

function warnings(result: ReturnType<typeof parsePomXml>): string[] {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.warnings;
}

/** A POM around the given body, with the given files readable as parents. */
function pom(body: string, files: Record<string, string> = {}, path = 'app/pom.xml') {
  return parsePomXml(`<project>\n${body}\n</project>\n`, path, (p) => files[p]);
}

function dependency(group: string, artifact: string, extra = ''): string {
  return `<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId>${extra}</dependency>`;
}

test('every pom.xml fixture either parses or fails with a position', { skip }, () => {
  const files = [...readdirSync(FIXTURES).filter((f) => f !== 'parent'), 'parent/pom.xml'];
  assert.equal(files.length, 20);
  for (const file of files) {
    const result = parseFixture(file);
    if (!result.ok) assert.ok((result.error.line ?? 0) >= 1, file);
  }
});

test('plain declarations: one line per <dependency>, name group:artifact', { skip }, () => {
  assert.deepEqual(summary(parseFixture('empty.xml')), []);
  assert.deepEqual(summary(parseFixture('one-package.xml')), [
    'pkg:maven/org.apache.maven/maven-artifact@1.0.0 prod registry one-package.xml:7',
  ]);
  assert.deepEqual(summary(parseFixture('two-packages.xml')), [
    'pkg:maven/io.netty/netty-all@4.1.42.Final prod registry two-packages.xml:7',
    'pkg:maven/org.slf4j/slf4j-log4j12@1.7.25 prod registry two-packages.xml:12',
  ]);
  assert.deepEqual(summary(parseFixture('encoding.xml')), [
    'pkg:maven/junit/junit@4.12 prod registry encoding.xml:16',
  ]);
  assert.deepEqual(summary(parseFixture('with-type-classifier.xml')), [
    'pkg:maven/abc/xyz@1.0.0 prod registry with-type-classifier.xml:3',
  ]);
  const onePackage = parseFixture('one-package.xml');
  const [first] = onePackage.ok ? onePackage.packages : [];
  assert.deepEqual([first?.ecosystem, first?.name], ['Maven', 'org.apache.maven:maven-artifact']);
});

test('scope test is dev, compile is prod', { skip }, () => {
  assert.deepEqual(summary(parseFixture('with-scope.xml')), [
    'pkg:maven/abc/xyz@1.2.3 prod registry with-scope.xml:3',
    'pkg:maven/junit/junit@4.12 dev registry with-scope.xml:9',
  ]);
});

test('interpolation of properties and version ranges (lower bound)', { skip }, () => {
  assert.deepEqual(summary(parseFixture('interpolation.xml')), [
    'pkg:maven/org.mine/mypackage@1.0.0 prod registry interpolation.xml:18',
    'pkg:maven/org.mine/my.package@2.3.4 prod registry interpolation.xml:24',
    'pkg:maven/org.mine/ranged-package@9.4.35.v20201120 prod registry interpolation.xml:30',
  ]);
  assert.deepEqual(summary(parseFixture('interpolate-drop.xml')), [
    'pkg:maven/com.example/actual-artifact@1.0.0 prod registry interpolate-drop.xml:11',
  ]);
  assert.deepEqual(warnings(parseFixture('interpolate-drop.xml')), [
    'interpolate-drop.xml:8: dependency without a resolvable groupId and artifactId; skipped',
  ]);
});

test('managed-only entries are not packages; declared versions beat managed ones', { skip }, () => {
  assert.deepEqual(summary(parseFixture('with-dependency-management.xml')), [
    'pkg:maven/io.netty/netty-all@4.1.9 prod registry with-dependency-management.xml:7',
    'pkg:maven/org.slf4j/slf4j-log4j12@1.7.25 prod registry with-dependency-management.xml:12',
  ]);
  assert.deepEqual(summary(parseFixture('transitive.xml')), [
    'pkg:maven/org.direct/alice@1.0.0 prod registry transitive.xml:17',
    'pkg:maven/org.direct/bob@2.0.0 prod registry transitive.xml:22',
    'pkg:maven/org.direct/chris@3.0.0 prod registry transitive.xml:27',
  ]);
});

test('a local parent lends properties, managed versions and dependencies', { skip }, () => {
  const result = parseFixture('with-parent.xml');
  assert.deepEqual(summary(result), [
    'pkg:maven/org.dave/dave@4.0.0 prod registry parent/pom.xml:15',
    'pkg:maven/org.alice/alice@1.0.0 prod registry with-parent.xml:18',
    'pkg:maven/org.bob/bob@2.0.0 prod registry with-parent.xml:23',
    'pkg:maven/org.chuck/chuck@3.0.0 prod registry with-parent.xml:28',
  ]);
  assert.deepEqual(warnings(result), [
    'parent/pom.xml:8: parent org.upstream:parent-pom:1.0 is not at pom.xml; its properties and managed versions are unknown',
    'with-parent.xml:32: org.frank:frank has no version and none is managed in this repository (an imported BOM or a parent outside it may manage it); skipped',
  ]);
  assert.deepEqual(summary(parseFixture('parent/pom.xml')), [
    'pkg:maven/org.dave/dave@4.0.0 prod registry parent/pom.xml:15',
  ]);
});

test('active-by-default profiles count; plugin dependencies do not', { skip }, () => {
  const profiles = parseFixture('profiles.xml');
  assert.deepEqual(summary(profiles), [
    'pkg:maven/org.profile/profile-dep@1.2.3 prod registry profiles.xml:15',
  ]);
  assert.deepEqual(warnings(profiles), [
    'profiles.xml:3: parent org.parent:parent-pom:1.0.0 lies outside this repository; its properties and managed versions are unknown',
  ]);
  assert.deepEqual(summary(parseFixture('plugin-dependency.xml')), [
    'pkg:maven/com.example/hijack-lib@1.0.0 prod registry plugin-dependency.xml:27',
  ]);
});

test(
  'duplicates: one package per name and version, the last declaration of a key wins',
  {
    skip,
  },
  () => {
    // Both resolve to com.example:common-lib:1.0.0: one package, at the first declaration.
    assert.deepEqual(summary(parseFixture('ambiguous-interpolation.xml')), [
      'pkg:maven/com.example/common-lib@1.0.0 prod registry ambiguous-interpolation.xml:8',
    ]);
    // The pom-typed and the jar-typed my-lib are two Maven artifacts but one package version.
    assert.deepEqual(summary(parseFixture('explicit-jar.xml')), [
      'pkg:maven/org.different/my-lib@1.0.0 prod registry explicit-jar.xml:12',
      'pkg:maven/com.example/my-lib@1.0.0 prod registry explicit-jar.xml:17',
    ]);
    assert.deepEqual(summary(parseFixture('with-multiple-classifiers.xml')), [
      'pkg:maven/com.example/my-lib@1.0.0 prod registry with-multiple-classifiers.xml:8',
    ]);
    // Maven's model normaliser keeps the last of two declarations of one key (osv-scalibr the first).
    assert.deepEqual(summary(parseFixture('multi-version.xml')), [
      'pkg:maven/abc/example.com@1.1.1 prod registry multi-version.xml:13',
    ]);
  },
);

test('malformed fixtures fail with the position of the fault', { skip }, () => {
  assert.deepEqual(parseFixture('invalid-syntax.xml'), {
    ok: false,
    error: { message: 'disallowed character in tag name', line: 3, column: 7 },
  });
  const notPom = parseFixture('not-pom.txt');
  assert.equal(notPom.ok, false);
  assert.match(notPom.error.message, /text data outside of root node/);
});

test('project.*, parent and nested properties; CI-friendly ${revision}', () => {
  const result = pom(`
  <parent><groupId>org.acme</groupId><artifactId>acme-parent</artifactId><version>7</version><relativePath/></parent>
  <artifactId>app</artifactId>
  <version>\${revision}\${changelist}</version>
  <properties>
    <revision>2.5.0</revision><changelist>-SNAPSHOT</changelist>
    <major>3</major><minor>1</minor><lib.version>\${major}.\${minor}</lib.version>
  </properties>
  <dependencies>
    ${dependency('${project.groupId}', 'core', '<version>${project.version}</version>')}
    ${dependency('org.lib', 'lib', '<version>${lib.version}</version>')}
    ${dependency('org.acme', 'bom-user', '<version>${project.parent.version}</version>')}
    ${dependency('org.old', 'style', '<version>${pom.version}</version>')}
    ${dependency('org.bare', 'style', '<version>${version}</version>')}
  </dependencies>`);
  assert.deepEqual(
    summary(result).map((line) => line.split(' ')[0]),
    [
      'pkg:maven/org.acme/core@2.5.0-SNAPSHOT',
      'pkg:maven/org.lib/lib@3.1',
      'pkg:maven/org.acme/bom-user@7',
      'pkg:maven/org.old/style@2.5.0-SNAPSHOT',
      'pkg:maven/org.bare/style@2.5.0-SNAPSHOT',
    ],
  );
  assert.deepEqual(warnings(result), [
    'app/pom.xml:3: parent org.acme:acme-parent:7 is not looked up in this repository; its properties and managed versions are unknown',
  ]);
});

test('undefined properties and cycles skip the dependency with its line', () => {
  const result = pom(`<properties>
    <a>\${b}</a><b>\${c}</b><c>\${a}</c><self>\${self}</self>
  </properties>
  <dependencies>
    ${dependency('org.x', 'undefined', '<version>${nope}</version>')}
    ${dependency('org.x', 'cycle', '<version>${a}</version>')}
    ${dependency('org.x', 'self', '<version>${self}</version>')}
    ${dependency('org.x', 'env', '<version>${env.LIB_VERSION}</version>')}
    ${dependency('org.x', 'ok', '<version>1</version>')}
  </dependencies>`);
  assert.deepEqual(summary(result), ['pkg:maven/org.x/ok@1 prod registry app/pom.xml:10']);
  assert.deepEqual(warnings(result), [
    'app/pom.xml:6: cannot resolve the version of org.x:undefined: ${nope} is not defined; skipped',
    'app/pom.xml:7: cannot resolve the version of org.x:cycle: property cycle ${a} -> ${b} -> ${c} -> ${a}; skipped',
    'app/pom.xml:8: cannot resolve the version of org.x:self: property cycle ${self} -> ${self}; skipped',
    'app/pom.xml:9: cannot resolve the version of org.x:env: ${env.LIB_VERSION} is not defined; skipped',
  ]);
});

test('a property bomb is refused, not expanded', () => {
  const levels = Array.from(
    { length: 40 },
    (_, i) => `<p${String(i)}>\${p${String(i + 1)}}\${p${String(i + 1)}}</p${String(i)}>`,
  );
  const started = performance.now();
  const result = pom(`<properties>${levels.join('')}<p40>lol</p40></properties>
  <dependencies>${dependency('org.x', 'bomb', '<version>${p0}</version>')}</dependencies>`);
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(warnings(result), [
    'app/pom.xml:3: cannot resolve the version of org.x:bomb: expands past 8192 characters; skipped',
  ]);
  const deep = Array.from(
    { length: 200 },
    (_, i) => `<q${String(i)}>\${q${String(i + 1)}}</q${String(i)}>`,
  );
  const nested = pom(`<properties>${deep.join('')}<q200>1</q200></properties>
  <dependencies>${dependency('org.x', 'deep', '<version>${q0}</version>')}</dependencies>`);
  assert.deepEqual(warnings(nested), [
    'app/pom.xml:3: cannot resolve the version of org.x:deep: properties nested deeper than 64; skipped',
  ]);
});

test('dependencyManagement supplies version, scope and optional by type and classifier', () => {
  const result = pom(`<dependencyManagement><dependencies>
    ${dependency('org.m', 'plain', '<version>1.0</version><scope>test</scope>')}
    ${dependency('org.m', 'tests', '<version>2.0</version><classifier>tests</classifier>')}
    ${dependency('org.m', 'opt', '<version>3.0</version><optional>true</optional>')}
    ${dependency('org.bom', 'bom', '<version>9</version><type>pom</type><scope>import</scope>')}
  </dependencies></dependencyManagement>
  <dependencies>
    ${dependency('org.m', 'plain')}
    ${dependency('org.m', 'tests', '<classifier>tests</classifier>')}
    ${dependency('org.m', 'tests')}
    ${dependency('org.m', 'opt')}
    ${dependency('org.m', 'plain', '<type>war</type><version>1.1</version><scope>compile</scope>')}
  </dependencies>`);
  assert.deepEqual(summary(result), [
    'pkg:maven/org.m/plain@1.0 dev registry app/pom.xml:9',
    'pkg:maven/org.m/tests@2.0 prod registry app/pom.xml:10',
    'pkg:maven/org.m/opt@3.0 optional registry app/pom.xml:12',
    'pkg:maven/org.m/plain@1.1 prod registry app/pom.xml:13',
  ]);
  assert.deepEqual(warnings(result), [
    'app/pom.xml:11: org.m:tests has no version and none is managed in this repository (an imported BOM or a parent outside it may manage it); skipped',
  ]);
});

test('scopes and optional', () => {
  const result = pom(`<dependencies>
    ${dependency('s', 'runtime', '<version>1</version><scope>runtime</scope>')}
    ${dependency('s', 'provided', '<version>1</version><scope>provided</scope>')}
    ${dependency('s', 'system', '<version>1</version><scope>system</scope><systemPath>/lib/x.jar</systemPath>')}
    ${dependency('s', 'optional', '<version>1</version><optional>true</optional>')}
    ${dependency('s', 'test-optional', '<version>1</version><scope>test</scope><optional>true</optional>')}
    ${dependency('s', 'weird', '<version>1</version><scope>banana</scope>')}
  </dependencies>`);
  assert.deepEqual(summary(result), [
    'pkg:maven/s/runtime@1 prod registry app/pom.xml:3',
    'pkg:maven/s/provided@1 prod registry app/pom.xml:4',
    'pkg:maven/s/system@1 prod local app/pom.xml:5',
    'pkg:maven/s/optional@1 optional registry app/pom.xml:6',
    'pkg:maven/s/test-optional@1 dev registry app/pom.xml:7',
    'pkg:maven/s/weird@1 prod registry app/pom.xml:8',
  ]);
  assert.deepEqual(warnings(result), [
    'app/pom.xml:8: unknown scope "banana" of s:weird; taken as compile',
  ]);
  const [first] = result.ok ? result.packages : [];
  assert.deepEqual([first?.direct, first?.paths], [true, [['(root)', 's:runtime']]]);
});

test('version requirements: soft, exact, ranges', () => {
  const versions = [
    '1.0',
    '[1.0]',
    '[1.2,2.0)',
    '(1.2,2.0)',
    '[ 1.5 ,)',
    '[1.0,2.0),[3.0,)',
    '(,2.0]',
    '[,1]',
    ' ',
  ];
  const result = pom(
    `<dependencies>${versions.map((v, i) => `\n${dependency('r', `a${String(i)}`, `<version>${v}</version>`)}`).join('')}</dependencies>`,
  );
  assert.deepEqual(
    summary(result).map((line) => line.split(' ')[0]),
    ['1.0', '1.0', '1.2', '1.2', '1.5', '1.0'].map((v, i) => `pkg:maven/r/a${String(i)}@${v}`),
  );
  assert.deepEqual(warnings(result), [
    'app/pom.xml:9: the version "(,2.0]" of r:a6 has no lower bound; skipped',
    'app/pom.xml:10: the version "[,1]" of r:a7 has no lower bound; skipped',
    'app/pom.xml:11: r:a8 has no version and none is managed in this repository (an imported BOM or a parent outside it may manage it); skipped',
  ]);
});

test('profiles that are not active by default are left out with a warning', () => {
  const result = pom(`<profiles>
    <profile><id>ci</id><activation><property><name>ci</name></property></activation>
      <dependencies>${dependency('p', 'ci-only', '<version>1</version>')}</dependencies></profile>
    <profile><id>default</id><activation><activeByDefault>true</activeByDefault></activation>
      <properties><v>2</v></properties>
      <dependencyManagement><dependencies>${dependency('p', 'managed', '<version>${v}</version>')}</dependencies></dependencyManagement>
      <dependencies>${dependency('p', 'base', '<version>3</version>')}</dependencies></profile>
  </profiles>
  <properties><v>1</v></properties>
  <dependencies>${dependency('p', 'managed')}${dependency('p', 'base', '<version>0</version>')}</dependencies>`);
  assert.deepEqual(summary(result), [
    'pkg:maven/p/managed@2 prod registry app/pom.xml:11',
    'pkg:maven/p/base@3 prod registry app/pom.xml:8',
  ]);
  assert.deepEqual(warnings(result), [
    'app/pom.xml:3: profile "ci" is not active by default; its dependencies are not listed',
  ]);
});

const PARENT = `<project>
  <groupId>org.acme</groupId><artifactId>parent</artifactId><version>5</version>
  <properties><lib.version>1.0</lib.version><child.sees>\${project.artifactId}</child.sees></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.lib</groupId><artifactId>lib</artifactId><version>\${lib.version}</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.log</groupId><artifactId>log</artifactId><version>1.0</version></dependency>
  </dependencies>
</project>`;

test('parent: default ../pom.xml, child properties and declarations win', () => {
  const body = `<parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>5</version></parent>
  <artifactId>app</artifactId>
  <properties><lib.version>2.0</lib.version></properties>
  <dependencies>
    ${dependency('org.lib', 'lib')}
    ${dependency('org.log', 'log', '<version>1.1</version>')}
    ${dependency('org.x', '${child.sees}', '<version>${project.version}</version>')}
  </dependencies>`;
  const result = pom(body, { 'pom.xml': PARENT });
  assert.deepEqual(summary(result), [
    'pkg:maven/org.log/log@1.1 prod registry app/pom.xml:7',
    'pkg:maven/org.lib/lib@2.0 prod registry app/pom.xml:6',
    'pkg:maven/org.x/app@5 prod registry app/pom.xml:8',
  ]);
  assert.deepEqual(warnings(result), []);
  // A relativePath naming a directory means that directory's pom.xml.
  const viaDirectory = pom(
    body.replace('</version></parent>', '</version><relativePath>../build</relativePath></parent>'),
    { 'build/pom.xml': PARENT },
  );
  assert.equal(summary(viaDirectory).length, 3);
});

test('parent: missing, mismatched, malformed, cyclic or absent reader', () => {
  const reference = (relativePath = '') =>
    `<parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>5</version>${relativePath}</parent>
  <artifactId>app</artifactId>
  <dependencies>${dependency('org.lib', 'lib')}</dependencies>`;
  const unknown = 'its properties and managed versions are unknown';
  const skipped =
    'app/pom.xml:4: org.lib:lib has no version and none is managed in this repository (an imported BOM or a parent outside it may manage it); skipped';
  assert.deepEqual(warnings(pom(reference())), [
    `app/pom.xml:2: parent org.acme:parent:5 is not at pom.xml; ${unknown}`,
    skipped,
  ]);
  assert.deepEqual(warnings(parsePomXml(`<project>\n${reference()}</project>`, 'app/pom.xml')), [
    `app/pom.xml:2: parent org.acme:parent:5 is not at pom.xml; ${unknown}`,
    skipped,
  ]);
  assert.deepEqual(
    warnings(pom(reference(), { 'pom.xml': PARENT.replace('<version>5', '<version>6') })),
    [
      `app/pom.xml:2: pom.xml is org.acme:parent:6, not the parent org.acme:parent:5; ${unknown}`,
      skipped,
    ],
  );
  assert.deepEqual(warnings(pom(reference(), { 'pom.xml': PARENT.slice(0, 200) })), [
    `app/pom.xml:2: parent org.acme:parent:5 at pom.xml:4 cannot be read (unclosed tag: project); ${unknown}`,
    skipped,
  ]);
  assert.deepEqual(
    warnings(pom(reference('<relativePath>../../../elsewhere/pom.xml</relativePath>'))),
    [`app/pom.xml:2: parent org.acme:parent:5 lies outside this repository; ${unknown}`, skipped],
  );
  // The parent names the child's POM as its own parent: the chain stops where it loops.
  const looping = PARENT.replace(
    '<properties>',
    '<parent><groupId>org.acme</groupId><artifactId>app</artifactId><version>5</version><relativePath>app/pom.xml</relativePath></parent><properties>',
  );
  const cyclic = pom(reference(), { 'pom.xml': looping });
  assert.deepEqual(warnings(cyclic), [
    'pom.xml:3: parent org.acme:app:5 at app/pom.xml is already in the chain; cycle cut',
  ]);
  assert.equal(summary(cyclic).length, 2);
});

test('positions: CRLF line ends, tags split over lines, namespace prefixes, BOM', () => {
  const crlf = `\uFEFF<?xml version="1.0"?>\r\n<pom:project xmlns:pom="http://maven.apache.org/POM/4.0.0">\r\n<pom:dependencies>\r\n<pom:dependency\r\n>\r\n<pom:groupId>g</pom:groupId><pom:artifactId>a</pom:artifactId><pom:version>1</pom:version></pom:dependency>\r\n</pom:dependencies></pom:project>`;
  assert.deepEqual(summary(parsePomXml(crlf, 'pom.xml')), [
    'pkg:maven/g/a@1 prod registry pom.xml:4',
  ]);
  const cdata = `<project><dependencies><dependency><groupId><![CDATA[g]]></groupId><artifactId>a&amp;b</artifactId><version>\n  1.0\n</version></dependency></dependencies></project>`;
  assert.deepEqual(summary(parsePomXml(cdata, 'pom.xml')), [
    'pkg:maven/g/a%26b@1.0 prod registry pom.xml:1',
  ]);
});

test('hostile XML: entity bombs and external entities are never expanded', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<project><properties><v>&lol2;</v></properties></project>`;
  const bomb = parsePomXml(laughs, 'pom.xml');
  assert.deepEqual(bomb, {
    ok: false,
    error: { message: 'undefined entity.', line: 7, column: 31 },
  });
  const xxe = `<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<project><dependencies><dependency><groupId>&xxe;</groupId></dependency></dependencies></project>`;
  const external = parsePomXml(xxe, 'pom.xml');
  assert.equal(external.ok, false);
  assert.equal(external.error.line, 3);
});

test('malformed input: wrong root, empty, binary, every truncation', () => {
  assert.deepEqual(parsePomXml('<settings><x/></settings>', 'pom.xml'), {
    ok: false,
    error: { message: 'the root element is <settings>, not <project>', line: 1 },
  });
  assert.deepEqual(parsePomXml('', 'pom.xml'), {
    ok: false,
    error: { message: 'document must contain a root element.', line: 1, column: 1 },
  });
  const binary = parsePomXml('\u0000\u0001PK\u0003\u0004<project>', 'pom.xml');
  assert.equal(binary.ok, false);
  const text = readFixture('with-parent.xml') ?? PARENT;
  for (let end = 0; end < text.length; end += 7) {
    const result = parsePomXml(text.slice(0, end), 'pom.xml', readFixture);
    assert.equal(result.ok, false, `cut at ${String(end)}`);
    assert.ok((result.error.line ?? 0) >= 1);
  }
});

test('huge and deeply nested input stays fast', () => {
  const count = 20_000;
  const many = Array.from({ length: count }, (_, i) =>
    dependency('org.big', `artifact-${String(i)}`, `<version>\${v}</version>`),
  ).join('\n');
  let started = performance.now();
  const result = pom(`<properties><v>1.0</v></properties><dependencies>\n${many}\n</dependencies>`);
  assert.equal(result.ok ? result.packages.length : 0, count);
  assert.ok(performance.now() - started < 5000, 'a 2 MB POM parses in seconds');
  const depth = 100_000;
  started = performance.now();
  const deep = pom(
    `<build><plugins><plugin><configuration>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</configuration></plugin></plugins></build>`,
  );
  assert.deepEqual(summary(deep), []);
  assert.ok(performance.now() - started < 5000);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PATH_LENGTH } from '../inventory/dependencyPaths.js';
import type { InventoryPackage, LockfileResult } from '../inventory/inventoryPackage.js';
import {
  fixtureText,
  npmAppInventory,
  sharedInventories,
  sharedSkip,
} from './fixtureInventories.js';
import { readCycloneDx } from './readCycloneDx.js';
import { toCycloneDx } from './toCycloneDx.js';

function read(
  text: string,
  path = 'bom.json',
): { packages: InventoryPackage[]; warnings: string[] } {
  const result = readCycloneDx(text, path);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result;
}

function failure(result: LockfileResult): { message: string; line?: number; column?: number } {
  assert.ok(!result.ok, 'should fail');
  return result.error;
}

function bom(body: Record<string, unknown>): string {
  return JSON.stringify(
    { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...body },
    null,
    2,
  );
}

function summary(packages: readonly InventoryPackage[]) {
  return packages
    .map((p) => ({
      purl: p.purl,
      scope: p.scope,
      direct: p.direct,
      paths: p.paths,
      dependsOn: [...(p.dependsOn ?? [])].sort(),
    }))
    .sort((a, b) => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0));
}

test('a real cyclonedx-npm SBOM reads as the lockfile of the same project does', () => {
  const text = fixtureText('npm-app/bom.1.6.cdx.json');
  const { packages, warnings } = read(text, 'bom.1.6.cdx.json');
  assert.deepEqual(warnings, []);
  const fromLockfile = npmAppInventory();
  const expected = summary(fromLockfile).map((p) => ({
    ...p,
    dependsOn:
      toCycloneDx(
        { root: { name: 'r' }, packages: fromLockfile },
        { tool: { name: 'v', version: '1' } },
      ).dependencies.find((d) => d.ref === p.purl)?.dependsOn ?? [],
  }));
  assert.deepEqual(summary(packages), expected);
  const lines = text.split('\n');
  for (const pkg of packages) {
    assert.equal(pkg.location.path, 'bom.1.6.cdx.json');
    const line = pkg.location.line ?? 0;
    assert.equal(lines[line - 1]?.trim(), '{', `line ${String(line)} opens the component`);
    assert.ok(
      lines.slice(line, line + 4).some((l) => l.includes('"type": "library"')),
      pkg.purl,
    );
  }
  const nested = packages.find((p) => p.purl === 'pkg:npm/ajv@8.20.0');
  assert.deepEqual(nested?.paths, [['sbom-fixture-app', 'ajv-formats', 'ajv']]);
  assert.equal(nested.scope, 'dev');
});

test('the CycloneDX 1.4 SBOM of the same project gives the same inventory', () => {
  const v14 = read(fixtureText('npm-app/bom.1.4.cdx.json'));
  const v16 = read(fixtureText('npm-app/bom.1.6.cdx.json'));
  assert.deepEqual(summary(v14.packages), summary(v16.packages));
});

test(
  'Vigil BOMs of real lockfiles read back to the same packages and graph',
  { skip: sharedSkip },
  () => {
    const everything = sharedInventories().flatMap((inventory) => inventory.packages);
    const written = toCycloneDx(
      { root: { name: 'monorepo' }, packages: everything },
      { tool: { name: 'vigil', version: '0.1.0' }, reproducible: true },
    );
    const { packages, warnings } = read(JSON.stringify(written, null, 2));
    assert.deepEqual(warnings, []);
    assert.equal(packages.length, written.components.length);
    // The reader drops qualifiers (a gem's platform), as purls from other tools carry many.
    const unqualified = (purl: string) => purl.replace(/\?.*$/, '');
    for (const [index, pkg] of packages.entries()) {
      const component = written.components[index];
      const dependency = written.dependencies[index + 1];
      assert.ok(component?.purl !== undefined && dependency, pkg.purl);
      assert.equal(pkg.purl, unqualified(component.purl));
      const originals = everything.filter((p) => p.purl === component.purl);
      assert.ok(originals[0], pkg.purl);
      assert.equal(pkg.version, originals[0].version, pkg.purl);
      assert.equal(pkg.ecosystem, originals[0].ecosystem);
      assert.equal(pkg.source, originals[0].source, pkg.purl);
      assert.equal(
        pkg.direct,
        written.dependencies[0]?.dependsOn?.includes(component.purl),
        pkg.purl,
      );
      assert.equal(pkg.scope, component.properties?.find((p) => p.name === 'vigil:scope')?.value);
      assert.deepEqual(pkg.dependsOn, dependency.dependsOn?.map(unqualified), pkg.purl);
    }
    assert.ok(
      packages.some((p) => p.dependsOn === undefined),
      'unknown graphs stay unknown',
    );
    assert.ok(
      packages.some((p) => p.dependsOn?.length === 0),
      'leaves stay leaves',
    );
  },
);

test('nested components, skipped components with reasons, scopes and ecosystems', () => {
  const text = bom({
    metadata: { component: { type: 'application', name: 'app', 'bom-ref': 'app' } },
    components: [
      {
        type: 'library',
        group: 'org.slf4j',
        name: 'slf4j-api',
        purl: 'pkg:maven/org.slf4j/slf4j-api@2.0.9?type=jar',
        'bom-ref': 'slf4j',
        components: [
          {
            type: 'library',
            name: 'requests',
            purl: 'pkg:pypi/Requests@2.31.0',
            scope: 'excluded',
            'bom-ref': 'req',
          },
          { type: 'library', name: 'no-purl' },
          { type: 'library', name: 'curl', purl: 'pkg:deb/debian/curl@7.88.1' },
          { type: 'library', name: 'broken', purl: 'pkg:npm/bro%zzken@1' },
          42,
        ],
      },
      {
        type: 'library',
        name: 'toml',
        purl: 'pkg:golang/github.com/BurntSushi/toml@v1.3.2',
        scope: 'optional',
        'bom-ref': 'toml',
      },
      {
        type: 'library',
        name: 'local',
        purl: 'pkg:npm/local@1.0.0',
        properties: [
          { name: 'vigil:source', value: 'local' },
          { name: 'vigil:scope', value: 'peer' },
        ],
      },
    ],
    dependencies: [
      { ref: 'app', dependsOn: ['slf4j', 'toml'] },
      { ref: 'slf4j', dependsOn: ['req', 'ghost'] },
      { ref: 'req', dependsOn: ['slf4j'] },
    ],
  });
  const { packages, warnings } = read(text, 'sbom.json');
  assert.deepEqual(
    packages.map((p) => [p.ecosystem, p.name, p.version, p.purl, p.scope, p.source, p.direct]),
    [
      [
        'Maven',
        'org.slf4j:slf4j-api',
        '2.0.9',
        'pkg:maven/org.slf4j/slf4j-api@2.0.9',
        'prod',
        'registry',
        true,
      ],
      ['PyPI', 'requests', '2.31.0', 'pkg:pypi/requests@2.31.0', 'dev', 'registry', false],
      [
        'Go',
        'github.com/BurntSushi/toml',
        '1.3.2',
        'pkg:golang/github.com/BurntSushi/toml@v1.3.2',
        'optional',
        'registry',
        true,
      ],
      ['npm', 'local', '1.0.0', 'pkg:npm/local@1.0.0', 'peer', 'local', false],
    ],
  );
  assert.deepEqual(packages[1]?.paths, [['app', 'org.slf4j:slf4j-api', 'requests']]);
  assert.deepEqual(
    packages[1].dependsOn,
    ['pkg:maven/org.slf4j/slf4j-api@2.0.9'],
    'cycles are kept as edges',
  );
  assert.deepEqual(
    packages[0]?.dependsOn,
    ['pkg:pypi/requests@2.31.0'],
    'refs outside the BOM are dropped',
  );
  assert.equal(packages[3]?.dependsOn, undefined, 'no entry in the graph: unknown');
  assert.deepEqual(warnings, [
    'components[0].components[1] ("no-purl") has no purl; skipped',
    'components[0].components[2] ("curl"): purl type "deb" is not an ecosystem Vigil inventories; skipped',
    'components[0].components[3] ("broken"): invalid purl at column 12: "%" not followed by two hex digits; skipped',
    'components[0].components[4] is not an object; skipped',
  ]);
});

test('without a root entry, components nothing depends on are direct; without a graph none is', () => {
  const components = [
    { type: 'library', name: 'a', purl: 'pkg:npm/a@1', 'bom-ref': 'a' },
    { type: 'library', name: 'b', purl: 'pkg:npm/b@1', 'bom-ref': 'b' },
  ];
  const graphNoRoot = read(
    bom({ components, dependencies: [{ ref: 'a', dependsOn: ['b'] }] }),
  ).packages;
  assert.deepEqual(
    graphNoRoot.map((p) => [p.name, p.direct, p.paths]),
    [
      ['a', true, [['(root)', 'a']]],
      ['b', false, [['(root)', 'a', 'b']]],
    ],
  );
  const noGraph = read(bom({ components })).packages;
  assert.deepEqual(
    noGraph.map((p) => [p.name, p.direct, p.paths, p.dependsOn]),
    [
      ['a', false, [], undefined],
      ['b', false, [], undefined],
    ],
  );
});

test('refused documents say why and where', () => {
  const xml = failure(
    readCycloneDx(
      '\uFEFF  <?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>',
      'bom.xml',
    ),
  );
  assert.match(xml.message, /XML.*only CycloneDX JSON/);
  const truncated = failure(
    readCycloneDx(
      '{\n  "bomFormat": "CycloneDX",\n  "components": [\n    {"name": "a"',
      'bom.json',
    ),
  );
  assert.equal(truncated.line, 4);
  assert.match(
    failure(readCycloneDx('{"spdxVersion": "SPDX-2.3"}', 'sbom.json')).message,
    /not a CycloneDX BOM/,
  );
  assert.match(failure(readCycloneDx('[]', 'bom.json')).message, /not a CycloneDX BOM/);
  assert.match(failure(readCycloneDx('', 'bom.json')).message, /end of JSON/);
  for (const version of ['2.0', '1.1', 1.6, null]) {
    const error = failure(
      readCycloneDx(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: version }), 'bom.json'),
    );
    assert.match(error.message, /unsupported CycloneDX specVersion/);
  }
  const future = read(
    JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.9', components: [] }),
  );
  assert.deepEqual(future.warnings, ['specVersion 1.9 is newer than 1.7; read as 1.7']);
  const wrongShapes = read(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: {},
      dependencies: 'x',
    }),
  );
  assert.deepEqual(wrongShapes.warnings, [
    '"components" is not an array; no components read',
    '"dependencies" is not an array; the dependency graph is ignored',
  ]);
});

test('every truncation of a real SBOM fails cleanly with a line', () => {
  const text = fixtureText('npm-app/bom.1.6.cdx.json');
  for (let end = 0; end < text.length - 2; end += 97) {
    const result = readCycloneDx(text.slice(0, end), 'bom.json');
    if (!result.ok)
      assert.ok(result.error.line !== undefined && result.error.line >= 1, `cut at ${String(end)}`);
  }
});

test('hostile SBOMs: huge, deep, cyclic, prototype keys, floods of bad components', () => {
  const started = performance.now();
  const count = 30_000;
  const components = Array.from({ length: count }, (_, i) => ({
    type: 'library',
    name: `p${String(i)}`,
    purl: `pkg:npm/p${String(i)}@1.0.0`,
    'bom-ref': i === 0 ? '__proto__' : `r${String(i)}`,
  }));
  const refOf = (i: number) => (i === 0 ? '__proto__' : `r${String(i)}`);
  const dependencies = [
    { ref: 'root', dependsOn: ['__proto__'] },
    // A binary tree whose leaves point back at the top: cycles everywhere, depth about 15.
    ...components.map((_, i) => ({
      ref: refOf(i),
      dependsOn: [refOf((2 * i + 1) % count), refOf((2 * i + 2) % count), refOf(i)],
    })),
  ];
  const root = { type: 'application', name: 'root', 'bom-ref': 'root' };
  const huge = read(bom({ metadata: { component: root }, components, dependencies }));
  assert.equal(huge.packages.length, count);
  assert.ok(huge.packages.every((p) => p.paths.length > 0 && p.paths.length <= 3));
  assert.deepEqual(huge.packages[count - 1]?.paths[0]?.length, 16);
  assert.deepEqual(
    huge.packages[0]?.dependsOn,
    ['pkg:npm/p1@1.0.0', 'pkg:npm/p2@1.0.0'],
    'self-edges dropped',
  );
  assert.equal(({} as Record<string, unknown>).purl, undefined);

  const chainLength = 20_000;
  const chain = read(
    bom({
      metadata: { component: root },
      components: components.slice(0, chainLength),
      dependencies: [
        { ref: 'root', dependsOn: ['__proto__'] },
        ...components
          .slice(0, chainLength)
          .map((_, i) => ({ ref: refOf(i), dependsOn: [refOf((i + 1) % chainLength)] })),
      ],
    }),
  );
  assert.equal(chain.packages[MAX_PATH_LENGTH - 2]?.paths[0]?.length, MAX_PATH_LENGTH);
  assert.deepEqual(chain.packages.at(-1)?.paths, [], 'too deep for a path, cheaply');
  assert.equal(chain.packages.at(-1)?.dependsOn?.length, 1, 'the graph itself is whole');

  let deep: Record<string, unknown> = { type: 'library', name: 'leaf', purl: 'pkg:npm/leaf@1' };
  for (let depth = 0; depth < 200; depth++)
    deep = { type: 'library', name: `n${String(depth)}`, components: [deep] };
  const nested = read(bom({ components: [deep] }));
  assert.deepEqual(
    nested.packages.map((p) => p.name),
    ['leaf'],
  );
  assert.equal(nested.warnings.length, 100 + 1, 'warnings are capped');
  assert.match(nested.warnings.at(-1) ?? '', /and 100 more warnings/);

  let tooDeep = '{"type":"library","name":"x"}';
  for (let depth = 0; depth < 600; depth++) tooDeep = `{"components":[${tooDeep}]}`;
  assert.match(
    failure(
      readCycloneDx(
        `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${tooDeep}]}`,
        'bom.json',
      ),
    ).message,
    /deep/,
  );

  const flood = read(
    bom({
      components: Array.from({ length: 50_000 }, () => ({
        type: 'library',
        name: 'x'.repeat(1000),
      })),
    }),
  );
  assert.equal(flood.warnings.length, 101);
  assert.ok(flood.warnings[0] && flood.warnings[0].length < 200, 'names are truncated in warnings');
  assert.ok(performance.now() - started < 10_000, `${String(performance.now() - started)} ms`);
});

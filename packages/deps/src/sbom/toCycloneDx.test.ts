import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { InventoryPackage } from '../inventory/inventoryPackage.js';
import {
  fixtureText,
  npmAppInventory,
  sharedData,
  sharedInventories,
  sharedSkip,
} from './fixtureInventories.js';
import { toCycloneDx, type CycloneDxBom, type CycloneDxComponent } from './toCycloneDx.js';

const SCHEMAS = sharedData('schemas/cyclonedx');
const schemaSkip = existsSync(SCHEMAS) ? false : `CycloneDX schemas absent: ${SCHEMAS}`;
const TOOL = { name: 'vigil', version: '0.1.0' };
const FIXED = {
  tool: TOOL,
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  timestamp: new Date('2024-05-01T12:34:56.789Z'),
};

function officialValidator() {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // The schema uses two formats ajv-formats lacks; Vigil writes no field of either.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  const load = (name: string) => JSON.parse(readFileSync(`${SCHEMAS}/${name}`, 'utf8')) as object;
  ajv.addSchema(load('spdx.schema.json'));
  ajv.addSchema(load('jsf-0.82.schema.json'));
  return ajv.compile(load('bom-1.6.schema.json'));
}

function pkg(
  overrides: Partial<InventoryPackage> & Pick<InventoryPackage, 'name'>,
): InventoryPackage {
  const version = overrides.version ?? '1.0.0';
  return {
    ecosystem: 'npm',
    version,
    purl: `pkg:npm/${overrides.name.replace('@', '%40')}@${version}`,
    direct: false,
    scope: 'prod',
    source: 'registry',
    location: { path: 'package-lock.json', line: 1 },
    paths: [],
    ...overrides,
  };
}

function componentOf(bom: CycloneDxBom, purl: string): CycloneDxComponent {
  const found = bom.components.find((c) => c.purl === purl);
  assert.ok(found, `component ${purl}`);
  return found;
}

function graphOf(bom: CycloneDxBom): Record<string, string[] | undefined> {
  return Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
}

/** Checks the BOM's internal consistency, which the JSON Schema cannot express. */
function assertConsistent(bom: CycloneDxBom): void {
  const refs = bom.components.map((c) => c['bom-ref']);
  assert.equal(new Set(refs).size, refs.length, 'bom-refs are unique');
  const known = new Set([...refs, bom.metadata.component['bom-ref']]);
  assert.deepEqual(
    bom.dependencies.map((d) => d.ref),
    [bom.metadata.component['bom-ref'], ...refs],
    'one dependency entry for the root, then one per component in order',
  );
  for (const dependency of bom.dependencies) {
    for (const ref of dependency.dependsOn ?? []) assert.ok(known.has(ref), `${ref} is in the BOM`);
  }
}

test(
  'BOMs of real lockfiles validate against the official CycloneDX 1.6 schema',
  { skip: sharedSkip || schemaSkip },
  () => {
    const validate = officialValidator();
    const inventories = sharedInventories();
    const everything = inventories.flatMap((inventory) => inventory.packages);
    const inputs = [
      ...inventories.map(({ path, packages }) => ({ root: { name: path }, packages })),
      { root: { name: 'monorepo', version: '2.0.0' }, packages: everything },
      { root: { name: 'empty' }, packages: [] },
      {
        root: {
          name: 'sbom-fixture-app',
          version: '1.0.0',
          purl: 'pkg:npm/sbom-fixture-app@1.0.0',
        },
        packages: npmAppInventory(),
      },
    ];
    for (const input of inputs) {
      for (const options of [FIXED, { tool: TOOL }, { tool: TOOL, reproducible: true }]) {
        const bom = toCycloneDx(input, options);
        const json: unknown = JSON.parse(JSON.stringify(bom));
        assert.ok(
          validate(json),
          `${input.root.name}: ${JSON.stringify(validate.errors?.slice(0, 3), null, 2)}`,
        );
        assertConsistent(bom);
      }
    }
    const combined = toCycloneDx({ root: { name: 'monorepo' }, packages: everything }, FIXED);
    assert.equal(combined.components.length, new Set(everything.map((p) => p.purl)).size);
    for (const ecosystem of [
      'npm',
      'PyPI',
      'Go',
      'Maven',
      'Packagist',
      'crates.io',
      'RubyGems',
      'NuGet',
      'Pub',
      'Hex',
    ]) {
      assert.ok(
        everything.some((p) => p.ecosystem === ecosystem),
        `the fixtures cover ${ecosystem}`,
      );
    }
  },
);

test('the graph derived from package-lock paths is the one cyclonedx-npm reads from node_modules', () => {
  const ours = toCycloneDx(
    { root: { name: 'sbom-fixture-app', version: '1.0.0' }, packages: npmAppInventory() },
    FIXED,
  );
  const theirs = JSON.parse(fixtureText('npm-app/bom.1.6.cdx.json')) as {
    metadata: { component: { 'bom-ref': string } };
    components: (CycloneDxComponent & { components?: CycloneDxComponent[] })[];
    dependencies: { ref: string; dependsOn?: string[] }[];
  };
  const purlOf = new Map<string, string>();
  const walk = (list: (CycloneDxComponent & { components?: CycloneDxComponent[] })[]) => {
    for (const c of list) {
      purlOf.set(c['bom-ref'], c.purl ?? '');
      walk(c.components ?? []);
    }
  };
  walk(theirs.components);
  purlOf.set(theirs.metadata.component['bom-ref'], 'root');
  const theirGraph: Record<string, string[]> = {};
  for (const d of theirs.dependencies) {
    theirGraph[purlOf.get(d.ref) ?? d.ref] = (d.dependsOn ?? [])
      .map((ref) => purlOf.get(ref) ?? ref)
      .sort();
  }
  const ourGraph = Object.fromEntries(
    ours.dependencies.map((d, index) => [index === 0 ? 'root' : d.ref, d.dependsOn]),
  );
  assert.deepEqual(ourGraph, theirGraph);
  assert.equal(theirGraph['pkg:npm/ajv-formats@2.1.1']?.[0], 'pkg:npm/ajv@8.20.0', 'nested copy');
  assert.deepEqual(
    ours.components.filter((c) => c.scope === 'optional').map((c) => c.purl),
    [
      'pkg:npm/ajv-formats@2.1.1',
      'pkg:npm/ajv@8.20.0',
      'pkg:npm/fast-uri@3.1.9',
      'pkg:npm/json-schema-traverse@1.0.0',
      'pkg:npm/require-from-string@2.0.2',
    ],
    'the packages cyclonedx-npm flags as development ones',
  );
});

test('document shape: metadata, root, tools, deterministic options', () => {
  const input = {
    root: { name: 'app', version: '1.2.3' },
    packages: [pkg({ name: 'a', direct: true, paths: [['app', 'a']] })],
  };
  const bom = toCycloneDx(input, FIXED);
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.6');
  assert.equal(bom.version, 1);
  assert.equal(bom.serialNumber, FIXED.serialNumber);
  assert.equal(bom.metadata.timestamp, '2024-05-01T12:34:56Z');
  assert.deepEqual(bom.metadata.tools, {
    components: [{ type: 'application', name: 'vigil', version: '0.1.0' }],
  });
  assert.deepEqual(bom.metadata.component, {
    type: 'application',
    'bom-ref': 'root:app@1.2.3',
    name: 'app',
    version: '1.2.3',
  });
  assert.deepEqual(toCycloneDx(input, FIXED), bom, 'same options, same document');

  const random = toCycloneDx(input, { tool: TOOL });
  assert.match(random.serialNumber ?? '', /^urn:uuid:[0-9a-f-]{36}$/);
  assert.notEqual(random.serialNumber, toCycloneDx(input, { tool: TOOL }).serialNumber);

  const reproducible = toCycloneDx(input, { tool: TOOL, reproducible: true });
  assert.equal(reproducible.serialNumber, undefined);
  assert.equal(reproducible.metadata.timestamp, undefined);
  assert.deepEqual(reproducible.metadata.properties, [{ name: 'cdx:reproducible', value: 'true' }]);
  assert.equal(
    JSON.stringify(reproducible),
    JSON.stringify(toCycloneDx(input, { tool: TOOL, reproducible: true })),
  );

  assert.throws(
    () => toCycloneDx(input, { tool: TOOL, serialNumber: 'urn:uuid:NOT-A-UUID' }),
    RangeError,
  );
  const withPurl = toCycloneDx(
    { root: { name: 'app', purl: 'pkg:npm/app@1.0.0' }, packages: [] },
    FIXED,
  );
  assert.equal(withPurl.metadata.component['bom-ref'], 'pkg:npm/app@1.0.0');
});

test('names split into group and name per ecosystem', () => {
  const packages: InventoryPackage[] = [
    pkg({ name: '@babel/core' }),
    pkg({
      name: 'org.slf4j:slf4j-api',
      ecosystem: 'Maven',
      purl: 'pkg:maven/org.slf4j/slf4j-api@2.0.0',
    }),
    pkg({
      name: 'laravel/framework',
      ecosystem: 'Packagist',
      purl: 'pkg:composer/laravel/framework@8.0.0',
    }),
    pkg({
      name: 'github.com/BurntSushi/toml',
      ecosystem: 'Go',
      purl: 'pkg:golang/github.com/BurntSushi/toml@v1.0.0',
    }),
    pkg({ name: 'left-pad' }),
  ];
  const bom = toCycloneDx({ root: { name: 'app' }, packages }, FIXED);
  const split = (purl: string) => {
    const c = componentOf(bom, purl);
    return [c.group, c.name];
  };
  assert.deepEqual(split('pkg:npm/%40babel/core@1.0.0'), ['@babel', 'core']);
  assert.deepEqual(split('pkg:maven/org.slf4j/slf4j-api@2.0.0'), ['org.slf4j', 'slf4j-api']);
  assert.deepEqual(split('pkg:composer/laravel/framework@8.0.0'), ['laravel', 'framework']);
  assert.deepEqual(split('pkg:golang/github.com/BurntSushi/toml@v1.0.0'), [
    undefined,
    'github.com/BurntSushi/toml',
  ]);
  assert.deepEqual(split('pkg:npm/left-pad@1.0.0'), [undefined, 'left-pad']);
});

test('one component per purl across lockfiles; the most needed scope wins; evidence lists each', () => {
  const packages = [
    pkg({ name: 'a', scope: 'dev', location: { path: 'web/package-lock.json', line: 7 } }),
    pkg({ name: 'a', scope: 'prod', location: { path: 'api/package-lock.json', line: 3 } }),
    pkg({ name: 'b', scope: 'dev', source: 'git' }),
    pkg({ name: 'c', scope: 'optional', location: { path: 'package-lock.json' } }),
  ];
  const bom = toCycloneDx({ root: { name: 'app' }, packages }, FIXED);
  assert.equal(bom.components.length, 3);
  const a = componentOf(bom, 'pkg:npm/a@1.0.0');
  assert.equal(a.scope, 'required');
  assert.deepEqual(a.properties, [
    { name: 'vigil:lockfile', value: 'api/package-lock.json' },
    { name: 'vigil:lockfile', value: 'web/package-lock.json' },
    { name: 'vigil:scope', value: 'prod' },
  ]);
  assert.deepEqual(a.evidence, {
    occurrences: [
      { location: 'web/package-lock.json', line: 7 },
      { location: 'api/package-lock.json', line: 3 },
    ],
  });
  const b = componentOf(bom, 'pkg:npm/b@1.0.0');
  assert.equal(b.scope, 'optional');
  assert.deepEqual(b.properties, [
    { name: 'cdx:npm:package:development', value: 'true' },
    { name: 'vigil:lockfile', value: 'package-lock.json' },
    { name: 'vigil:scope', value: 'dev' },
    { name: 'vigil:source', value: 'git' },
  ]);
  const c = componentOf(bom, 'pkg:npm/c@1.0.0');
  assert.equal(c.scope, 'optional');
  assert.deepEqual(c.evidence, { occurrences: [{ location: 'package-lock.json' }] });
});

test('edges: dependsOn when the lockfile has it, else consecutive names of paths, else unknown', () => {
  const withGraph = [
    pkg({
      name: 'a',
      direct: true,
      dependsOn: ['pkg:npm/b@1.0.0', 'pkg:npm/elsewhere@9'],
      location: { path: 'one.lock' },
    }),
    pkg({ name: 'b', dependsOn: [], location: { path: 'one.lock' } }),
  ];
  const nested = [
    pkg({ name: 'x', direct: true, paths: [['r', 'x']], location: { path: 'two.lock' } }),
    pkg({
      name: 'y',
      version: '2.0.0',
      paths: [['r', 'y']],
      direct: true,
      location: { path: 'two.lock' },
    }),
    pkg({ name: 'y', version: '1.0.0', paths: [['r', 'x', 'y']], location: { path: 'two.lock' } }),
    pkg({ name: 'z', paths: [['r', 'x', 'y', 'z']], location: { path: 'two.lock' } }),
  ];
  const flat = [
    pkg({
      name: 'g',
      ecosystem: 'Maven',
      purl: 'pkg:maven/g/g@1',
      location: { path: 'gradle.lockfile' },
    }),
  ];
  const bom = toCycloneDx(
    { root: { name: 'app' }, packages: [...withGraph, ...nested, ...flat] },
    FIXED,
  );
  assert.deepEqual(graphOf(bom), {
    'root:app': ['pkg:npm/a@1.0.0', 'pkg:npm/x@1.0.0', 'pkg:npm/y@2.0.0'],
    'pkg:maven/g/g@1': undefined,
    'pkg:npm/a@1.0.0': ['pkg:npm/b@1.0.0'],
    'pkg:npm/b@1.0.0': [],
    'pkg:npm/x@1.0.0': ['pkg:npm/y@1.0.0'],
    'pkg:npm/y@1.0.0': ['pkg:npm/z@1.0.0'],
    'pkg:npm/y@2.0.0': [],
    'pkg:npm/z@1.0.0': [],
  });
  assert.deepEqual(bom.compositions, [
    {
      aggregate: 'incomplete',
      dependencies: ['pkg:npm/x@1.0.0', 'pkg:npm/y@1.0.0', 'pkg:npm/y@2.0.0', 'pkg:npm/z@1.0.0'],
    },
    { aggregate: 'unknown', dependencies: ['pkg:maven/g/g@1'] },
  ]);
  const exact = toCycloneDx({ root: { name: 'app' }, packages: withGraph }, FIXED);
  assert.equal(
    exact.compositions,
    undefined,
    'nothing to qualify when every lockfile has dependsOn',
  );
});

test(
  'a package-lock with nested copies links each copy to its own parent',
  { skip: sharedSkip },
  () => {
    const inventory = sharedInventories().find((i) =>
      i.path.endsWith('nested-dependencies-dup.v2.json'),
    );
    assert.ok(inventory);
    const bom = toCycloneDx({ root: { name: 'dup' }, packages: inventory.packages }, FIXED);
    const graph = graphOf(bom);
    const lines = inventory.packages.map(
      (p) => `${p.name}@${p.version} ${JSON.stringify(p.paths)}`,
    );
    for (const p of inventory.packages) {
      for (const path of p.paths) {
        if (path.length < 3) continue;
        const parents = Object.entries(graph).filter(([, children]) => children?.includes(p.purl));
        assert.ok(parents.length > 0, `${p.purl} has a parent\n${lines.join('\n')}`);
      }
    }
  },
);

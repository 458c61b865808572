import { randomUUID } from 'node:crypto';
import type { DependencyScope, InventoryPackage } from '../inventory/inventoryPackage.js';
import { cycloneDxName } from './cycloneDxName.js';
import { isoSeconds } from './isoSeconds.js';
import { buildSbomGraph, compareStrings, type SbomComponent, type SbomGraph } from './sbomGraph.js';
import type { SbomInput, SbomTool } from './sbomInput.js';

export interface CycloneDxOptions {
  tool: SbomTool;
  /** `urn:uuid:<lowercase uuid>`; a random one by default. */
  serialNumber?: string;
  /** When the BOM was made; now by default. */
  timestamp?: Date;
  /**
   * Leave out the serial number and timestamp and say so (`cdx:reproducible`), so the same
   * inventory always gives the same document, as the CycloneDX property taxonomy describes.
   */
  reproducible?: boolean;
}

export interface CycloneDxProperty {
  name: string;
  value: string;
}

export interface CycloneDxComponent {
  type: 'application' | 'library';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  scope?: 'required' | 'optional';
  purl?: string;
  properties?: CycloneDxProperty[];
  evidence?: { occurrences: { location: string; line?: number }[] };
}

export interface CycloneDxDependency {
  ref: string;
  dependsOn?: string[];
}

export interface CycloneDxComposition {
  aggregate: 'incomplete' | 'unknown';
  dependencies: string[];
}

/** The CycloneDX 1.6 JSON document {@link toCycloneDx} writes (the fields it uses). */
export interface CycloneDxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber?: string;
  version: 1;
  metadata: {
    timestamp?: string;
    lifecycles: { phase: 'pre-build' }[];
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component: CycloneDxComponent;
    properties?: CycloneDxProperty[];
  };
  components: CycloneDxComponent[];
  dependencies: CycloneDxDependency[];
  compositions?: CycloneDxComposition[];
}

const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A CycloneDX 1.6 SBOM of a project's inventory. Components are keyed by purl (one component per
 * purl, however many lockfiles list it) and sorted, so output is stable; each carries its
 * lockfile locations as evidence occurrences and `vigil:lockfile` properties. Development
 * dependencies are `optional` in scope, with `vigil:scope` (and, for npm, the taxonomy's
 * `cdx:npm:package:development`). The dependency graph has an entry for the root and every
 * component; `compositions` say which components' dependencies are unknown (their lockfile
 * records no graph) or possibly incomplete (derived from `paths`). Pure apart from the default
 * serial number and timestamp.
 *
 * @example
 * const bom = toCycloneDx({ root: { name: 'app' }, packages }, { tool: { name: 'vigil', version: '0.1.0' } });
 * writeFileSync('bom.cdx.json', JSON.stringify(bom, null, 2));
 */
export function toCycloneDx(input: SbomInput, options: CycloneDxOptions): CycloneDxBom {
  if (options.serialNumber !== undefined && !SERIAL_NUMBER.test(options.serialNumber)) {
    throw new RangeError(`serialNumber must match urn:uuid:<lowercase uuid>`);
  }
  const graph = buildSbomGraph(input.packages);
  const purls = new Set(graph.components.map((c) => c.purl));
  const rootRef = rootBomRef(input.root, purls);
  const root: CycloneDxComponent = {
    type: 'application',
    'bom-ref': rootRef,
    name: input.root.name,
    ...(input.root.version === undefined ? {} : { version: input.root.version }),
    ...(input.root.purl === undefined ? {} : { purl: input.root.purl }),
  };
  const reproducible = options.reproducible === true;
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    ...(reproducible ? {} : { serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}` }),
    version: 1,
    metadata: {
      ...(reproducible ? {} : { timestamp: isoSeconds(options.timestamp ?? new Date()) }),
      lifecycles: [{ phase: 'pre-build' }],
      tools: {
        components: [
          { type: 'application', name: options.tool.name, version: options.tool.version },
        ],
      },
      component: root,
      ...(reproducible ? { properties: [{ name: 'cdx:reproducible', value: 'true' }] } : {}),
    },
    components: graph.components.map(component),
    dependencies: [
      { ref: rootRef, dependsOn: [...graph.rootDependsOn].sort(compareStrings) },
      ...graph.components.map((c): CycloneDxDependency => {
        const children = graph.dependsOn.get(c.purl);
        return children === undefined
          ? { ref: c.purl }
          : { ref: c.purl, dependsOn: [...children].sort(compareStrings) };
      }),
    ],
    ...compositions(graph),
  };
}

/**
 * An entry without `dependsOn` says "no dependencies" in CycloneDX, so components whose lockfile
 * records no graph are listed under an `unknown` composition, as the spec recommends; those whose
 * edges come from the (bounded) `paths` are `incomplete`.
 */
function compositions(graph: SbomGraph): { compositions?: CycloneDxComposition[] } {
  const unknown = graph.components.filter((c) => !graph.dependsOn.has(c.purl)).map((c) => c.purl);
  const derived = graph.components.filter((c) => graph.derived.has(c.purl)).map((c) => c.purl);
  const list: CycloneDxComposition[] = [];
  if (derived.length > 0) list.push({ aggregate: 'incomplete', dependencies: derived });
  if (unknown.length > 0) list.push({ aggregate: 'unknown', dependencies: unknown });
  return list.length === 0 ? {} : { compositions: list };
}

function component(entry: SbomComponent): CycloneDxComponent {
  const pkg = entry.first;
  const occurrences = uniqueLocations(entry.occurrences);
  return {
    type: 'library',
    'bom-ref': entry.purl,
    ...cycloneDxName(pkg),
    ...(pkg.version === '' ? {} : { version: pkg.version }),
    scope: cycloneDxScope(entry.scope),
    purl: entry.purl,
    properties: properties(entry, occurrences),
    evidence: { occurrences },
  };
}

function cycloneDxScope(scope: DependencyScope): 'required' | 'optional' {
  switch (scope) {
    case 'prod':
    case 'peer':
      return 'required';
    case 'dev':
    case 'optional':
      return 'optional';
  }
}

function properties(
  entry: SbomComponent,
  occurrences: readonly { location: string }[],
): CycloneDxProperty[] {
  const list: CycloneDxProperty[] = [{ name: 'vigil:scope', value: entry.scope }];
  if (entry.first.ecosystem === 'npm' && entry.scope === 'dev') {
    list.push({ name: 'cdx:npm:package:development', value: 'true' });
  }
  if (entry.first.source !== 'registry') {
    list.push({ name: 'vigil:source', value: entry.first.source });
  }
  for (const path of new Set(occurrences.map((o) => o.location))) {
    list.push({ name: 'vigil:lockfile', value: path });
  }
  return list.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.value, b.value));
}

function uniqueLocations(
  occurrences: readonly InventoryPackage[],
): { location: string; line?: number }[] {
  const seen = new Set<string>();
  const locations: { location: string; line?: number }[] = [];
  for (const { location } of occurrences) {
    const key = `${location.path}\0${String(location.line)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push(
      location.line === undefined
        ? { location: location.path }
        : { location: location.path, line: location.line },
    );
  }
  return locations;
}

/** The root's purl when it has one no component uses; otherwise a ref no purl can equal. */
function rootBomRef(root: SbomInput['root'], purls: ReadonlySet<string>): string {
  if (root.purl !== undefined && !purls.has(root.purl)) return root.purl;
  return root.version === undefined ? `root:${root.name}` : `root:${root.name}@${root.version}`;
}

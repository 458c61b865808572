import { randomUUID } from 'node:crypto';
import type { DependencyScope } from '../inventory/inventoryPackage.js';
import { isoSeconds } from './isoSeconds.js';
import { buildSbomGraph, compareStrings, type SbomComponent } from './sbomGraph.js';
import type { SbomInput, SbomTool } from './sbomInput.js';

export interface SpdxOptions {
  tool: SbomTool;
  /** When the document was made; now by default. */
  created?: Date;
  /**
   * The document's unique URI (no `#`). By default `https://spdx.org/spdxdocs/<name>-<uuid>`
   * with a random UUID, the form the SPDX specification's examples use.
   */
  documentNamespace?: string;
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: 'NOASSERTION';
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
  sourceInfo?: string;
  externalRefs?: {
    referenceCategory: 'PACKAGE-MANAGER';
    referenceType: 'purl';
    referenceLocator: string;
  }[];
}

export type SpdxRelationshipType =
  'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF' | 'OPTIONAL_DEPENDENCY_OF';

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: SpdxRelationshipType;
  relatedSpdxElement: string;
}

/** The SPDX 2.3 JSON document {@link toSpdx} writes (the fields it uses). */
export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}

const ROOT_ID = 'SPDXRef-RootPackage';

/**
 * An SPDX 2.3 document of a project's inventory: one package per purl (sorted, with the purl as
 * its PACKAGE-MANAGER reference), the root project described by the document, and the
 * dependency graph as relationships. The root `DEPENDS_ON` its production (and peer) dependencies;
 * development and optional ones are `DEV_DEPENDENCY_OF` / `OPTIONAL_DEPENDENCY_OF` the root, as
 * SPDX words them (the dependency is the subject). Package-to-package edges are `DEPENDS_ON`.
 * Licences are `NOASSERTION`: lockfiles do not carry them. Pure apart from the defaults.
 *
 * @example
 * const doc = toSpdx({ root: { name: 'app' }, packages }, { tool: { name: 'vigil', version: '0.1.0' } });
 */
export function toSpdx(input: SbomInput, options: SpdxOptions): SpdxDocument {
  const graph = buildSbomGraph(input.packages);
  const identified = withSpdxIds(graph.components);
  const ids = new Map(identified.map(({ component, id }) => [component.purl, id]));
  const scopes = new Map(graph.components.map((c) => [c.purl, c.scope]));
  const root: SpdxPackage = {
    SPDXID: ROOT_ID,
    name: input.root.name,
    ...(input.root.version === undefined ? {} : { versionInfo: input.root.version }),
    ...NO_ASSERTIONS,
    primaryPackagePurpose: 'APPLICATION',
    ...(input.root.purl === undefined ? {} : { externalRefs: [purlRef(input.root.purl)] }),
  };
  const relationships: SpdxRelationship[] = [
    {
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: ROOT_ID,
    },
  ];
  for (const purl of [...graph.rootDependsOn].sort(compareStrings)) {
    const id = ids.get(purl);
    if (id !== undefined) relationships.push(rootRelationship(id, scopes.get(purl) ?? 'prod'));
  }
  for (const component of graph.components) {
    const from = ids.get(component.purl);
    const children = graph.dependsOn.get(component.purl);
    if (from === undefined || children === undefined) continue;
    for (const child of [...children].sort(compareStrings)) {
      const to = ids.get(child);
      if (to !== undefined) {
        relationships.push({
          spdxElementId: from,
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: to,
        });
      }
    }
  }
  const documentName =
    input.root.version === undefined ? input.root.name : `${input.root.name}-${input.root.version}`;
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: documentName,
    documentNamespace:
      options.documentNamespace ??
      `https://spdx.org/spdxdocs/${encodeURIComponent(documentName)}-${randomUUID()}`,
    creationInfo: {
      created: isoSeconds(options.created ?? new Date()),
      creators: [`Tool: ${options.tool.name}-${options.tool.version}`],
    },
    packages: [root, ...identified.map(({ component, id }) => spdxPackage(component, id))],
    relationships,
  };
}

const NO_ASSERTIONS = {
  downloadLocation: 'NOASSERTION',
  filesAnalyzed: false,
  licenseConcluded: 'NOASSERTION',
  licenseDeclared: 'NOASSERTION',
  copyrightText: 'NOASSERTION',
} as const;

function spdxPackage(component: SbomComponent, id: string): SpdxPackage {
  const pkg = component.first;
  const lockfiles = [...new Set(component.occurrences.map((o) => o.location.path))];
  return {
    SPDXID: id,
    name: pkg.name,
    ...(pkg.version === '' ? {} : { versionInfo: pkg.version }),
    ...NO_ASSERTIONS,
    primaryPackagePurpose: 'LIBRARY',
    sourceInfo: `${component.scope} dependency locked in ${lockfiles.join(', ')}`,
    externalRefs: [purlRef(component.purl)],
  };
}

function purlRef(purl: string): NonNullable<SpdxPackage['externalRefs']>[number] {
  return { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl };
}

function rootRelationship(id: string, scope: DependencyScope): SpdxRelationship {
  switch (scope) {
    case 'prod':
    case 'peer':
      return { spdxElementId: ROOT_ID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id };
    case 'dev':
      return {
        spdxElementId: id,
        relationshipType: 'DEV_DEPENDENCY_OF',
        relatedSpdxElement: ROOT_ID,
      };
    case 'optional':
      return {
        spdxElementId: id,
        relationshipType: 'OPTIONAL_DEPENDENCY_OF',
        relatedSpdxElement: ROOT_ID,
      };
  }
}

/**
 * Readable, unique SPDX identifiers: `SPDXRef-Package-<ecosystem>-<name>-<version>` with every
 * run of characters outside the idstring alphabet (`[A-Za-z0-9.-]`) turned into `-`; two purls
 * that still collide get `-2`, `-3`… in purl order, so identifiers are stable.
 */
function withSpdxIds(
  components: readonly SbomComponent[],
): { component: SbomComponent; id: string }[] {
  const used = new Set<string>([ROOT_ID]);
  return components.map((component) => {
    const { ecosystem, name, version } = component.first;
    const base = `SPDXRef-Package-${[ecosystem, name, version]
      .filter((part) => part !== '')
      .map(idString)
      .join('-')}`;
    let id = base;
    for (let suffix = 2; used.has(id); suffix++) id = `${base}-${String(suffix)}`;
    used.add(id);
    return { component, id };
  });
}

function idString(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-');
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InventoryPackage } from '../inventory/inventoryPackage.js';
import { parsePurl } from '../inventory/parsePurl.js';
import { npmAppInventory, sharedInventories, sharedSkip } from './fixtureInventories.js';
import { toSpdx, type SpdxDocument } from './toSpdx.js';

const TOOL = { name: 'vigil', version: '0.1.0' };
const FIXED = {
  tool: TOOL,
  created: new Date('2024-05-01T12:34:56.789Z'),
  documentNamespace: 'https://example.com/spdxdocs/app-3e671687-395b-41f5-a30f-a58921a69b79',
};

/*
 * A hand-written SPDX 2.3 validator. The official JSON schema (spdx/spdx-spec,
 * schemas/spdx-schema-2-3.json) is not in the shared data and no npm package ships it: the
 * registry's `spdx-*` packages are licence-expression tools, and the CycloneDX libraries carry
 * only the licence-id list named spdx.schema.json. So the checks below restate that schema's
 * required fields, allowed keys and enums for what Vigil writes, plus rules of the specification
 * the schema leaves to prose: idstring syntax, unique ids, relationships that point at elements
 * of the document, the `created` timestamp form, creator prefixes, a namespace URI without `#`,
 * `filesAnalyzed: false` packages without files, parseable purls.
 */
const DOCUMENT_KEYS = new Set([
  'SPDXID',
  'annotations',
  'comment',
  'creationInfo',
  'dataLicense',
  'externalDocumentRefs',
  'hasExtractedLicensingInfos',
  'name',
  'revieweds',
  'spdxVersion',
  'documentNamespace',
  'documentDescribes',
  'packages',
  'files',
  'snippets',
  'relationships',
]);
const DOCUMENT_REQUIRED = [
  'SPDXID',
  'creationInfo',
  'dataLicense',
  'name',
  'spdxVersion',
  'documentNamespace',
];
const CREATION_KEYS = new Set(['comment', 'created', 'creators', 'licenseListVersion']);
const PACKAGE_KEYS = new Set([
  'SPDXID',
  'annotations',
  'attributionTexts',
  'builtDate',
  'checksums',
  'comment',
  'copyrightText',
  'description',
  'downloadLocation',
  'externalRefs',
  'filesAnalyzed',
  'hasFiles',
  'homepage',
  'licenseComments',
  'licenseConcluded',
  'licenseDeclared',
  'licenseInfoFromFiles',
  'name',
  'originator',
  'packageFileName',
  'packageVerificationCode',
  'primaryPackagePurpose',
  'releaseDate',
  'sourceInfo',
  'summary',
  'supplier',
  'validUntilDate',
  'versionInfo',
]);
const PACKAGE_PURPOSES = new Set([
  'OTHER',
  'INSTALL',
  'ARCHIVE',
  'FIRMWARE',
  'APPLICATION',
  'FRAMEWORK',
  'LIBRARY',
  'CONTAINER',
  'SOURCE',
  'DEVICE',
  'OPERATING_SYSTEM',
  'FILE',
]);
const EXTERNAL_REF_KEYS = new Set([
  'comment',
  'referenceCategory',
  'referenceLocator',
  'referenceType',
]);
const REFERENCE_CATEGORIES = new Set(['OTHER', 'PERSISTENT-ID', 'SECURITY', 'PACKAGE-MANAGER']);
const RELATIONSHIP_KEYS = new Set([
  'spdxElementId',
  'comment',
  'relatedSpdxElement',
  'relationshipType',
]);
const RELATIONSHIP_TYPES = new Set([
  'VARIANT_OF',
  'COPY_OF',
  'PATCH_FOR',
  'TEST_DEPENDENCY_OF',
  'CONTAINED_BY',
  'DATA_FILE_OF',
  'OPTIONAL_COMPONENT_OF',
  'ANCESTOR_OF',
  'GENERATES',
  'CONTAINS',
  'OPTIONAL_DEPENDENCY_OF',
  'FILE_ADDED',
  'REQUIREMENT_DESCRIPTION_FOR',
  'DEV_DEPENDENCY_OF',
  'DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'DESCRIBES',
  'PREREQUISITE_FOR',
  'HAS_PREREQUISITE',
  'PROVIDED_DEPENDENCY_OF',
  'DYNAMIC_LINK',
  'DESCRIBED_BY',
  'METAFILE_OF',
  'DEPENDENCY_MANIFEST_OF',
  'PATCH_APPLIED',
  'RUNTIME_DEPENDENCY_OF',
  'TEST_OF',
  'TEST_TOOL_OF',
  'DEPENDS_ON',
  'SPECIFICATION_FOR',
  'FILE_MODIFIED',
  'DISTRIBUTION_ARTIFACT',
  'AMENDS',
  'DOCUMENTATION_OF',
  'GENERATED_FROM',
  'STATIC_LINK',
  'OTHER',
  'BUILD_TOOL_OF',
  'TEST_CASE_OF',
  'PACKAGE_OF',
  'DESCENDANT_OF',
  'FILE_DELETED',
  'EXPANDED_FROM_ARCHIVE',
  'DEV_TOOL_OF',
  'EXAMPLE_OF',
]);
const ID_STRING = /^SPDXRef-[A-Za-z0-9.-]+$/;
const CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CREATOR = /^(?:Person|Organization|Tool): \S/;

type Json = Record<string, unknown>;

function spdxProblems(document: unknown): string[] {
  const problems: string[] = [];
  const object = (value: unknown, at: string): Json | undefined => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    problems.push(`${at} is not an object`);
    return undefined;
  };
  const keys = (value: Json, allowed: Set<string>, required: readonly string[], at: string) => {
    for (const key of Object.keys(value))
      if (!allowed.has(key)) problems.push(`${at}.${key} is not allowed`);
    for (const key of required) if (!(key in value)) problems.push(`${at}.${key} is required`);
  };
  const doc = object(document, 'document');
  if (doc === undefined) return problems;
  keys(doc, DOCUMENT_KEYS, DOCUMENT_REQUIRED, 'document');
  if (doc.spdxVersion !== 'SPDX-2.3') problems.push('spdxVersion is not SPDX-2.3');
  if (doc.dataLicense !== 'CC0-1.0') problems.push('dataLicense is not CC0-1.0');
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') problems.push('SPDXID is not SPDXRef-DOCUMENT');
  if (typeof doc.name !== 'string' || doc.name === '') problems.push('name is empty');
  const namespace = String(doc.documentNamespace);
  if (!URL.canParse(namespace) || namespace.includes('#'))
    problems.push(`documentNamespace ${namespace} is not a URI without "#"`);
  const creation = object(doc.creationInfo, 'creationInfo');
  if (creation !== undefined) {
    keys(creation, CREATION_KEYS, ['created', 'creators'], 'creationInfo');
    if (!CREATED.test(String(creation.created)))
      problems.push('creationInfo.created is not YYYY-MM-DDThh:mm:ssZ');
    const creators = creation.creators;
    if (!Array.isArray(creators) || creators.length === 0)
      problems.push('creationInfo.creators is empty');
    else
      for (const creator of creators)
        if (!CREATOR.test(String(creator))) problems.push(`creator "${String(creator)}"`);
  }
  const ids = new Set(['SPDXRef-DOCUMENT']);
  const packages = Array.isArray(doc.packages) ? (doc.packages as unknown[]) : [];
  for (const [index, value] of packages.entries()) {
    const at = `packages[${String(index)}]`;
    const pkg = object(value, at);
    if (pkg === undefined) continue;
    keys(pkg, PACKAGE_KEYS, ['SPDXID', 'downloadLocation', 'name'], at);
    const id = String(pkg.SPDXID);
    if (!ID_STRING.test(id)) problems.push(`${at}.SPDXID "${id}" is not SPDXRef-[A-Za-z0-9.-]+`);
    if (ids.has(id)) problems.push(`${at}.SPDXID "${id}" is not unique`);
    ids.add(id);
    const download = String(pkg.downloadLocation);
    if (download !== 'NOASSERTION' && download !== 'NONE' && !URL.canParse(download))
      problems.push(`${at}.downloadLocation`);
    if (pkg.filesAnalyzed === false && ('hasFiles' in pkg || 'packageVerificationCode' in pkg))
      problems.push(`${at} has files but filesAnalyzed is false`);
    if ('filesAnalyzed' in pkg && typeof pkg.filesAnalyzed !== 'boolean')
      problems.push(`${at}.filesAnalyzed is not a boolean`);
    if ('primaryPackagePurpose' in pkg && !PACKAGE_PURPOSES.has(String(pkg.primaryPackagePurpose)))
      problems.push(`${at}.primaryPackagePurpose`);
    for (const field of [
      'name',
      'versionInfo',
      'licenseConcluded',
      'licenseDeclared',
      'copyrightText',
      'sourceInfo',
    ]) {
      if (field in pkg && typeof pkg[field] !== 'string')
        problems.push(`${at}.${field} is not a string`);
    }
    const refs = pkg.externalRefs === undefined ? [] : pkg.externalRefs;
    if (!Array.isArray(refs)) problems.push(`${at}.externalRefs is not an array`);
    else
      for (const [refIndex, refValue] of refs.entries()) {
        const refAt = `${at}.externalRefs[${String(refIndex)}]`;
        const ref = object(refValue, refAt);
        if (ref === undefined) continue;
        keys(
          ref,
          EXTERNAL_REF_KEYS,
          ['referenceCategory', 'referenceLocator', 'referenceType'],
          refAt,
        );
        if (!REFERENCE_CATEGORIES.has(String(ref.referenceCategory)))
          problems.push(`${refAt}.referenceCategory`);
        if (ref.referenceType === 'purl' && !parsePurl(String(ref.referenceLocator)).ok)
          problems.push(`${refAt} purl does not parse`);
        if (/\s/.test(String(ref.referenceLocator)))
          problems.push(`${refAt}.referenceLocator has spaces`);
      }
  }
  let describes = 0;
  const relationships = Array.isArray(doc.relationships) ? (doc.relationships as unknown[]) : [];
  for (const [index, value] of relationships.entries()) {
    const at = `relationships[${String(index)}]`;
    const relationship = object(value, at);
    if (relationship === undefined) continue;
    keys(
      relationship,
      RELATIONSHIP_KEYS,
      ['spdxElementId', 'relatedSpdxElement', 'relationshipType'],
      at,
    );
    if (!RELATIONSHIP_TYPES.has(String(relationship.relationshipType)))
      problems.push(`${at}.relationshipType`);
    for (const end of ['spdxElementId', 'relatedSpdxElement']) {
      if (!ids.has(String(relationship[end])))
        problems.push(
          `${at}.${end} "${String(relationship[end])}" is not an element of the document`,
        );
    }
    if (
      relationship.spdxElementId === 'SPDXRef-DOCUMENT' &&
      relationship.relationshipType === 'DESCRIBES'
    )
      describes++;
  }
  if (describes === 0) problems.push('the document DESCRIBES nothing');
  return problems;
}

function pkg(
  overrides: Partial<InventoryPackage> & Pick<InventoryPackage, 'name'>,
): InventoryPackage {
  const version = overrides.version ?? '1.0.0';
  return {
    ecosystem: 'npm',
    version,
    purl: `pkg:npm/${encodeURIComponent(overrides.name)}@${version}`,
    direct: false,
    scope: 'prod',
    source: 'registry',
    location: { path: 'package-lock.json', line: 1 },
    paths: [],
    ...overrides,
  };
}

function relationshipLines(document: SpdxDocument): string[] {
  return document.relationships.map(
    (r) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`,
  );
}

test('the validator catches what it claims to', () => {
  const good = toSpdx(
    { root: { name: 'app' }, packages: [pkg({ name: 'a', direct: true })] },
    FIXED,
  );
  assert.deepEqual(spdxProblems(good), []);
  const broken = structuredClone(good) as unknown as Json & {
    packages: Json[];
    relationships: Json[];
    creationInfo: Json;
  };
  broken.spdxVersion = 'SPDX-2.2';
  broken.documentNamespace = 'not a uri#x';
  broken.creationInfo.created = '2024-05-01T12:34:56.789Z';
  broken.creationInfo.creators = ['vigil'];
  const [root, first] = broken.packages;
  assert.ok(root && first);
  first.SPDXID = 'SPDXRef-a_b';
  first.licence = 'MIT';
  delete first.downloadLocation;
  broken.packages.push({ ...root });
  broken.relationships.push({
    spdxElementId: 'SPDXRef-missing',
    relationshipType: 'USES',
    relatedSpdxElement: 'SPDXRef-DOCUMENT',
  });
  const problems = spdxProblems(broken).join('\n');
  for (const expected of [
    'spdxVersion',
    'documentNamespace',
    'created',
    'creator "vigil"',
    'SPDXRef-a_b',
    'licence is not allowed',
    'downloadLocation is required',
    'is not unique',
    'relationshipType',
    '"SPDXRef-missing" is not an element',
  ]) {
    assert.ok(problems.includes(expected), `${expected} in\n${problems}`);
  }
});

test('SPDX documents of real lockfiles pass the SPDX 2.3 checks', { skip: sharedSkip }, () => {
  const inventories = sharedInventories();
  const everything = inventories.flatMap((inventory) => inventory.packages);
  const inputs = [
    ...inventories.map(({ path, packages }) => ({ root: { name: path }, packages })),
    { root: { name: 'monorepo', version: '2.0.0' }, packages: everything },
    { root: { name: 'empty' }, packages: [] },
  ];
  for (const input of inputs) {
    for (const options of [FIXED, { tool: TOOL }]) {
      const document = toSpdx(input, options);
      assert.deepEqual(spdxProblems(JSON.parse(JSON.stringify(document))), [], input.root.name);
    }
  }
  const combined = toSpdx({ root: { name: 'monorepo' }, packages: everything }, FIXED);
  assert.equal(combined.packages.length, new Set(everything.map((p) => p.purl)).size + 1);
});

test('document fields and the npm fixture project as relationships', () => {
  const document = toSpdx(
    {
      root: { name: 'sbom-fixture-app', version: '1.0.0', purl: 'pkg:npm/sbom-fixture-app@1.0.0' },
      packages: npmAppInventory(),
    },
    FIXED,
  );
  assert.deepEqual(spdxProblems(document), []);
  assert.equal(document.name, 'sbom-fixture-app-1.0.0');
  assert.deepEqual(document.creationInfo, {
    created: '2024-05-01T12:34:56Z',
    creators: ['Tool: vigil-0.1.0'],
  });
  assert.equal(document.documentNamespace, FIXED.documentNamespace);
  const [root, first] = document.packages;
  assert.deepEqual(root, {
    SPDXID: 'SPDXRef-RootPackage',
    name: 'sbom-fixture-app',
    versionInfo: '1.0.0',
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'APPLICATION',
    externalRefs: [
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:npm/sbom-fixture-app@1.0.0',
      },
    ],
  });
  assert.equal(first?.SPDXID, 'SPDXRef-Package-npm--sindresorhus-is-4.6.0');
  assert.equal(first.name, '@sindresorhus/is');
  assert.equal(first.sourceInfo, 'prod dependency locked in package-lock.json');
  assert.deepEqual(relationshipLines(document), [
    'SPDXRef-DOCUMENT DESCRIBES SPDXRef-RootPackage',
    'SPDXRef-RootPackage DEPENDS_ON SPDXRef-Package-npm--sindresorhus-is-4.6.0',
    'SPDXRef-Package-npm-ajv-formats-2.1.1 DEV_DEPENDENCY_OF SPDXRef-RootPackage',
    'SPDXRef-RootPackage DEPENDS_ON SPDXRef-Package-npm-ajv-6.12.6',
    'SPDXRef-Package-npm-ajv-formats-2.1.1 DEPENDS_ON SPDXRef-Package-npm-ajv-8.20.0',
    'SPDXRef-Package-npm-ajv-6.12.6 DEPENDS_ON SPDXRef-Package-npm-fast-deep-equal-3.1.3',
    'SPDXRef-Package-npm-ajv-6.12.6 DEPENDS_ON SPDXRef-Package-npm-fast-json-stable-stringify-2.1.0',
    'SPDXRef-Package-npm-ajv-6.12.6 DEPENDS_ON SPDXRef-Package-npm-json-schema-traverse-0.4.1',
    'SPDXRef-Package-npm-ajv-6.12.6 DEPENDS_ON SPDXRef-Package-npm-uri-js-4.4.1',
    'SPDXRef-Package-npm-ajv-8.20.0 DEPENDS_ON SPDXRef-Package-npm-fast-deep-equal-3.1.3',
    'SPDXRef-Package-npm-ajv-8.20.0 DEPENDS_ON SPDXRef-Package-npm-fast-uri-3.1.9',
    'SPDXRef-Package-npm-ajv-8.20.0 DEPENDS_ON SPDXRef-Package-npm-json-schema-traverse-1.0.0',
    'SPDXRef-Package-npm-ajv-8.20.0 DEPENDS_ON SPDXRef-Package-npm-require-from-string-2.0.2',
    'SPDXRef-Package-npm-uri-js-4.4.1 DEPENDS_ON SPDXRef-Package-npm-punycode-2.3.1',
  ]);
});

test('optional direct dependencies, colliding ids, no version, defaults', () => {
  const packages = [
    pkg({ name: 'a_b', direct: true, scope: 'optional' }),
    pkg({ name: 'a+b', direct: true }),
    pkg({ name: 'unpinned', version: '', purl: 'pkg:npm/unpinned', direct: true, scope: 'dev' }),
  ];
  const document = toSpdx({ root: { name: 'my app/α' }, packages }, FIXED);
  assert.deepEqual(spdxProblems(document), []);
  assert.deepEqual(
    document.packages.map((p) => [p.SPDXID, p.versionInfo]),
    [
      ['SPDXRef-RootPackage', undefined],
      ['SPDXRef-Package-npm-a-b-1.0.0', '1.0.0'],
      ['SPDXRef-Package-npm-a-b-1.0.0-2', '1.0.0'],
      ['SPDXRef-Package-npm-unpinned', undefined],
    ],
  );
  assert.deepEqual(relationshipLines(document).slice(1), [
    'SPDXRef-RootPackage DEPENDS_ON SPDXRef-Package-npm-a-b-1.0.0',
    'SPDXRef-Package-npm-a-b-1.0.0-2 OPTIONAL_DEPENDENCY_OF SPDXRef-RootPackage',
    'SPDXRef-Package-npm-unpinned DEV_DEPENDENCY_OF SPDXRef-RootPackage',
  ]);
  const defaults = toSpdx({ root: { name: 'my app/α' }, packages }, { tool: TOOL });
  assert.deepEqual(spdxProblems(defaults), []);
  assert.match(
    defaults.documentNamespace,
    /^https:\/\/spdx\.org\/spdxdocs\/my%20app%2F%CE%B1-[0-9a-f-]{36}$/,
  );
  assert.notEqual(
    defaults.documentNamespace,
    toSpdx({ root: { name: 'x' }, packages }, { tool: TOOL }).documentNamespace,
  );
  assert.deepEqual(toSpdx({ root: { name: 'my app/α' }, packages }, FIXED), document);
});

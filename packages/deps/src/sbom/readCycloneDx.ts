import { dependencyPaths } from '../inventory/dependencyPaths.js';
import type {
  DependencyScope,
  InventoryPackage,
  LockfileResult,
  PackageSource,
} from '../inventory/inventoryPackage.js';
import { parsePurl } from '../inventory/parsePurl.js';
import {
  asObject,
  parseJsonWithLines,
  type JsonObject,
  type JsonValue,
} from '../inventory/parseJsonWithLines.js';
import { packageFromPurl } from './packageFromPurl.js';

/** Past this many, skipped components are counted rather than each named. */
const MAX_WARNINGS = 100;
const SPEC_VERSION = /^1\.(\d+)$/;
const ROOT = '\0root';
const SCOPES: readonly DependencyScope[] = ['prod', 'dev', 'optional', 'peer'];
const SOURCES: readonly PackageSource[] = ['registry', 'local', 'git', 'url'];

interface Entry {
  pkg: InventoryPackage;
  ref: string | undefined;
}

/**
 * Reads a CycloneDX JSON SBOM (spec 1.2 to 1.7; the JSON shape has not changed for components
 * and dependencies) into an inventory. Every component with a purl of an ecosystem Vigil knows
 * becomes a package, nested components included; the purl decides ecosystem, name and version.
 * When the BOM has a dependency graph, packages the root (`metadata.component`) depends on are
 * direct, paths are the shortest routes from the root, and `dependsOn` lists the purls of each
 * package's dependencies (left unset for components missing from the graph or listed, without
 * edges, under an `unknown` composition); without a root entry, components nothing depends on
 * count as direct.
 * Scope: `vigil:scope` if present, then npm's `cdx:npm:package:development`, then `excluded` →
 * dev, `optional` → optional, otherwise prod. Components without a purl or of another type (OS
 * packages, files) are skipped with a warning. XML BOMs are refused with a message saying so.
 *
 * @example
 * const result = readCycloneDx(readFileSync('bom.cdx.json', 'utf8'), 'bom.cdx.json');
 */
export function readCycloneDx(text: string, path: string): LockfileResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) {
    return {
      ok: false,
      error: {
        message:
          'this is an XML document; only CycloneDX JSON is read (convert it, e.g. with the cyclonedx CLI: cyclonedx convert --output-format json)',
        line: 1,
      },
    };
  }
  const parsed = parseJsonWithLines(body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const bom = asObject(parsed.value);
  if (bom?.bomFormat !== 'CycloneDX') {
    return {
      ok: false,
      error: { message: 'not a CycloneDX BOM: "bomFormat" is not "CycloneDX"', line: 1 },
    };
  }
  const lineOf = parsed.lineOf;
  const warnings: string[] = [];
  const specVersion = typeof bom.specVersion === 'string' ? bom.specVersion : undefined;
  const minor = SPEC_VERSION.exec(specVersion ?? '')?.[1];
  if (minor === undefined || Number(minor) < 2) {
    return {
      ok: false,
      error: {
        message: `unsupported CycloneDX specVersion ${JSON.stringify(bom.specVersion ?? null)}: 1.2 to 1.7 JSON is read`,
        line: lineOf(bom),
      },
    };
  }
  if (Number(minor) > 7)
    warnings.push(`specVersion ${String(specVersion)} is newer than 1.7; read as 1.7`);

  const warn = (message: string): void => {
    warnings.push(message);
  };
  const rootComponent = asObject(asObject(bom.metadata)?.component);
  const rootRef = stringField(rootComponent, 'bom-ref');
  const labels = new Map<string, string>();
  const entries = readComponents(bom.components, path, lineOf, labels, warn);
  const graph = readDependencies(bom.dependencies, warn);
  const unknown = unknownDependencies(bom.compositions);

  if (graph !== undefined) linkGraph(entries, graph, unknown, rootRef, rootComponent, labels);
  if (warnings.length > MAX_WARNINGS) {
    const more = warnings.length - MAX_WARNINGS;
    warnings.length = MAX_WARNINGS;
    warnings.push(`… and ${String(more)} more warnings`);
  }
  return { ok: true, packages: entries.map((entry) => entry.pkg), warnings };
}

/** Walks `components` and their nested `components` in document order, without recursion. */
function readComponents(
  components: JsonValue | undefined,
  path: string,
  lineOf: (value: JsonObject) => number | undefined,
  labels: Map<string, string>,
  warn: (message: string) => void,
): Entry[] {
  const entries: Entry[] = [];
  if (components === undefined) return entries;
  if (!Array.isArray(components)) {
    warn('"components" is not an array; no components read');
    return entries;
  }
  const pending: { list: JsonValue[]; index: number; at: string }[] = [
    { list: components, index: 0, at: 'components' },
  ];
  for (let top = pending.at(-1); top !== undefined; top = pending.at(-1)) {
    if (top.index >= top.list.length) {
      pending.pop();
      continue;
    }
    const at = `${top.at}[${String(top.index)}]`;
    const value = top.list[top.index++];
    const component = asObject(value);
    if (component === undefined) {
      warn(`${at} is not an object; skipped`);
      continue;
    }
    if (Array.isArray(component.components)) {
      pending.push({ list: component.components, index: 0, at: `${at}.components` });
    }
    const ref = stringField(component, 'bom-ref');
    const label = componentLabel(component);
    if (ref !== undefined && !labels.has(ref)) labels.set(ref, label);
    const named = `${at} (${JSON.stringify(truncate(label))})`;
    const purlText = component.purl;
    if (typeof purlText !== 'string' || purlText === '') {
      warn(`${named} has no purl; skipped`);
      continue;
    }
    const purl = parsePurl(purlText);
    if (!purl.ok) {
      warn(
        `${named}: invalid purl at column ${String(purl.error.column)}: ${purl.error.message}; skipped`,
      );
      continue;
    }
    const identity = packageFromPurl(purl.purl);
    if (!identity.ok) {
      warn(`${named}: ${identity.reason}; skipped`);
      continue;
    }
    const line = lineOf(component);
    entries.push({
      ref,
      pkg: {
        ecosystem: identity.ecosystem,
        name: identity.name,
        version: identity.version,
        purl: identity.purl,
        direct: false,
        scope: scopeOf(component),
        source: sourceOf(component),
        location: line === undefined ? { path } : { path, line },
        paths: [],
      },
    });
  }
  return entries;
}

/** `dependencies` as ref → the refs it depends on; undefined when the BOM has no graph. */
function readDependencies(
  dependencies: JsonValue | undefined,
  warn: (message: string) => void,
): Map<string, string[]> | undefined {
  if (dependencies === undefined) return undefined;
  if (!Array.isArray(dependencies)) {
    warn('"dependencies" is not an array; the dependency graph is ignored');
    return undefined;
  }
  const graph = new Map<string, string[]>();
  for (const [index, value] of dependencies.entries()) {
    const dependency = asObject(value);
    const ref = stringField(dependency, 'ref');
    if (dependency === undefined || ref === undefined) {
      warn(`dependencies[${String(index)}] has no string "ref"; skipped`);
      continue;
    }
    const children = graph.get(ref) ?? [];
    const dependsOn = dependency.dependsOn;
    if (Array.isArray(dependsOn)) {
      for (const child of dependsOn) if (typeof child === 'string') children.push(child);
    }
    graph.set(ref, children);
  }
  return graph;
}

/**
 * The refs an `unknown` or `not_specified` composition lists: their entries in the graph, if
 * empty, mean "not known", not "no dependencies".
 */
function unknownDependencies(compositions: JsonValue | undefined): Set<string> {
  const unknown = new Set<string>();
  if (!Array.isArray(compositions)) return unknown;
  for (const value of compositions) {
    const composition = asObject(value);
    const aggregate = composition?.aggregate;
    if (aggregate !== 'unknown' && aggregate !== 'not_specified') continue;
    const refs = composition?.dependencies;
    if (!Array.isArray(refs)) continue;
    for (const ref of refs) if (typeof ref === 'string') unknown.add(ref);
  }
  return unknown;
}

function linkGraph(
  entries: readonly Entry[],
  graph: Map<string, string[]>,
  unknown: ReadonlySet<string>,
  rootRef: string | undefined,
  rootComponent: JsonObject | undefined,
  labels: Map<string, string>,
): void {
  const rootChildren =
    (rootRef === undefined ? undefined : graph.get(rootRef)) ?? topLevelRefs(entries, graph);
  const direct = new Set(rootChildren);
  const rootLabel = rootComponent === undefined ? '(root)' : componentLabel(rootComponent);
  const paths = dependencyPaths<string>(
    {
      label: (ref) => (ref === ROOT ? rootLabel : (labels.get(ref) ?? ref)),
      dependencies: (ref) => (ref === ROOT ? rootChildren : (graph.get(ref) ?? [])),
    },
    ROOT,
  );
  const purlOf = new Map<string, string>();
  for (const entry of entries) {
    if (entry.ref !== undefined && !purlOf.has(entry.ref)) purlOf.set(entry.ref, entry.pkg.purl);
  }
  for (const entry of entries) {
    if (entry.ref === undefined) continue;
    entry.pkg.direct = direct.has(entry.ref);
    entry.pkg.paths = paths.get(entry.ref) ?? [];
    const children = graph.get(entry.ref);
    if (children !== undefined && !(children.length === 0 && unknown.has(entry.ref))) {
      const purls = children
        .map((child) => purlOf.get(child))
        .filter((purl): purl is string => purl !== undefined && purl !== entry.pkg.purl);
      entry.pkg.dependsOn = [...new Set(purls)];
    }
  }
}

/** Without a root entry, the components nothing depends on stand for the root's dependencies. */
function topLevelRefs(entries: readonly Entry[], graph: Map<string, string[]>): string[] {
  const depended = new Set([...graph.values()].flat());
  return entries
    .map((entry) => entry.ref)
    .filter((ref): ref is string => ref !== undefined && !depended.has(ref));
}

/** The package name as the ecosystem writes it, for paths: npm `@group/name`, Maven `group:name`. */
function componentLabel(component: JsonObject): string {
  const name = typeof component.name === 'string' ? component.name : '';
  const group = typeof component.group === 'string' ? component.group : '';
  if (group === '') return name;
  const purl = typeof component.purl === 'string' ? component.purl : '';
  return purl.startsWith('pkg:maven/') ? `${group}:${name}` : `${group}/${name}`;
}

function scopeOf(component: JsonObject): DependencyScope {
  const recorded = SCOPES.find((scope) => scope === property(component, 'vigil:scope'));
  if (recorded !== undefined) return recorded;
  if (property(component, 'cdx:npm:package:development') === 'true') return 'dev';
  if (component.scope === 'excluded') return 'dev';
  if (component.scope === 'optional') return 'optional';
  return 'prod';
}

function sourceOf(component: JsonObject): PackageSource {
  const recorded = property(component, 'vigil:source');
  return SOURCES.find((source) => source === recorded) ?? 'registry';
}

function property(component: JsonObject, name: string): string | undefined {
  const properties = component.properties;
  if (!Array.isArray(properties)) return undefined;
  for (const value of properties) {
    const entry = asObject(value);
    if (entry?.name === name && typeof entry.value === 'string') return entry.value;
  }
  return undefined;
}

function stringField(object: JsonObject | undefined, field: string): string | undefined {
  const value = object?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

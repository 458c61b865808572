import type { PomElement } from './readPomXml.js';

/** A `<dependency>` as written, before interpolation; absent fields are empty strings. */
export interface RawDependency {
  groupId: string;
  artifactId: string;
  version: string;
  type: string;
  classifier: string;
  scope: string;
  optional: string;
  /** The POM that declares it and the line of its `<dependency>`. */
  path: string;
  line: number;
}

export interface ParentReference {
  groupId: string;
  artifactId: string;
  version: string;
  /** `undefined` when absent (Maven then looks at `../pom.xml`); `''` turns local lookup off. */
  relativePath: string | undefined;
  line: number;
}

/** One POM as written, with the profiles that are active by default already applied. */
export interface RawPom {
  path: string;
  groupId: string;
  artifactId: string;
  version: string;
  fields: ReadonlyMap<string, string>;
  parent: ParentReference | undefined;
  properties: Map<string, string>;
  dependencies: RawDependency[];
  managed: RawDependency[];
  /** Notes about what was left out, such as profiles that are not active by default. */
  warnings: string[];
}

/** Model fields that `${project.<field>}` may name, besides the coordinates. */
const MODEL_FIELDS = ['groupId', 'artifactId', 'version', 'packaging', 'name', 'description'];

/**
 * Reads the parts of a POM that decide its dependency inventory. Profiles activated by default
 * (`<activeByDefault>true`) are merged in as Maven does when no other profile is selected: their
 * properties and dependencies override the POM's own. Profiles that depend on the JDK, OS,
 * properties or files cannot be judged without the build machine and are left out with a warning
 * when they declare dependencies. Plugin dependencies (`build/plugins/plugin/dependencies`) are
 * build tools, not packages of the project, and are never read.
 */
export function readRawPom(project: PomElement, path: string): RawPom {
  const fields = new Map<string, string>();
  for (const field of MODEL_FIELDS) {
    const value = child(project, field)?.text;
    if (value !== undefined) fields.set(field, value);
  }
  const parentElement = child(project, 'parent');
  const pom: RawPom = {
    path,
    groupId: fields.get('groupId') ?? '',
    artifactId: fields.get('artifactId') ?? '',
    version: fields.get('version') ?? '',
    fields,
    parent: parentElement === undefined ? undefined : readParent(parentElement),
    properties: readProperties(project),
    dependencies: readDependencies(child(project, 'dependencies'), path),
    managed: readDependencies(child(child(project, 'dependencyManagement'), 'dependencies'), path),
    warnings: [],
  };
  for (const profile of children(child(project, 'profiles'), 'profile')) {
    const activation = child(profile, 'activation');
    const id = child(profile, 'id')?.text ?? '';
    const dependencies = readDependencies(child(profile, 'dependencies'), path);
    if (child(activation, 'activeByDefault')?.text !== 'true') {
      if (dependencies.length > 0) {
        pom.warnings.push(
          `${path}:${String(profile.line)}: profile ${JSON.stringify(id)} is not active by default; its dependencies are not listed`,
        );
      }
      continue;
    }
    for (const [name, value] of readProperties(profile)) pom.properties.set(name, value);
    pom.dependencies.push(...dependencies);
    pom.managed.push(
      ...readDependencies(child(child(profile, 'dependencyManagement'), 'dependencies'), path),
    );
  }
  return pom;
}

function readParent(element: PomElement): ParentReference {
  return {
    groupId: child(element, 'groupId')?.text ?? '',
    artifactId: child(element, 'artifactId')?.text ?? '',
    version: child(element, 'version')?.text ?? '',
    relativePath: child(element, 'relativePath')?.text,
    line: element.line,
  };
}

function readProperties(owner: PomElement): Map<string, string> {
  const properties = new Map<string, string>();
  for (const property of child(owner, 'properties')?.children ?? []) {
    properties.set(property.name, property.text);
  }
  return properties;
}

function readDependencies(list: PomElement | undefined, path: string): RawDependency[] {
  return children(list, 'dependency').map((element) => ({
    groupId: child(element, 'groupId')?.text ?? '',
    artifactId: child(element, 'artifactId')?.text ?? '',
    version: child(element, 'version')?.text ?? '',
    type: child(element, 'type')?.text ?? '',
    classifier: child(element, 'classifier')?.text ?? '',
    scope: child(element, 'scope')?.text ?? '',
    optional: child(element, 'optional')?.text ?? '',
    path,
    line: element.line,
  }));
}

/** The last child of that name: where an element is repeated, Maven's lenient reader keeps the last. */
function child(element: PomElement | undefined, name: string): PomElement | undefined {
  return element?.children.findLast((candidate) => candidate.name === name);
}

function children(element: PomElement | undefined, name: string): PomElement[] {
  return element?.children.filter((candidate) => candidate.name === name) ?? [];
}

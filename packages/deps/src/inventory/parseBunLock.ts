import type { DependencyScope, LockfileResult } from './inventoryPackage.js';
import { lockGraphInventory, type Declaration, type LockNode } from './lockGraphInventory.js';
import { npmSource } from './npmSource.js';
import { asObject, parseJsonWithLines } from './parseJsonWithLines.js';
import { splitDescriptor } from './yarnEntry.js';

const ROOT_LABEL = '(root)';
const SUPPORTED_VERSIONS = [0, 1];
const WORKSPACE_FIELDS = [
  ['dependencies', 'prod'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
] as const satisfies readonly (readonly [string, DependencyScope])[];
const PACKAGE_DEPENDENCY_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

/**
 * Parses a text `bun.lock` (lockfileVersion 0 or 1; JSON with trailing commas) into a package
 * inventory. Pure: `path` only labels locations. `packages` is keyed by install path
 * (`chalk/supports-color` is the copy nested under `chalk`), each value a tuple whose first item is
 * the resolved `name@version`; dependencies resolve as Node would, nearest copy first. The
 * `workspaces` entries decide `direct` and `scope`; members themselves are local packages.
 *
 * @example
 * const result = parseBunLock(text, 'bun.lock');
 * if (result.ok) for (const p of result.packages) console.log(p.purl);
 */
export function parseBunLock(text: string, path: string): LockfileResult {
  const parsed = parseJsonWithLines(text, { jsonc: true });
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const lock = asObject(parsed.value);
  if (lock === undefined) {
    return { ok: false, error: { message: 'a bun.lock must be a JSON object', line: 1 } };
  }
  const version = lock.lockfileVersion;
  if (
    version !== undefined &&
    !(typeof version === 'number' && SUPPORTED_VERSIONS.includes(version))
  ) {
    return {
      ok: false,
      error: { message: `unsupported lockfileVersion ${JSON.stringify(version)}` },
    };
  }
  for (const field of ['workspaces', 'packages'] as const) {
    if (lock[field] !== undefined && asObject(lock[field]) === undefined) {
      return {
        ok: false,
        error: { message: `"${field}" must be an object`, line: parsed.lineOf(lock) },
      };
    }
  }
  const workspaces = asObject(lock.workspaces) ?? {};
  const warnings: string[] = [];
  const rootName = asObject(workspaces[''])?.name;
  const root: LockNode = {
    label: typeof rootName === 'string' ? rootName : ROOT_LABEL,
    locked: undefined,
    dependencies: [],
  };
  const nodes = new Map<string, { node: LockNode; requires: string[] }>();
  for (const [key, value] of Object.entries(asObject(lock.packages) ?? {})) {
    const tuple = Array.isArray(value) ? value : undefined;
    const ident = tuple?.[0];
    if (tuple === undefined || typeof ident !== 'string' || splitDescriptor(ident).range === '') {
      const where = Array.isArray(value) ? `line ${String(parsed.lineOf(value))}: ` : '';
      warnings.push(`${where}package "${key}" is not a ["name@version", ...] tuple; skipped`);
      continue;
    }
    const { name, range } = splitDescriptor(ident);
    const source = npmSource(range);
    const hash = range.lastIndexOf('#');
    const meta = tuple.slice(1).find((item) => asObject(item) !== undefined);
    nodes.set(key, {
      node: {
        label: name,
        locked: {
          name,
          version: source === 'git' && hash >= 0 ? range.slice(hash + 1) : range,
          source,
          line: parsed.lineOf(tuple),
          recordedScope: undefined,
        },
        dependencies: [],
      },
      requires: PACKAGE_DEPENDENCY_FIELDS.flatMap((field) =>
        Object.keys(asObject(asObject(meta)?.[field]) ?? {}),
      ),
    });
  }
  const resolve = (fromKey: string, name: string): LockNode | undefined => {
    const names = installedNames(fromKey);
    for (let depth = names.length; depth >= 0; depth--) {
      const found = nodes.get([...names.slice(0, depth), name].join('/'));
      if (found !== undefined) return found.node;
    }
    return undefined;
  };
  for (const [key, { node, requires }] of nodes) {
    for (const name of requires) {
      const target = resolve(key, name);
      if (target !== undefined && target !== node) node.dependencies.push(target);
    }
  }
  const declarations: Declaration[] = [];
  for (const [workspacePath, value] of Object.entries(workspaces)) {
    const workspace = asObject(value) ?? {};
    const memberKey =
      workspacePath !== '' && typeof workspace.name === 'string' ? workspace.name : undefined;
    const member = memberKey === undefined ? undefined : nodes.get(memberKey)?.node;
    const project = workspacePath === '' ? root : member;
    if (member?.locked !== undefined) {
      if (typeof workspace.version === 'string') member.locked.version = workspace.version;
      root.dependencies.push(member);
      declarations.push({ node: member, scope: 'prod' });
    }
    for (const [field, scope] of WORKSPACE_FIELDS) {
      for (const name of Object.keys(asObject(workspace[field]) ?? {})) {
        const target = resolve(memberKey ?? '', name);
        if (target === undefined || target === project) continue;
        project?.dependencies.push(target);
        declarations.push({ node: target, scope });
      }
    }
  }
  const allNodes = [...nodes.values()].map((entry) => entry.node);
  return { ok: true, packages: lockGraphInventory(root, allNodes, declarations, path), warnings };
}

/** The package names along an install path: `@a/b/c` is `@a/b` then `c`. */
function installedNames(key: string): string[] {
  if (key === '') return [];
  const names: string[] = [];
  const segments = key.split('/');
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] ?? '';
    if (segment.startsWith('@') && index + 1 < segments.length) {
      names.push(`${segment}/${segments[index + 1] ?? ''}`);
      index++;
    } else {
      names.push(segment);
    }
  }
  return names;
}

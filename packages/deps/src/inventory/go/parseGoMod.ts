import type { InventoryPackage, LockfileResult, PackageSource } from '../inventoryPackage.js';
import { golangPurl } from './golangPurl.js';

interface Requirement {
  module: string;
  version: string;
  indirect: boolean;
  line: number;
}

interface Replacement {
  module: string;
  /** Absent when the replacement applies to every version of the module. */
  version?: string;
  target: string;
  targetVersion?: string;
}

const ROOT_LABEL = '(root)';

/** Every directive the `go` command accepts; anything else means the file is not a go.mod. */
const KNOWN_VERBS = new Set([
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'exclude',
  'replace',
  'retract',
  'tool',
  'ignore',
]);

/** From Go 1.17 on, go.mod lists every module in the build, so go.sum adds nothing. */
const COMPLETE_GRAPH_GO_VERSION = [1, 17] as const;

/**
 * Parses a `go.mod` into a package inventory. `require`d modules are `prod` packages, direct
 * (with a path from the `module`) unless marked `// indirect`; `replace` directives swap in another module (or, for a local
 * path, a `local` package with no version) and `exclude`d versions are dropped with a warning.
 * Before Go 1.17 go.mod omits most indirect modules, so for those files the optional `go.sum`
 * text adds each module it holds a source hash for (its highest version) as an indirect package.
 * Versions lose Go's `v` prefix, as OSV records them; the purl keeps it.
 *
 * @example
 * const result = parseGoMod(text, 'go.mod', goSumText);
 */
export function parseGoMod(text: string, path: string, goSum?: string): LockfileResult {
  const requirements: Requirement[] = [];
  const replacements: Replacement[] = [];
  const excluded = new Set<string>();
  const warnings: string[] = [];
  let goVersion: string | undefined;
  let modulePath = ROOT_LABEL;
  let block: string | undefined;

  for (const [index, rawLine] of text.split('\n').entries()) {
    const lineNumber = index + 1;
    const { tokens, comment } = tokenize(rawLine);
    if (tokens === undefined) {
      return { ok: false, error: { message: 'unterminated quoted string', line: lineNumber } };
    }
    if (tokens.length === 0) continue;
    let verb: string;
    let args: string[];
    if (block !== undefined) {
      if (tokens.length === 1 && tokens[0] === ')') {
        block = undefined;
        continue;
      }
      verb = block;
      args = tokens;
    } else {
      const [first, ...rest] = tokens;
      if (first === undefined || !KNOWN_VERBS.has(first)) {
        return {
          ok: false,
          error: { message: `unknown directive: ${first ?? ''}`, line: lineNumber },
        };
      }
      if (rest.length === 1 && rest[0] === '(') {
        block = first;
        continue;
      }
      if (rest.length === 2 && rest[0] === '(' && rest[1] === ')') continue;
      verb = first;
      args = rest;
    }
    const at = `${path}:${String(lineNumber)}`;
    switch (verb) {
      case 'go':
        goVersion = args[0];
        break;
      case 'module':
        modulePath = args[0] ?? ROOT_LABEL;
        break;
      case 'require': {
        const [module, version] = args;
        if (args.length !== 2 || module === undefined || version === undefined) {
          warnings.push(`${at}: malformed require; skipped`);
          break;
        }
        const indirect = comment !== undefined && /^indirect\b/.test(comment);
        requirements.push({ module, version, indirect, line: lineNumber });
        break;
      }
      case 'exclude': {
        const [module, version] = args;
        if (args.length !== 2 || module === undefined || version === undefined) {
          warnings.push(`${at}: malformed exclude; skipped`);
          break;
        }
        excluded.add(`${module}@${version}`);
        break;
      }
      case 'replace': {
        const replacement = readReplacement(args);
        if (replacement === undefined) warnings.push(`${at}: malformed replace; skipped`);
        else replacements.push(replacement);
        break;
      }
      default:
        break;
    }
  }
  if (block !== undefined) {
    return { ok: false, error: { message: `unterminated ${block} block` } };
  }

  const packages: InventoryPackage[] = [];
  const seen = new Set<string>();
  for (const requirement of requirements) {
    if (excluded.has(`${requirement.module}@${requirement.version}`)) {
      warnings.push(
        `${path}:${String(requirement.line)}: ${requirement.module}@${requirement.version} is excluded; skipped`,
      );
      continue;
    }
    const replacement =
      replacements.find(
        (r) => r.module === requirement.module && r.version === requirement.version,
      ) ?? replacements.find((r) => r.module === requirement.module && r.version === undefined);
    let name = requirement.module;
    let version = requirement.version;
    let source: PackageSource = 'registry';
    if (replacement !== undefined) {
      if (replacement.targetVersion === undefined) {
        version = '';
        source = 'local';
      } else {
        name = replacement.target;
        version = replacement.targetVersion;
      }
    }
    const key = `${name}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = requirement.line;
    const paths = requirement.indirect ? [] : [[modulePath, name]];
    packages.push(goPackage(name, version, !requirement.indirect, source, { path, line }, paths));
  }

  if (goSum !== undefined && !isAtLeast(goVersion ?? '1.16', COMPLETE_GRAPH_GO_VERSION)) {
    const sumPath = path.replace(/[^/\\]*$/, 'go.sum');
    const required = new Set(requirements.map((r) => r.module));
    for (const { module, version, line } of readGoSum(goSum, sumPath, warnings)) {
      if (required.has(module) || excluded.has(`${module}@${version}`)) continue;
      packages.push(goPackage(module, version, false, 'registry', { path: sumPath, line }, []));
    }
  }
  return { ok: true, packages, warnings };
}

function goPackage(
  name: string,
  version: string,
  direct: boolean,
  source: PackageSource,
  location: { path: string; line: number },
  paths: string[][],
): InventoryPackage {
  return {
    ecosystem: 'Go',
    name,
    version: version.startsWith('v') ? version.slice(1) : version,
    purl: golangPurl(name, version),
    direct,
    scope: 'prod',
    source,
    location,
    paths,
  };
}

/** `old [v] => new [v]`; a target without a version is a local directory. */
function readReplacement(args: string[]): Replacement | undefined {
  const arrow = args.indexOf('=>');
  const left = args.slice(0, arrow);
  const right = args.slice(arrow + 1);
  const [module, version] = left;
  const [target, targetVersion] = right;
  if (arrow < 0 || module === undefined || target === undefined) return undefined;
  if (left.length > 2 || right.length > 2) return undefined;
  const replacement: Replacement = { module, target };
  if (version !== undefined) replacement.version = version;
  if (targetVersion !== undefined) replacement.targetVersion = targetVersion;
  return replacement;
}

/** The highest version of each module that go.sum holds a source (not only `go.mod`) hash for. */
function readGoSum(
  text: string,
  path: string,
  warnings: string[],
): { module: string; version: string; line: number }[] {
  const best = new Map<string, { module: string; version: string; line: number }>();
  for (const [index, line] of text.split('\n').entries()) {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    const [module, version, hash] = fields;
    if (
      fields.length !== 3 ||
      module === undefined ||
      version === undefined ||
      hash === undefined
    ) {
      warnings.push(`${path}:${String(index + 1)}: malformed line; skipped`);
      continue;
    }
    if (version.endsWith('/go.mod')) continue;
    const current = best.get(module);
    if (current === undefined || compareGoVersions(version, current.version) > 0) {
      best.set(module, { module, version, line: index + 1 });
    }
  }
  return [...best.values()];
}

const SEMVER = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?(?:\+.*)?$/;

/** Semantic-version order, enough for go.sum's tagged and pseudo versions. */
function compareGoVersions(a: string, b: string): number {
  const left = SEMVER.exec(a);
  const right = SEMVER.exec(b);
  if (left === null || right === null) return a < b ? -1 : a > b ? 1 : 0;
  for (const part of [1, 2, 3]) {
    const difference = Number(left[part]) - Number(right[part]);
    if (difference !== 0) return difference;
  }
  const leftPre = left[4];
  const rightPre = right[4];
  if (leftPre === rightPre) return 0;
  if (leftPre === undefined) return 1;
  if (rightPre === undefined) return -1;
  return leftPre < rightPre ? -1 : 1;
}

function isAtLeast(goVersion: string, [major, minor]: readonly [number, number]): boolean {
  const match = /^(\d+)\.(\d+)/.exec(goVersion);
  if (match === null) return false;
  const actualMajor = Number(match[1]);
  return actualMajor > major || (actualMajor === major && Number(match[2]) >= minor);
}

/**
 * A go.mod line's tokens (quoted strings unquoted) and its `//` comment text. Undefined tokens
 * mean a quote was not closed.
 */
function tokenize(line: string): { tokens: string[] | undefined; comment?: string } {
  const tokens: string[] = [];
  const pattern = /\s*(?:(\/\/)(.*)|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(["`])|([^\s"`]+))/y;
  for (;;) {
    const match = pattern.exec(line);
    if (match === null) return { tokens };
    const [, slashes, comment, doubleQuoted, backQuoted, unclosed, bare] = match;
    if (slashes !== undefined) return { tokens, comment: (comment ?? '').trim() };
    if (unclosed !== undefined) return { tokens: undefined };
    if (doubleQuoted !== undefined) tokens.push(doubleQuoted.replace(/\\(.)/g, '$1'));
    else if (backQuoted !== undefined) tokens.push(backQuoted);
    else if (bare !== undefined) tokens.push(bare);
  }
}

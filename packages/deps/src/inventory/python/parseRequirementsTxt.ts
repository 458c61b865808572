import { posix } from 'node:path';
import type { InventoryPackage, LockfileResult, PackageSource } from '../inventoryPackage.js';
import { pypiPurl } from './pypiPurl.js';

/** Reads an included requirements or constraints file; `undefined` when it cannot be read. */
export type ReadInclude = (path: string) => string | undefined;

/** Nested `-r`/`-c` includes deeper than this are refused, whatever the files contain. */
const MAX_INCLUDE_DEPTH = 16;
const ROOT_LABEL = '(root)';

/** A PEP 508 project name followed by optional extras and the rest of the requirement. */
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s;
const EXACT_PIN = /^(===?)\s*(\S+)$/;
const PEP440_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+!-]*$/;
const RANGE_CLAUSE = /^(?:~=|==|!=|<=|>=|<|>|===)\s*\S+$/;
/** `name-version(-build)?-python-abi-platform.whl` or an sdist `name-version.tar.gz`. */
const WHEEL_FILE = /^([A-Za-z0-9._]+?)-([0-9][^-]*)(?:-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/;
const SDIST_FILE = /^([A-Za-z0-9._-]+?)-([0-9][A-Za-z0-9.+!]*)\.(?:tar\.gz|tar\.bz2|zip)$/;
const INCLUDE_OPTION = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$/;
const EDITABLE_OPTION = /^(?:-e|--editable)(?:\s*=\s*|\s+)(.+)$/;
/** Global options that change where pip looks, not what it installs. */
const GLOBAL_OPTION =
  /^(?:-i|--index-url|--extra-index-url|--no-index|-f|--find-links|--no-binary|--only-binary|--prefer-binary|--require-hashes|--pre|--trusted-host|--use-feature)(?:[\s=]|$)/;

interface Requirement {
  name: string;
  version: string;
  source: PackageSource;
  path: string;
  line: number;
}

interface Context {
  readInclude: ReadInclude | undefined;
  warnings: string[];
  requirements: Requirement[];
  /** Unpinned requirements, resolved against constraints once every file is read. */
  unpinned: Requirement[];
  /** Pins from constraints files, by normalised name. */
  constraints: Map<string, string>;
  /** Files read so far, so that a file included twice (or in a cycle) is read once. */
  visited: Set<string>;
}

/**
 * Parses a pip requirements file into a package inventory. Only exactly pinned requirements
 * (`name==1.2`, `name===1.2`) have a version to match advisories against; a ranged or bare
 * requirement is reported as a warning and skipped unless a constraints file pins it. `-r` and
 * `-c` includes are resolved relative to the including file and read through `readInclude`, so
 * the parser stays pure; without it includes are reported as warnings. Path, URL and editable
 * requirements are listed with a `local`, `url` or `git` source and the version their file name
 * shows, if any.
 *
 * @example
 * const result = parseRequirementsTxt(text, 'requirements.txt', (p) => files.get(p));
 */
export function parseRequirementsTxt(
  text: string,
  path: string,
  readInclude?: ReadInclude,
): LockfileResult {
  const context: Context = {
    readInclude,
    warnings: [],
    requirements: [],
    unpinned: [],
    constraints: new Map(),
    visited: new Set([posix.normalize(path)]),
  };
  readFile(text, path, 'requirements', context, 0);
  for (const requirement of context.unpinned) {
    const pinned = context.constraints.get(normalizedName(requirement.name));
    if (pinned === undefined) {
      context.warnings.push(
        `${requirement.path}:${String(requirement.line)}: ${requirement.name} is not pinned to one version; skipped`,
      );
    } else {
      context.requirements.push({ ...requirement, version: pinned });
    }
  }
  const seen = new Set<string>();
  const packages: InventoryPackage[] = [];
  for (const requirement of context.requirements) {
    const key = `${normalizedName(requirement.name)}@${requirement.version}@${requirement.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({
      ecosystem: 'PyPI',
      name: requirement.name,
      version: requirement.version,
      purl: pypiPurl(requirement.name, requirement.version),
      direct: true,
      scope: 'prod',
      source: requirement.source,
      location: { path: requirement.path, line: requirement.line },
      paths: [[ROOT_LABEL, requirement.name]],
    });
  }
  return { ok: true, packages, warnings: context.warnings };
}

/** The PEP 503 form of a project name, under which pip compares names. */
function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function readFile(
  text: string,
  path: string,
  kind: 'requirements' | 'constraints',
  context: Context,
  depth: number,
): void {
  for (const { text: line, number } of logicalLines(text)) {
    const where = `${path}:${String(number)}`;
    if (line.startsWith('-')) {
      readOption(line, path, where, number, kind, context, depth);
      continue;
    }
    const requirement = readRequirement(line, path, number, where, context.warnings);
    if (requirement === undefined) continue;
    if (kind === 'constraints') {
      if (requirement.version !== '' && requirement.source === 'registry') {
        context.constraints.set(normalizedName(requirement.name), requirement.version);
      }
    } else if (requirement.version === '' && requirement.source === 'registry') {
      context.unpinned.push(requirement);
    } else {
      context.requirements.push(requirement);
    }
  }
}

function readOption(
  line: string,
  path: string,
  where: string,
  number: number,
  kind: 'requirements' | 'constraints',
  context: Context,
  depth: number,
): void {
  const include = INCLUDE_OPTION.exec(line);
  if (include !== null) {
    const [, flag = '', target = ''] = include;
    const includeKind = flag === '-c' || flag === '--constraint' ? 'constraints' : kind;
    readIncludedFile(target, path, where, includeKind, context, depth);
    return;
  }
  const editable = EDITABLE_OPTION.exec(line);
  if (editable !== null) {
    const requirement = locatedRequirement(editable[1]?.trim() ?? '', path, number);
    if (requirement === undefined) {
      context.warnings.push(`${where}: cannot tell the package name of an editable requirement`);
    } else if (kind === 'requirements') {
      context.requirements.push(requirement);
    }
    return;
  }
  if (!GLOBAL_OPTION.test(line)) {
    context.warnings.push(`${where}: unknown option ${JSON.stringify(line.split(/\s/)[0])}`);
  }
}

function readIncludedFile(
  target: string,
  path: string,
  where: string,
  kind: 'requirements' | 'constraints',
  context: Context,
  depth: number,
): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    context.warnings.push(`${where}: remote include ${target} not followed`);
    return;
  }
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  if (context.visited.has(resolved)) {
    context.warnings.push(`${where}: ${resolved} is already included; not read again`);
    return;
  }
  if (depth >= MAX_INCLUDE_DEPTH) {
    context.warnings.push(`${where}: includes nested deeper than ${String(MAX_INCLUDE_DEPTH)}`);
    return;
  }
  context.visited.add(resolved);
  const included = context.readInclude?.(resolved);
  if (included === undefined) {
    context.warnings.push(`${where}: cannot read included file ${resolved}`);
    return;
  }
  readFile(included, resolved, kind, context, depth + 1);
}

/**
 * Joins `\` continuations and strips comments; each logical line keeps the number of the
 * physical line it starts on. A `#` starts a comment only at the line start or after
 * whitespace, as in pip, so `--hash=sha256:…#` keeps its `#`.
 */
function* logicalLines(text: string): Generator<{ text: string; number: number }> {
  const physical = text.split(/\r?\n/);
  let pending = '';
  let start = 0;
  for (const [index, raw] of physical.entries()) {
    if (pending === '') start = index + 1;
    const continued = raw.endsWith('\\');
    pending += continued ? raw.slice(0, -1) : raw;
    if (continued && index < physical.length - 1) continue;
    const line = pending.replace(/(?:^|\s+)#.*$/s, '').trim();
    pending = '';
    if (line !== '') yield { text: line, number: start };
  }
}

/**
 * Reads one requirement line. Per-requirement options (`--hash`, `-C`, …) start at the first
 * token beginning with `-`, as pip splits them.
 */
function readRequirement(
  line: string,
  path: string,
  number: number,
  where: string,
  warnings: string[],
): Requirement | undefined {
  const tokens = line.split(/\s+/);
  const optionStart = tokens.findIndex((token) => token.startsWith('-'));
  const spec = (optionStart === -1 ? tokens : tokens.slice(0, optionStart)).join(' ');
  if (/^(?:\.{0,2}\/|[a-z][a-z0-9+.-]*:\/\/|[A-Za-z]:\\)/i.test(spec) || spec.startsWith('git+')) {
    const located = locatedRequirement(spec, path, number);
    if (located === undefined) warnings.push(`${where}: cannot tell the package name of ${spec}`);
    return located;
  }
  const match = REQUIREMENT.exec(spec);
  if (match === null) {
    warnings.push(`${where}: not a valid requirement; skipped`);
    return undefined;
  }
  const [, name = '', , rest = ''] = match;
  if (rest.startsWith('@')) {
    const url = rest.slice(1).trim().split(/\s+;/)[0]?.trim() ?? '';
    return { name, ...fromLocation(url), path, line: number };
  }
  const specifier = (rest.split(';')[0] ?? '').trim().replace(/^\((.*)\)$/s, '$1');
  if (specifier === '') return { name, version: '', source: 'registry', path, line: number };
  const clauses = specifier.split(',').map((clause) => clause.trim());
  if (!clauses.every((clause) => RANGE_CLAUSE.test(clause))) {
    warnings.push(`${where}: not a valid requirement; skipped`);
    return undefined;
  }
  const pin = clauses.length === 1 ? EXACT_PIN.exec(clauses[0] ?? '') : null;
  const version = pin?.[2] ?? '';
  if (pin !== null && (pin[1] === '===' || PEP440_VERSION.test(version))) {
    return { name, version, source: 'registry', path, line: number };
  }
  return { name, version: '', source: 'registry', path, line: number };
}

/**
 * A requirement given as a path or URL: the name comes from `name @ url`, an `#egg=` fragment
 * or a wheel/sdist file name, the version from that file name when it has one.
 */
function locatedRequirement(spec: string, path: string, number: number): Requirement | undefined {
  const named = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@\s*(\S+)/.exec(spec);
  if (named !== null) {
    return { name: named[1] ?? '', ...fromLocation(named[2] ?? ''), path, line: number };
  }
  const location = spec.split(/\s+;/)[0]?.trim() ?? '';
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(location);
  const artifact = fromLocation(location);
  if (egg !== null) return { name: egg[1] ?? '', ...artifact, path, line: number };
  const file = location.split(/[#?]/)[0]?.split('/').at(-1) ?? '';
  const parts = WHEEL_FILE.exec(file) ?? SDIST_FILE.exec(file);
  if (parts === null) return undefined;
  return { name: parts[1] ?? '', ...artifact, version: parts[2] ?? '', path, line: number };
}

/** The source of a location and the version its artifact's file name shows. */
function fromLocation(location: string): { version: string; source: PackageSource } {
  const source: PackageSource = location.startsWith('git+')
    ? 'git'
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith('file:')
      ? 'url'
      : 'local';
  const file = location.split(/[#?]/)[0]?.split('/').at(-1) ?? '';
  const parts = WHEEL_FILE.exec(file) ?? SDIST_FILE.exec(file);
  return { version: parts?.[2] ?? '', source };
}

import type { InventoryPackage, LockfileResult } from '../inventoryPackage.js';

/** `"key": {…},` — mix writes each entry of the lock map on one line. */
const ENTRY = /^"((?:[^"\\]|\\.)*)":\s*\{(.*)\},?$/;
const ATOM = /^:(?:"((?:[^"\\]|\\.)*)"|([\w@]+[?!]?))$/;
const STRING = /^"((?:[^"\\]|\\.)*)"$/;

/**
 * Parses an Elixir `mix.lock` into a package inventory. The lock is an Elixir map literal that
 * mix writes one entry per line, so a line-based reader with a bracket- and string-aware field
 * splitter suffices: `{:hex, :name, "version", …, "repo", …}` entries are registry packages (the
 * purl names a repository other than `hexpm`), `{:git, "url", "ref", …}` entries git packages
 * with no version. The lock does not say which dependencies `mix.exs` declares, or which are
 * dev-only, so `direct` is false, `paths` empty and every package `prod`.
 *
 * @example
 * const result = parseMixLock(text, 'mix.lock');
 */
export function parseMixLock(text: string, path: string): LockfileResult {
  const lines = text.split('\n').map((line) => line.trim());
  const first = lines.findIndex((line) => line !== '');
  const last = lines.findLastIndex((line) => line !== '');
  const opening = lines[first];
  const closing = lines[last];
  if (opening === '%{}' && first === last) return { ok: true, packages: [], warnings: [] };
  if (opening !== '%{' || closing !== '}' || first === last) {
    return {
      ok: false,
      error: { message: 'a mix.lock must be a map literal: %{ … }', line: first + 1 },
    };
  }
  const packages: InventoryPackage[] = [];
  const warnings: string[] = [];
  for (let index = first + 1; index < last; index++) {
    const line = lines[index] ?? '';
    if (line === '' || line.startsWith('#')) continue;
    const lineNumber = index + 1;
    const entry = ENTRY.exec(line);
    const fields = entry?.[2] === undefined ? undefined : splitFields(entry[2]);
    if (entry?.[1] === undefined || fields === undefined) {
      return { ok: false, error: { message: 'malformed mix.lock entry', line: lineNumber } };
    }
    const read = readEntry(fields);
    if (read === undefined) {
      warnings.push(
        `${path}:${String(lineNumber)}: ${entry[1]} has no package and version; skipped`,
      );
      continue;
    }
    packages.push({
      ecosystem: 'Hex',
      name: read.name,
      version: read.version,
      purl: hexPurl(read.name, read.version, read.repository),
      direct: false,
      scope: 'prod',
      source: read.source,
      location: { path, line: lineNumber },
      paths: [],
    });
  }
  return { ok: true, packages, warnings };
}

interface MixEntry {
  name: string;
  version: string;
  repository: string | undefined;
  source: 'registry' | 'git';
}

function readEntry(fields: string[]): MixEntry | undefined {
  const [kind, second, third, , , , repository] = fields;
  const scm = kind === undefined ? undefined : atom(kind);
  if (scm === 'hex') {
    const name = second === undefined ? undefined : atom(second);
    const version = third === undefined ? undefined : string(third);
    if (name === undefined || version === undefined) return undefined;
    const repo = repository === undefined ? undefined : string(repository);
    return { name, version, repository: repo, source: 'registry' };
  }
  if (scm === 'git') {
    const url = second === undefined ? undefined : string(second);
    if (url === undefined) return undefined;
    const name = /([^/:]+?)(?:\.git)?\/?$/.exec(url)?.[1];
    return name === undefined
      ? undefined
      : { name, version: '', repository: undefined, source: 'git' };
  }
  return undefined;
}

function atom(field: string): string | undefined {
  const match = ATOM.exec(field);
  return match?.[1] ?? match?.[2];
}

function string(field: string): string | undefined {
  return STRING.exec(field)?.[1];
}

/** The comma-separated fields of a tuple's body, ignoring commas in strings and brackets. */
function splitFields(body: string): string[] | undefined {
  const fields: string[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[' || char === '(') {
      depth++;
    } else if (char === '}' || char === ']' || char === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (char === ',' && depth === 0) {
      fields.push(body.slice(start, index).trim());
      start = index + 1;
    }
  }
  if (inString || depth !== 0) return undefined;
  const tail = body.slice(start).trim();
  if (tail !== '') fields.push(tail);
  return fields;
}

/**
 * `pkg:hex/name@version`; a hex.pm organisation (`hexpm:acme`) is the purl namespace, and any
 * other repository is named in a `repository_url` qualifier, as mix.lock names it.
 */
function hexPurl(name: string, version: string, repository: string | undefined): string {
  const organisation = repository?.startsWith('hexpm:') ? repository.slice(6) : undefined;
  const namespace = organisation === undefined ? '' : `${encodeURIComponent(organisation)}/`;
  const purl = `pkg:hex/${namespace}${encodeURIComponent(name.toLowerCase())}`;
  const versioned = version === '' ? purl : `${purl}@${encodeURIComponent(version)}`;
  return repository === undefined || repository === 'hexpm' || organisation !== undefined
    ? versioned
    : `${versioned}?repository_url=${encodeURIComponent(repository)}`;
}

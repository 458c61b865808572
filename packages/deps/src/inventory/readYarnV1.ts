import type { LockfileError } from './inventoryPackage.js';
import { splitDescriptor, yarnSource, type YarnEntry } from './yarnEntry.js';

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s",]+))\s*,?/y;
const DEPENDENCY_SECTIONS = new Set(['dependencies', 'optionalDependencies']);

/** Reads the quoted-or-bare tokens of one line, the way yarn v1 writes them. */
function tokens(text: string): string[] | undefined {
  const found: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null || TOKEN.lastIndex === start) return undefined;
    const quoted = match[1];
    found.push(quoted === undefined ? (match[2] ?? '') : quoted.replace(/\\(.)/g, '$1'));
  }
  return found;
}

interface RawEntry {
  specs: string[];
  line: number;
  fields: Map<string, string>;
  dependencies: string[];
}

/**
 * Reads yarn v1's own lockfile syntax: unindented headers listing comma-separated descriptors,
 * indented `key value` fields and indented sections (`dependencies:`) of `name range` pairs.
 */
export function readYarnV1(
  text: string,
  warnings: string[],
): { ok: true; entries: YarnEntry[] } | { ok: false; error: LockfileError } {
  const raw: RawEntry[] = [];
  let current: RawEntry | undefined;
  let section: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, lineText] of lines.entries()) {
    const line = index + 1;
    const trimmed = lineText.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = lineText.length - lineText.trimStart().length;
    if (indent === 0) {
      const specs = trimmed.endsWith(':') ? tokens(trimmed.slice(0, -1)) : undefined;
      if (specs === undefined || specs.length === 0) {
        return {
          ok: false,
          error: { message: 'expected an entry header ending in ":"', line, column: 1 },
        };
      }
      current = { specs, line, fields: new Map(), dependencies: [] };
      raw.push(current);
      section = undefined;
      continue;
    }
    if (current === undefined) {
      return { ok: false, error: { message: 'indented line outside an entry', line, column: 1 } };
    }
    const parts = tokens(trimmed.endsWith(':') ? trimmed.slice(0, -1) : trimmed);
    if (parts === undefined || parts.length === 0) {
      return { ok: false, error: { message: 'unreadable line', line, column: indent + 1 } };
    }
    const [key = '', value] = parts;
    if (indent <= 2) {
      section = trimmed.endsWith(':') && value === undefined ? key : undefined;
      if (value !== undefined) current.fields.set(key, value);
    } else if (section !== undefined && DEPENDENCY_SECTIONS.has(section)) {
      current.dependencies.push(`${key}@${value ?? ''}`);
    }
  }
  const entries: YarnEntry[] = [];
  for (const entry of raw) {
    const version = entry.fields.get('version');
    const first = splitDescriptor(entry.specs[0] ?? '');
    if (version === undefined) {
      warnings.push(
        `line ${String(entry.line)}: entry "${entry.specs.join(', ')}" has no version; skipped`,
      );
      continue;
    }
    const aliased = first.range.startsWith('npm:')
      ? splitDescriptor(first.range.slice(4))
      : undefined;
    entries.push({
      specs: entry.specs,
      name: aliased?.name ?? first.name,
      version,
      source: yarnSource(aliased?.range ?? first.range, entry.fields.get('resolved')),
      line: entry.line,
      dependencies: entry.dependencies,
      workspace: undefined,
    });
  }
  return { ok: true, entries };
}

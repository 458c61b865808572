import { parse, TomlError } from 'smol-toml';
import type { LockfileError } from '../inventoryPackage.js';

export type TomlTable = Record<string, unknown>;

export type TomlPackagesResult =
  | {
      ok: true;
      document: TomlTable;
      /** The `[[package]]` tables, each with the line its entry starts on. */
      packages: { table: TomlTable; line: number }[];
    }
  | { ok: false; error: LockfileError };

const PACKAGE_HEADER = /^\s*\[\[\s*package\s*\]\]\s*(?:#.*)?$/;
const ANY_HEADER = /^\s*\[/;
const NAME_KEY = /^\s*(?:name|"name"|'name')\s*=/;

/**
 * Parses a TOML lockfile whose entries are `[[package]]` tables (Poetry, uv, PDM). The TOML
 * parser reports no positions, so a light scan finds each entry's line: its `name = …` key in the
 * table's own body (not in a subtable or a multi-line string), else its `[[package]]` header.
 */
export function readTomlPackages(text: string): TomlPackagesResult {
  let document: TomlTable;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const message = error.message.split('\n')[0] ?? 'invalid TOML';
      return { ok: false, error: { message, line: error.line, column: error.column } };
    }
    // Pathological input (such as nesting deep enough to exhaust the stack) is still a value.
    return { ok: false, error: { message: `invalid TOML: ${String(error)}` } };
  }
  const tables = document.package ?? [];
  if (!Array.isArray(tables)) {
    return { ok: false, error: { message: '"package" must be an array of tables' } };
  }
  const lines = packageLines(text);
  const packages: { table: TomlTable; line: number }[] = [];
  for (const [index, table] of tables.entries()) {
    if (!isTable(table)) {
      return { ok: false, error: { message: `package ${String(index + 1)} must be a table` } };
    }
    packages.push({ table, line: lines[index] ?? 1 });
  }
  return { ok: true, document, packages };
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line of each `[[package]]` entry, in file order. */
function packageLines(text: string): number[] {
  const lines: number[] = [];
  let inPackageBody = false;
  let nameFound = false;
  let openMultiline: '"""' | "'''" | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    if (openMultiline !== undefined) {
      if (line.split(openMultiline).length % 2 === 0) openMultiline = undefined;
      continue;
    }
    if (PACKAGE_HEADER.test(line)) {
      lines.push(index + 1);
      inPackageBody = true;
      nameFound = false;
    } else if (ANY_HEADER.test(line)) {
      inPackageBody = false;
    } else if (inPackageBody && !nameFound && NAME_KEY.test(line)) {
      lines[lines.length - 1] = index + 1;
      nameFound = true;
    }
    for (const quote of ['"""', "'''"] as const) {
      if (line.split(quote).length % 2 === 0) openMultiline = quote;
    }
  }
  return lines;
}

import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { LockfileError } from './inventoryPackage.js';
import { splitDescriptor, yarnSource, type YarnEntry } from './yarnEntry.js';

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies'] as const;

function stringMap(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Reads a yarn berry (v2+) lockfile, which is YAML. The failsafe schema keeps every scalar a
 * string, so a version such as `1.10` is never read as a number.
 */
export function readYarnBerry(
  text: string,
  warnings: string[],
): { ok: true; entries: YarnEntry[] } | { ok: false; error: LockfileError } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const problem = document.errors[0];
  if (problem !== undefined) {
    const position = lineCounter.linePos(problem.pos[0]);
    return {
      ok: false,
      error: {
        message: problem.message.split('\n')[0] ?? 'invalid YAML',
        line: position.line,
        column: position.col,
      },
    };
  }
  const root = document.contents;
  if (!isMap(root))
    return { ok: false, error: { message: 'a yarn lockfile must be a YAML mapping', line: 1 } };
  const entries: YarnEntry[] = [];
  for (const pair of root.items) {
    if (
      !isScalar(pair.key) ||
      typeof pair.key.value !== 'string' ||
      pair.key.value === '__metadata'
    )
      continue;
    const header = pair.key.value;
    const line = lineCounter.linePos(pair.key.range[0]).line;
    const fields = stringMap(isMap(pair.value) ? pair.value.toJSON() : undefined);
    const { version, resolution } = fields;
    if (typeof version !== 'string' || typeof resolution !== 'string') {
      warnings.push(
        `line ${String(line)}: entry "${header}" has no string version and resolution; skipped`,
      );
      continue;
    }
    const resolved = splitDescriptor(resolution);
    const dependencies = DEPENDENCY_FIELDS.flatMap((field) =>
      Object.entries(stringMap(fields[field])).map(([name, range]) => `${name}@${String(range)}`),
    );
    entries.push({
      specs: header.split(',').map((spec) => spec.trim()),
      name: resolved.name,
      version,
      source: yarnSource(resolved.range),
      line,
      dependencies,
      workspace:
        resolved.range === 'workspace:.'
          ? 'root'
          : resolved.range.startsWith('workspace:')
            ? 'member'
            : undefined,
    });
  }
  return { ok: true, entries };
}

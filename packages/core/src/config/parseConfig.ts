import { LineCounter, parseDocument, isMap, isNode, isScalar } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema, type VigilConfig } from './schema.js';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted key path, e.g. `ignore[0].reason`; empty for the whole document. */
  key: string;
  message: string;
}

export type ConfigResult =
  { ok: true; config: VigilConfig } | { ok: false; problems: ConfigProblem[] };

/** `vigil.yaml:3:5: ignore[0].reason: expected …` */
export function formatConfigProblem(problem: ConfigProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.key
    ? `${where}: ${problem.key}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
  }
  return issue.message;
}

/** Parses and validates vigil.yaml text. Problems carry the file, position and key. */
export function parseConfig(text: string, file: string): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset);

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const { line, col } = at(error.pos[0]);
        return { file, line, column: col, key: '', message: error.message.split('\n')[0] ?? '' };
      }),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line: 1, column: 1, key: '', message }] };
  }

  const result = ConfigSchema.safeParse(data);
  if (result.success) return { ok: true, config: result.data };

  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        // Point at the first unknown key itself, not at the map that holds it.
        const key = issue.keys[0] ?? '';
        const map: unknown =
          issue.path.length === 0 ? doc.contents : doc.getIn(issue.path as unknown[], true);
        const pair = isMap(map)
          ? map.items.find((item) => isScalar(item.key) && item.key.value === key)
          : undefined;
        const offset = isNode(pair?.key) ? (pair.key.range?.[0] ?? 0) : 0;
        const { line, col } = at(offset);
        const path = keyPath([...issue.path, key]);
        return { file, line, column: col, key: path, message: describeIssue(issue) };
      }
      // Point at the deepest node that exists on the issue's path.
      let offset = 0;
      for (let depth = issue.path.length; depth >= 0; depth--) {
        const node: unknown = doc.getIn(issue.path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) {
          offset = node.range[0];
          break;
        }
      }
      const { line, col } = at(offset);
      return { file, line, column: col, key: keyPath(issue.path), message: describeIssue(issue) };
    }),
  };
}

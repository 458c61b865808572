import { parse as parseYaml } from 'yaml';
import { parseJsonWithLines } from '../inventory/parseJsonWithLines.js';
import { parseOsvRecord, type OsvRecord } from '../osv/osvRecord.js';

export type RecordTextParse = { ok: true; record: OsvRecord } | { ok: false; problem: string };

/**
 * One OSV record from the text of a `.json` or `.yaml` file, validated. YAML is read as YAML
 * 1.2 (timestamps stay strings, as the schema wants) with alias expansion bounded.
 */
export function parseRecordText(text: string, format: 'json' | 'yaml'): RecordTextParse {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problem: syntaxProblem(text, format, error) };
  }
  const parsed = parseOsvRecord(value);
  if (parsed.ok) return parsed;
  const [first, ...rest] = parsed.problems;
  const more = rest.length > 0 ? ` (and ${String(rest.length)} more)` : '';
  return { ok: false, problem: `not a valid OSV record: ${first ?? 'unknown problem'}${more}` };
}

/** JSON.parse is fast but vague about where; the slower parser names line and column. */
function syntaxProblem(text: string, format: 'json' | 'yaml', error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (format === 'yaml') return `invalid YAML: ${message}`;
  const located = parseJsonWithLines(text);
  if (located.ok) return `invalid JSON: ${message}`;
  const { line, column } = located.error;
  return `invalid JSON at line ${String(line)}, column ${String(column)}: ${located.error.message}`;
}

// Test support (excluded from the package by the `*.test.*` pattern): loads the real payload
// corpora from ../shared/data. `yaml` is a workspace devDependency, used here only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** packages/rasp/dist/testing/ → /work/shared/data/ */
const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export const LIBINJECTION_DIR = `${DATA}libinjection/`;
export const CRS_DIR = `${DATA}crs-regression/`;

/** Why a corpus is missing, or undefined when it is there. */
export function missingCorpus(dir: string): string | undefined {
  return existsSync(dir) ? undefined : `payload corpus not found at ${dir}: skipped`;
}

/** Decodes form-encoded text (`+` is a space); malformed `%` sequences are kept as they are. */
export function formDecode(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The payloads of libinjection files whose name starts with `prefix` (decoded, one a line). */
export function libinjectionPayloads(prefix: string): string[] {
  const payloads: string[] = [];
  for (const name of readdirSync(LIBINJECTION_DIR).sort()) {
    if (!name.startsWith(prefix) || !name.endsWith('.txt')) continue;
    for (const line of readFileSync(LIBINJECTION_DIR + name, 'utf8').split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      payloads.push(formDecode(trimmed));
    }
  }
  return payloads;
}

export interface CrsPayloads {
  /** Inputs the rule must flag (`expect_ids`). */
  readonly attacks: string[];
  /** Inputs the rule must let through (`no_expect_ids`). */
  readonly benign: string[];
}

/**
 * The argument values of the go-ftw tests in one CRS rule folder: the value of the first
 * parameter of the query string and of the body (`name=value`, not split on `&`, which payloads
 * often hold unencoded), or the whole body when it is not a form.
 */
export function crsPayloads(folder: string): CrsPayloads {
  const attacks: string[] = [];
  const benign: string[] = [];
  const dir = `${CRS_DIR}${folder}/`;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const document: unknown = parse(readFileSync(dir + name, 'utf8'));
    for (const stage of stagesOf(document)) {
      const values: string[] = [];
      const query = stage.uri?.split('?').slice(1).join('?');
      if (query !== undefined && query !== '') values.push(argumentValue(query));
      if (stage.data !== undefined && stage.data !== '') values.push(argumentValue(stage.data));
      (stage.positive ? attacks : benign).push(...values.map(formDecode));
    }
  }
  return { attacks, benign };
}

interface Stage {
  readonly uri: string | undefined;
  readonly data: string | undefined;
  readonly positive: boolean;
}

function stagesOf(document: unknown): Stage[] {
  const stages: Stage[] = [];
  const tests = field(document, 'tests');
  if (!Array.isArray(tests)) return stages;
  for (const test of tests as unknown[]) {
    const list = field(test, 'stages');
    if (!Array.isArray(list)) continue;
    for (const stage of list as unknown[]) {
      const input = field(stage, 'input');
      const log = field(field(stage, 'output'), 'log');
      const uri = field(input, 'uri');
      const data = field(input, 'data');
      stages.push({
        uri: typeof uri === 'string' ? uri : undefined,
        data: typeof data === 'string' ? data : undefined,
        positive: field(log, 'expect_ids') !== undefined,
      });
    }
  }
  return stages;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The value of a CRS test's `name=value` argument (the whole text when it has no name). */
export function argumentValue(text: string): string {
  const match = /^[\w.[\]-]+=/.exec(text);
  return match === null ? text : text.slice(match[0].length);
}

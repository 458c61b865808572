import { parseSync } from 'oxc-parser';
import type { Node } from '../ast.js';
import { LineIndex } from '@vigil/core';
import { estimateNesting } from './estimateNesting.js';

export interface ParseLimits {
  /** Files larger than this many bytes are skipped (minified bundles, generated code). */
  maxBytes: number;
  /** Files with a line longer than this many characters are skipped. */
  maxLineLength: number;
  /** Files estimated to nest deeper than this are skipped (see `estimateNesting`). */
  maxNesting: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxBytes: 1_000_000,
  maxLineLength: 10_000,
  maxNesting: 1_500,
};

export type ParseOutcome =
  | { kind: 'parsed'; program: Node; lines: LineIndex }
  | { kind: 'skipped'; reason: 'size' | 'line-length' | 'nesting'; detail: string }
  | { kind: 'error'; message: string; line: number; column: number };

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** Whether a path is JavaScript or TypeScript source the code scanner reads (not `.d.ts`). */
export function isCodePath(path: string): boolean {
  return SOURCE_EXTENSION.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

function languageOf(path: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return 'tsx';
  if (/\.[cm]?ts$/.test(lower)) return 'ts';
  // plain .js files often hold JSX (React); the JSX grammar reads every other .js file too
  return 'jsx';
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
    const end = i < 0 ? text.length : i;
    if (end - start > longest) longest = end - start;
    if (i < 0) return longest;
    start = i + 1;
  }
}

/**
 * Parses one JavaScript/TypeScript file with oxc-parser (ESM, CommonJS, JSX, TSX). Oversized,
 * minified and pathologically nested files are skipped with the reason; a syntax error gives
 * the first error's position. Never throws for any input text.
 */
export function parseSource(
  path: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseOutcome {
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes) {
    return {
      kind: 'skipped',
      reason: 'size',
      detail: `${String(bytes)} bytes > ${String(limits.maxBytes)}`,
    };
  }
  const longest = longestLine(text);
  if (longest > limits.maxLineLength) {
    return {
      kind: 'skipped',
      reason: 'line-length',
      detail: `a line of ${String(longest)} characters > ${String(limits.maxLineLength)}`,
    };
  }
  const nesting = estimateNesting(text);
  if (nesting > limits.maxNesting) {
    return {
      kind: 'skipped',
      reason: 'nesting',
      detail: `nesting estimated at ${String(nesting)} levels > ${String(limits.maxNesting)}`,
    };
  }
  const lines = new LineIndex(text);
  let result;
  try {
    result = parseSync(path, text, {
      lang: languageOf(path),
      sourceType: /\.c[jt]s$/i.test(path) ? 'commonjs' : 'unambiguous',
      preserveParens: false,
    });
  } catch (error) {
    return {
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
      line: 1,
      column: 1,
    };
  }
  const [first] = result.errors.filter((error) => (error.severity as string) === 'Error');
  if (first) {
    const offset = first.labels[0]?.start ?? 0;
    const { line, column } = lines.position(offset);
    return { kind: 'error', message: first.message, line, column };
  }
  return { kind: 'parsed', program: result.program as unknown as Node, lines };
}

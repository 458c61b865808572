import type { Region } from '@vigil/core';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import type { ParseWarning, Position } from '../parseWarning.js';

/** A key path into a document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** One document of a YAML stream: its plain value and where each part of it is written. */
export interface YamlDocument {
  /** The document as plain data, aliases expanded (within limits). */
  value: unknown;
  /**
   * The region of the entry at `path`: of its key (`part: 'key'`, the default, for entries of
   * a mapping) or of its value. Falls back to the deepest part of the path that exists.
   */
  locate(path: YamlPath, part?: 'key' | 'value'): Region;
  /** UTF-16 offsets of the value at `path` in the file's text, if it exists. */
  range(path: YamlPath): [number, number] | undefined;
}

export interface YamlParse {
  documents: YamlDocument[];
  warnings: ParseWarning[];
  /** Line and column of an offset in the text. */
  positionAt: (offset: number) => Position;
}

/**
 * Alias expansions allowed per document. A billion-laughs document needs far more; real
 * manifests and workflows use a handful.
 */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses a multi-document YAML stream with source positions. Documents with syntax errors are
 * left out with a warning naming the position; alias expansion is bounded so YAML bombs end
 * as a warning; deeply nested input that exhausts the stack is reported, never thrown.
 */
export function parseYamlDocuments(text: string): YamlParse {
  const lineCounter = new LineCounter();
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const warnings: ParseWarning[] = [];
  let parsed: Document.Parsed[];
  try {
    const result = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    parsed = Array.isArray(result) ? result : [];
  } catch (error) {
    // The parser recurses per nesting level; thousands of `[` exhaust the stack.
    return {
      documents: [],
      warnings: [
        {
          message: `YAML could not be parsed (${error instanceof RangeError ? 'nesting too deep' : String(error)})`,
          line: 1,
          column: 1,
        },
      ],
      positionAt,
    };
  }

  const documents: YamlDocument[] = [];
  for (const [index, document] of parsed.entries()) {
    const error = document.errors[0];
    if (error) {
      warnings.push({
        message: `YAML document ${String(index + 1)} does not parse: ${
          /call stack/i.test(error.message) ? 'nesting too deep' : firstLine(error.message)
        }`,
        ...positionAt(error.pos[0]),
      });
      continue;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (failure) {
      const start = document.range[0];
      warnings.push({
        message:
          failure instanceof ReferenceError
            ? `YAML document ${String(index + 1)} expands aliases too often (over ${String(MAX_ALIAS_COUNT)}): skipped as a possible YAML bomb`
            : `YAML document ${String(index + 1)} could not be read (${failure instanceof RangeError ? 'nesting too deep' : String(failure)})`,
        ...positionAt(start),
      });
      continue;
    }
    documents.push(positionedDocument(document, value, positionAt));
  }
  return { documents, warnings, positionAt };
}

function positionedDocument(
  document: Document.Parsed,
  value: unknown,
  positionAt: (offset: number) => Position,
): YamlDocument {
  const regionOf = (range: readonly [number, number, ...number[]] | null | undefined): Region => {
    const [from, to] = range ?? [0, 0];
    const start = positionAt(from);
    const end = positionAt(Math.max(to, from + 1));
    return {
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  };

  /** Follows `path` as far as it exists: the last node reached, and the key node it sat under. */
  const walk = (path: YamlPath): { node: Node | null; key?: Node; complete: boolean } => {
    let node = document.contents as Node | null;
    let key: Node | undefined;
    for (const step of path) {
      // Each step resolves at most one alias, so locating costs the path's length.
      if (isAlias(node)) node = node.resolve(document) ?? null;
      if (isMap(node) && typeof step === 'string') {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === step,
        );
        if (!pair) return { node, ...(key ? { key } : {}), complete: false };
        key = pair.key as Node;
        node = pair.value as Node | null;
        if (node === null) return { node: key, key, complete: true };
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as Node | undefined;
        if (!item) return { node, ...(key ? { key } : {}), complete: false };
        node = item;
        key = undefined;
      } else {
        return { node, ...(key ? { key } : {}), complete: false };
      }
    }
    return { node, ...(key ? { key } : {}), complete: true };
  };

  return {
    value,
    locate(path, part = 'key') {
      const found = walk(path);
      if (found.complete && part === 'key' && found.key) return regionOf(found.key.range);
      return regionOf((found.node ?? found.key)?.range);
    },
    range(path) {
      const found = walk(path);
      if (!found.complete || !found.node?.range) return undefined;
      return [found.node.range[0], found.node.range[1]];
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

import { SaxesParser } from 'saxes';
import type { LockfileError } from '../inventoryPackage.js';

/** One XML element of a POM, as far as the dependency inventory needs it. */
export interface PomElement {
  /** The local name, without any namespace prefix. */
  name: string;
  /** The line of the element's `<` (1-based). */
  line: number;
  children: PomElement[];
  /** The element's own character data, trimmed as Maven trims values. */
  text: string;
}

export type PomXmlRead = { ok: true; root: PomElement } | { ok: false; error: LockfileError };

/**
 * Elements deeper than this are checked for well-formedness but not kept: the deepest path the
 * inventory reads is `project/profiles/profile/dependencyManagement/dependencies/dependency/version`
 * (depth 7), while plugin `<configuration>` can nest without limit.
 */
const MAX_KEPT_DEPTH = 8;

/**
 * Reads a POM with a strict XML 1.0 parser (saxes) into a small element tree in which every element
 * knows the line it starts on. Nothing from a DOCTYPE is processed: only the five predefined XML
 * entities and character references are expanded, so external entities (XXE) and nested entity
 * bombs end in an "undefined entity" error naming the line and column instead of being fetched or
 * expanded. Malformed or truncated input is an error with its position.
 *
 * @example
 * const read = readPomXml('<project><artifactId>a</artifactId></project>');
 */
export function readPomXml(text: string): PomXmlRead {
  const lineStarts = lineStartOffsets(text);
  // Namespace processing is off: saxes resolves namespaces in time proportional to the depth of
  // each tag (quadratic on deep nesting), and POM element names are read without their prefix.
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: PomElement = { name: '#document', line: 1, children: [], text: '' };
  const stack: PomElement[] = [root];
  /** Open elements past MAX_KEPT_DEPTH, counted so that closing tags pop the right level. */
  let skippedDepth = 0;
  let failure: LockfileError | undefined;

  parser.on('opentagstart', (tag) => {
    if (stack.length > MAX_KEPT_DEPTH || skippedDepth > 0) {
      skippedDepth++;
      return;
    }
    // The parser stands just past the name (and the character after it), so the nearest `<`
    // before that is this tag's own, which may sit on an earlier line than the parser.
    const start = text.lastIndexOf('<', parser.position - 1);
    const element: PomElement = {
      name: localName(tag.name),
      line: lineOf(lineStarts, start),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (skippedDepth > 0) {
      skippedDepth--;
      return;
    }
    const element = stack.pop();
    if (element !== undefined) element.text = element.text.trim();
  });
  const appendText = (data: string): void => {
    const element = stack.at(-1);
    if (skippedDepth === 0 && element !== undefined && element !== root) element.text += data;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (error) => {
    failure ??= { message: error.message.replace(/^\d+:\d+: /, ''), ...errorPosition(parser) };
    throw error;
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (failure === undefined) throw error;
  }
  if (failure !== undefined) return { ok: false, error: failure };
  const project = root.children[0];
  if (project?.name !== 'project') {
    return {
      ok: false,
      error: {
        message: `the root element is <${project?.name ?? ''}>, not <project>`,
        line: project?.line ?? 1,
      },
    };
  }
  return { ok: true, root: project };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function errorPosition(parser: SaxesParser): { line: number; column: number } {
  return { line: parser.line, column: parser.column + 1 };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** The 1-based line holding `offset`, by binary search over the line start offsets. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

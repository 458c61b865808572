import type { Region } from '@vigil/core';
import type { ParseWarning, Position } from '../parseWarning.js';

/** A `--name=value` (or bare `--name`) option written before an instruction's arguments. */
export interface DockerfileFlag {
  name: string;
  value?: string;
}

/** A here-document (`<<EOF … EOF`) attached to a RUN, COPY or ADD instruction. */
export interface Heredoc {
  name: string;
  content: string;
  /** Line of the first content line (1-based). */
  line: number;
}

export interface DockerfileInstruction {
  /** Upper case, e.g. `RUN`. */
  keyword: string;
  flags: DockerfileFlag[];
  /**
   * Everything after the keyword and the flags, continuation lines joined (the escape
   * character and line break removed, comment lines inside the instruction dropped).
   */
  arguments: string;
  /** The exec form (`["executable", "param"]`) when the arguments are a JSON array of strings. */
  json?: string[];
  heredocs: Heredoc[];
  /** From the keyword to the end of the instruction's last line (heredocs included). */
  region: Region;
  /** Where a character of `arguments` is in the file. */
  positionAt(offset: number): Position;
}

export interface ParsedDockerfile {
  instructions: DockerfileInstruction[];
  /** The escape character: `\` unless a `# escape=` directive says otherwise. */
  escape: string;
  warnings: ParseWarning[];
}

const directivePattern = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const knownDirectives = new Set(['syntax', 'escape', 'check']);
const heredocKeywords = new Set(['RUN', 'COPY', 'ADD']);
const jsonKeywords = new Set([
  'RUN',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'COPY',
  'ADD',
  'VOLUME',
  'HEALTHCHECK',
]);
/** Instructions BuildKit knows; anything else is reported as a warning and kept. */
const knownKeywords = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** A run of joined text and where its first character is in the file. */
interface Segment {
  offset: number;
  line: number;
  column: number;
}

/**
 * Parses a Dockerfile the way BuildKit reads it: parser directives at the top (`# escape=`,
 * `# syntax=`), comment and blank lines, line continuations with the escape character,
 * here-documents for RUN/COPY/ADD, leading `--flags`, and the JSON (exec) form. Never throws:
 * what it cannot make sense of becomes a warning with a position.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const warnings: ParseWarning[] = [];
  let escape = '\\';
  let index = 0;

  const seenDirectives = new Set<string>();
  for (; index < lines.length; index++) {
    const match = directivePattern.exec(lines[index] ?? '');
    const name = match?.[1]?.toLowerCase();
    if (!match || name === undefined || !knownDirectives.has(name)) break;
    if (seenDirectives.has(name)) {
      warnings.push({
        message: `parser directive \`${name}\` is given more than once; the first one is used`,
        line: index + 1,
        column: 1,
      });
      continue;
    }
    seenDirectives.add(name);
    const value = match[2] ?? '';
    if (name === 'escape') {
      if (value === '\\' || value === '`') escape = value;
      else {
        warnings.push({
          message: `invalid escape directive \`${value.slice(0, 20)}\`: only \\ and \` are allowed; using \\`,
          line: index + 1,
          column: 1,
        });
      }
    }
  }

  const instructions: DockerfileInstruction[] = [];
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      index++;
      continue;
    }
    const startLine = index + 1;
    const startColumn = line.length - trimmed.length + 1;
    let joined = '';
    const segments: Segment[] = [];
    let current = trimmed;
    let currentColumn = startColumn;
    let lastLine = index;
    for (;;) {
      const continued = endsWithEscape(current, escape);
      const body = continued ? current.trimEnd().slice(0, -1) : current;
      segments.push({ offset: joined.length, line: lastLine + 1, column: currentColumn });
      joined += body;
      index++;
      if (!continued) break;
      // Blank and comment lines inside a continued instruction are dropped, as BuildKit does.
      while (index < lines.length) {
        const next = lines[index] ?? '';
        const nextTrimmed = next.trimStart();
        if (nextTrimmed !== '' && !nextTrimmed.startsWith('#')) break;
        index++;
      }
      if (index >= lines.length) break;
      current = lines[index] ?? '';
      currentColumn = 1;
      lastLine = index;
    }

    const keywordMatch = /^\S+/.exec(joined);
    const keyword = (keywordMatch?.[0] ?? '').toUpperCase();
    let cursor = keyword.length;
    const flags: DockerfileFlag[] = [];
    for (;;) {
      const flag = /^\s+--([A-Za-z][\w-]*)(?:=(\S*))?(?=\s|$)/.exec(joined.slice(cursor));
      if (!flag) break;
      flags.push({
        name: (flag[1] ?? '').toLowerCase(),
        ...(flag[2] === undefined ? {} : { value: flag[2] }),
      });
      cursor += flag[0].length;
    }
    while (cursor < joined.length && /\s/.test(joined.charAt(cursor))) cursor++;
    const argumentsOffset = cursor;
    const args = joined.slice(cursor).trimEnd();

    if (!knownKeywords.has(keyword)) {
      warnings.push({
        message: `unknown instruction \`${keyword.slice(0, 40)}\``,
        line: startLine,
        column: startColumn,
      });
    }

    const heredocs: Heredoc[] = [];
    if (heredocKeywords.has(keyword)) {
      for (const marker of heredocMarkers(args)) {
        const contentStart = index;
        const body: string[] = [];
        let terminated = false;
        while (index < lines.length) {
          const raw = lines[index] ?? '';
          index++;
          const candidate = marker.stripTabs ? raw.replace(/^\t+/, '') : raw;
          if (candidate === marker.name) {
            terminated = true;
            break;
          }
          body.push(candidate);
        }
        if (!terminated) {
          warnings.push({
            message: `here-document \`${marker.name}\` is never terminated`,
            line: startLine,
            column: startColumn,
          });
        }
        heredocs.push({ name: marker.name, content: body.join('\n'), line: contentStart + 1 });
      }
    }

    const endLineIndex = Math.max(index - 1, lastLine);
    const endText = lines[endLineIndex] ?? '';
    instructions.push({
      keyword,
      flags,
      arguments: args,
      ...(jsonKeywords.has(keyword) ? jsonForm(args) : {}),
      heredocs,
      region: {
        startLine,
        startColumn,
        endLine: endLineIndex + 1,
        endColumn: endText.length + 1,
      },
      positionAt: (offset) => positionIn(segments, argumentsOffset + offset),
    });
  }
  return { instructions, escape, warnings };
}

function endsWithEscape(line: string, escape: string): boolean {
  return line.trimEnd().endsWith(escape);
}

function positionIn(segments: readonly Segment[], offset: number): Position {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((segments[middle]?.offset ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const segment = segments[low] ?? { offset: 0, line: 1, column: 1 };
  return { line: segment.line, column: segment.column + offset - segment.offset };
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"` markers outside quotes, in order. */
function heredocMarkers(args: string): { name: string; stripTabs: boolean }[] {
  const markers: { name: string; stripTabs: boolean }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const char = args.charAt(i);
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      continue;
    }
    if (char !== '<' || args.charAt(i + 1) !== '<' || args.charAt(i + 2) === '<') continue;
    const marker = /^<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/.exec(args.slice(i, i + 300));
    if (!marker) continue;
    markers.push({ name: marker[3] ?? '', stripTabs: marker[1] === '-' });
    i += marker[0].length - 1;
  }
  return markers;
}

function jsonForm(args: string): { json?: string[] } {
  if (!args.startsWith('[')) return {};
  try {
    const value: unknown = JSON.parse(args);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return { json: value };
    }
  } catch {
    // Not valid JSON: BuildKit runs it in shell form, and so do we.
  }
  return {};
}

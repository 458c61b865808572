/** One nginx directive: `name args…;` or `name args… { … }`, with its position. */
export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  block?: NginxDirective[];
}

export interface NginxConfig {
  directives: NginxDirective[];
  /** Files named by `include` (not read: the checker works on one file). */
  includes: { path: string; line: number; column: number }[];
  errors: { message: string; line: number; column: number }[];
}

const MAX_DEPTH = 64;

interface Token {
  kind: 'word' | '{' | '}' | ';';
  value: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

class NginxSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** nginx's lexer: words (quotes and `\` escapes, `${var}`), `{`, `}`, `;`, `#` comments. */
function* tokenize(text: string): Generator<Token> {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const column = (offset: number) => offset - lineStart + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '{' || ch === '}' || ch === ';') {
      yield {
        kind: ch,
        value: ch,
        line,
        column: column(i),
        endLine: line,
        endColumn: column(i) + 1,
      };
      i++;
      continue;
    }
    const startLine = line;
    const startColumn = column(i);
    let value = '';
    if (ch === '"' || ch === "'") {
      i++;
      for (;;) {
        if (i >= text.length)
          throw new NginxSyntaxError('unterminated quoted string', startLine, startColumn);
        const c = text[i] ?? '';
        if (c === ch) {
          i++;
          break;
        }
        if (c === '\\' && i + 1 < text.length) {
          const next = text[i + 1] ?? '';
          value += next === ch || next === '\\' ? next : `\\${next}`;
          i += 2;
          continue;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += c;
        i++;
      }
    } else {
      while (i < text.length) {
        const c = text[i] ?? '';
        if (/[\s;{}]/.test(c) && !(c === '{' && text[i - 1] === '$')) break;
        if (c === '{' && text[i - 1] === '$') {
          const close = text.indexOf('}', i);
          if (close < 0) throw new NginxSyntaxError('unterminated ${ variable', line, column(i));
          value += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        if (c === '\\' && i + 1 < text.length) {
          value += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
    }
    yield {
      kind: 'word',
      value,
      line: startLine,
      column: startColumn,
      endLine: line,
      endColumn: column(i),
    };
  }
}

/**
 * Parses an nginx configuration file into its directive tree. Never throws: a syntax error is a
 * value with line and column, and the directives before it are kept.
 */
export function parseNginxConfig(text: string): NginxConfig {
  const root: NginxDirective[] = [];
  const includes: NginxConfig['includes'] = [];
  const stack: { list: NginxDirective[]; owner?: NginxDirective }[] = [{ list: root }];
  let pending: NginxDirective | undefined;
  try {
    for (const token of tokenize(text)) {
      const top = stack[stack.length - 1] ?? { list: root };
      if (token.kind === 'word') {
        if (pending) pending.args.push(token.value);
        else
          pending = {
            name: token.value,
            args: [],
            line: token.line,
            column: token.column,
            endLine: token.endLine,
            endColumn: token.endColumn,
          };
        pending.endLine = token.endLine;
        pending.endColumn = token.endColumn;
        continue;
      }
      if (token.kind === ';') {
        if (!pending) throw new NginxSyntaxError('unexpected ";"', token.line, token.column);
        pending.endLine = token.endLine;
        pending.endColumn = token.endColumn;
        top.list.push(pending);
        if (pending.name === 'include' && pending.args[0] !== undefined)
          includes.push({ path: pending.args[0], line: pending.line, column: pending.column });
        pending = undefined;
      } else if (token.kind === '{') {
        if (!pending) throw new NginxSyntaxError('unexpected "{"', token.line, token.column);
        if (stack.length > MAX_DEPTH)
          throw new NginxSyntaxError(
            `blocks nested deeper than ${String(MAX_DEPTH)} levels`,
            token.line,
            token.column,
          );
        pending.block = [];
        top.list.push(pending);
        stack.push({ list: pending.block, owner: pending });
        pending = undefined;
      } else {
        if (pending)
          throw new NginxSyntaxError(
            `directive "${pending.name}" is not terminated by ";"`,
            pending.line,
            pending.column,
          );
        if (stack.length === 1)
          throw new NginxSyntaxError('unexpected "}"', token.line, token.column);
        const closed = stack.pop();
        if (closed?.owner) {
          closed.owner.endLine = token.endLine;
          closed.owner.endColumn = token.endColumn;
        }
      }
    }
    if (pending)
      throw new NginxSyntaxError(
        `unexpected end of file, expecting ";" or "{" after "${pending.name}"`,
        pending.line,
        pending.column,
      );
    const open = stack[stack.length - 1]?.owner;
    if (open)
      throw new NginxSyntaxError(
        `unexpected end of file, block "${open.name}" is not closed`,
        open.line,
        open.column,
      );
    return { directives: root, includes, errors: [] };
  } catch (error) {
    if (!(error instanceof NginxSyntaxError)) throw error;
    return {
      directives: root,
      includes,
      errors: [{ message: error.message, line: error.line, column: error.column }],
    };
  }
}

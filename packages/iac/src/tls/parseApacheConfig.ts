/** An Apache httpd directive or section (`<VirtualHost *:443>` … `</VirtualHost>`). */
export interface ApacheNode {
  name: string;
  args: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Present for sections. */
  children?: ApacheNode[];
}

export interface ApacheConfig {
  nodes: ApacheNode[];
  errors: { message: string; line: number; column: number }[];
}

const MAX_DEPTH = 64;

/** Splits directive arguments: whitespace separated, `"…"`/`'…'` quoted with `\` escapes. */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const quote = text[i];
    let value = '';
    if (quote === '"' || quote === "'") {
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i] ?? '';
        i++;
      }
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i] ?? '')) value += text[i++] ?? '';
    }
    args.push(value);
  }
  return args;
}

/**
 * Parses an Apache httpd configuration: one directive per (logical) line, `\` continuations,
 * `#` comment lines, nested `<Section>` blocks. Never throws; errors name line and column.
 */
export function parseApacheConfig(text: string): ApacheConfig {
  const root: ApacheNode[] = [];
  const stack: ApacheNode[] = [];
  const errors: ApacheConfig['errors'] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let logical = lines[index] ?? '';
    while (/\\\r?$/.test(logical) && index + 1 < lines.length) {
      logical = logical.replace(/\\\r?$/, ' ') + (lines[++index] ?? '');
    }
    const trimmed = logical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const column = logical.length - logical.trimStart().length + 1;
    const endLine = index + 1;
    const endColumn = (lines[index] ?? '').trimEnd().length + 1;
    const parent = stack[stack.length - 1];
    const list = parent?.children ?? root;
    if (trimmed.startsWith('</')) {
      const name = trimmed.slice(2).replace(/>\s*$/, '').trim();
      if (parent?.name.toLowerCase() !== name.toLowerCase()) {
        errors.push({
          message: `</${name}> does not close ${parent ? `<${parent.name}>` : 'any section'}`,
          line: startLine,
          column,
        });
        break;
      }
      parent.endLine = endLine;
      parent.endColumn = endColumn;
      stack.pop();
      continue;
    }
    if (trimmed.startsWith('<')) {
      if (!trimmed.endsWith('>')) {
        errors.push({ message: 'section header is missing ">"', line: startLine, column });
        break;
      }
      if (stack.length >= MAX_DEPTH) {
        errors.push({
          message: `sections nested deeper than ${String(MAX_DEPTH)} levels`,
          line: startLine,
          column,
        });
        break;
      }
      const [name = '', ...args] = splitArgs(trimmed.slice(1, -1));
      const node: ApacheNode = {
        name,
        args,
        line: startLine,
        column,
        endLine,
        endColumn,
        children: [],
      };
      list.push(node);
      stack.push(node);
      continue;
    }
    const [name = '', ...args] = splitArgs(trimmed);
    list.push({ name, args, line: startLine, column, endLine, endColumn });
  }
  const open = stack[stack.length - 1];
  if (open && errors.length === 0)
    errors.push({
      message: `<${open.name}> is never closed`,
      line: open.line,
      column: open.column,
    });
  return { nodes: root, errors };
}

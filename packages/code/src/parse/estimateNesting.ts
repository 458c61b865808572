const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
/** Characters of operators that may nest expressions to the right (`a = b = …`, `a ? b : a ? …`). */
const OPERATOR = new Set(['=', '?', '!', '~', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>']);

/**
 * An upper estimate of how deeply a parser must recurse to read `text`: per open bracket one
 * level, plus the operators of the current list element at every open level. It skips strings,
 * comments and template text, and reads in one linear pass without recursion.
 *
 * Why: oxc-parser recurses natively and a few thousand nested levels overflow the thread's
 * stack, which kills the process (SIGSEGV) instead of throwing. Files estimated too deep are
 * never handed to it.
 */
export function estimateNesting(text: string): number {
  // operators counted in the current list element, one entry per open bracket (plus the top)
  const operators: number[] = [0];
  // brackets open before each `${` of a template literal, to resume its text at the `}`
  const templates: number[] = [];
  let depth = 0;
  let max = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const ch = text[i] ?? '';
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? length : end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 2;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i + 1, ch);
      continue;
    }
    if (ch === '`') {
      i = skipTemplateText(text, i + 1, templates, operators, depth);
      if (text[i - 2] === '$' && text[i - 1] === '{') depth++;
      continue;
    }
    if (OPEN.has(ch)) {
      depth++;
      operators.push(0);
    } else if (CLOSE.has(ch)) {
      if (ch === '}' && templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        operators.pop();
        depth--;
        i = skipTemplateText(text, i + 1, templates, operators, depth);
        if (text[i - 2] === '$' && text[i - 1] === '{') depth++;
        continue;
      }
      if (depth > 0) {
        depth--;
        operators.pop();
      }
    } else if (ch === ',' || ch === ';') {
      operators[operators.length - 1] = 0;
    } else if (OPERATOR.has(ch)) {
      operators[operators.length - 1] = (operators[operators.length - 1] ?? 0) + 1;
    }
    const estimate = depth + sumOf(operators);
    if (estimate > max) max = estimate;
    i++;
  }
  return max;
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

function skipQuoted(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === quote || ch === '\n') return i + 1;
    else i++;
  }
  return i;
}

/** Skips template text up to its closing backtick or a `${`, which opens a level. */
function skipTemplateText(
  text: string,
  from: number,
  templates: number[],
  operators: number[],
  depth: number,
): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '`') return i + 1;
    else if (ch === '$' && text[i + 1] === '{') {
      templates.push(depth + 1);
      operators.push(0);
      return i + 2;
    } else i++;
  }
  return i;
}

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
  const counter = new NestingCounter();
  const length = text.length;
  let i = 0;
  while (i < length) {
    const ch = text[i] ?? '';
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 2;
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i + 1, ch);
    } else if (ch === '`') {
      i = skipTemplateText(text, i + 1, counter);
    } else if (ch === '}' && counter.closesTemplateExpression()) {
      counter.close();
      counter.templates.pop();
      i = skipTemplateText(text, i + 1, counter);
    } else {
      if (OPEN.has(ch)) counter.open();
      else if (CLOSE.has(ch)) counter.close();
      else if (ch === ',' || ch === ';') counter.resetOperators();
      else if (OPERATOR.has(ch)) counter.operator();
      i++;
    }
  }
  return counter.max;
}

/** Open levels with the operators counted in each, and a running total, so each step is O(1). */
class NestingCounter {
  /** Operators in the current list element, one entry per open level (plus the top level). */
  private readonly operators: number[] = [0];
  /** Levels at which template expressions (`${`) were opened. */
  readonly templates: number[] = [];
  private total = 0;
  max = 0;

  private get depth(): number {
    return this.operators.length - 1;
  }

  private update(): void {
    const estimate = this.depth + this.total;
    if (estimate > this.max) this.max = estimate;
  }

  open(): void {
    this.operators.push(0);
    this.update();
  }

  close(): void {
    if (this.operators.length <= 1) return;
    this.total -= this.operators.pop() ?? 0;
  }

  operator(): void {
    this.operators[this.operators.length - 1] =
      (this.operators[this.operators.length - 1] ?? 0) + 1;
    this.total++;
    this.update();
  }

  resetOperators(): void {
    this.total -= this.operators[this.operators.length - 1] ?? 0;
    this.operators[this.operators.length - 1] = 0;
  }

  openTemplateExpression(): void {
    this.open();
    this.templates.push(this.depth);
  }

  closesTemplateExpression(): boolean {
    return this.templates.length > 0 && this.templates[this.templates.length - 1] === this.depth;
  }
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
function skipTemplateText(text: string, from: number, counter: NestingCounter): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '`') return i + 1;
    else if (ch === '$' && text[i + 1] === '{') {
      counter.openTemplateExpression();
      return i + 2;
    } else i++;
  }
  return i;
}

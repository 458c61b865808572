import type {
  HclAttribute,
  HclBinaryOperator,
  HclBlock,
  HclBody,
  HclDiagnostic,
  HclExpression,
  HclParseResult,
  HclPosition,
  HclRange,
  HclTemplatePart,
  HclTraversalStep,
} from './hclAst.js';

/**
 * Deeper nesting than any real configuration; hostile input (`[[[[…`) hits this limit and gets
 * an error instead of exhausting the stack.
 */
export const HCL_MAX_DEPTH = 128;

/** After this many errors the rest of the file is skipped: it is not HCL, or badly broken. */
const MAX_ERRORS = 20;

class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BINARY_LEVELS: readonly (readonly HclBinaryOperator[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/', '%'],
];

type NewlineMode = 'significant' | 'ignored';
type TemplateEnd = 'else' | 'endif' | 'endfor';

function isIdStart(ch: string): boolean {
  return /[\p{ID_Start}_]/u.test(ch);
}

function isIdContinue(ch: string): boolean {
  return /[\p{ID_Continue}\-_]/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * Parses HCL2 native syntax (Terraform `.tf` files) into a positioned syntax tree. Never
 * throws: syntax errors come back as values naming line and column, and the parser resumes at
 * the next top-level block.
 */
export function parseHcl(text: string): HclParseResult {
  return new HclParser(text).parseFile();
}

class HclParser {
  private pos = 0;
  private depth = 0;
  private newlines: NewlineMode = 'significant';
  private readonly lineStarts: number[] = [0];
  private readonly errors: HclDiagnostic[] = [];

  constructor(private readonly src: string) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  parseFile(): HclParseResult {
    const body: HclBody = { attributes: [], blocks: [], range: this.range(0, this.src.length) };
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.src.length) break;
      try {
        if (this.peek() === '}') throw this.error('unexpected "}"');
        this.parseItem(body);
      } catch (error) {
        if (!(error instanceof HclSyntaxError)) throw error;
        const { line, column } = this.position(error.offset);
        this.errors.push({ message: error.message, line, column });
        if (this.errors.length >= MAX_ERRORS) {
          this.errors.push({
            message: 'too many syntax errors; the rest of the file is skipped',
            line,
            column,
          });
          break;
        }
        this.depth = 0;
        this.newlines = 'significant';
        this.recover(error.offset);
      }
    }
    return { body, errors: this.errors };
  }

  /** Skips to the next line that starts with an identifier in column 1 (a top-level block). */
  private recover(from: number): void {
    let line = this.lineIndex(Math.max(from, this.pos)) + 1;
    for (; line < this.lineStarts.length; line++) {
      const start = this.lineStarts[line] ?? this.src.length;
      const ch = this.src[start];
      if (ch !== undefined && isIdStart(ch)) {
        this.pos = start;
        return;
      }
    }
    this.pos = this.src.length;
  }

  // --- positions -------------------------------------------------------------------------

  private lineIndex(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private position(offset: number): HclPosition {
    const index = this.lineIndex(offset);
    return { line: index + 1, column: offset - (this.lineStarts[index] ?? 0) + 1, offset };
  }

  private range(start: number, end: number): HclRange {
    return { start: this.position(start), end: this.position(end) };
  }

  private error(message: string, offset = this.pos): HclSyntaxError {
    return new HclSyntaxError(message, offset);
  }

  private describeHere(): string {
    if (this.pos >= this.src.length) return 'end of file';
    const ch = this.src[this.pos];
    if (ch === '\n') return 'newline';
    return `"${ch ?? ''}"`;
  }

  // --- characters --------------------------------------------------------------------------

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private startsWith(token: string): boolean {
    return this.src.startsWith(token, this.pos);
  }

  /** Skips blanks and comments; newlines too when `newlines` is true. Returns whether it crossed one. */
  private skipSpace(newlines: boolean): boolean {
    let crossed = false;
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.pos++;
      else if (ch === '\n') {
        if (!newlines) return crossed;
        crossed = true;
        this.pos++;
      } else if (ch === '#' || (ch === '/' && this.peek(1) === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else if (ch === '/' && this.peek(1) === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) throw this.error('unterminated /* comment');
        if (this.src.slice(this.pos, end).includes('\n')) crossed = true;
        this.pos = end + 2;
      } else return crossed;
    }
  }

  /** Whitespace inside an expression: newlines count only where the context ignores them. */
  private ws(): boolean {
    return this.skipSpace(this.newlines === 'ignored');
  }

  private expect(token: string, what = `"${token}"`): void {
    this.ws();
    if (!this.startsWith(token)) throw this.error(`expected ${what}, found ${this.describeHere()}`);
    this.pos += token.length;
  }

  private identifier(): string | undefined {
    const start = this.pos;
    const first = this.src[this.pos];
    if (first === undefined || !isIdStart(first)) return undefined;
    this.pos++;
    while (this.pos < this.src.length && isIdContinue(this.src[this.pos] ?? '')) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private enter(): void {
    if (++this.depth > HCL_MAX_DEPTH)
      throw this.error(`nesting deeper than ${String(HCL_MAX_DEPTH)} levels`);
  }

  private withNewlines<T>(mode: NewlineMode, parse: () => T): T {
    const saved = this.newlines;
    this.newlines = mode;
    try {
      return parse();
    } finally {
      this.newlines = saved;
    }
  }

  // --- bodies ------------------------------------------------------------------------------

  private parseItem(body: HclBody): void {
    const start = this.pos;
    const name = this.identifier();
    if (name === undefined)
      throw this.error(`expected an attribute or block name, found ${this.describeHere()}`);
    const nameRange = this.range(start, this.pos);
    this.skipSpace(false);
    if (this.peek() === '=' && this.peek(1) !== '=') {
      this.pos++;
      const expr = this.withNewlines('significant', () => this.parseExpression());
      const attribute: HclAttribute = {
        kind: 'attribute',
        name,
        nameRange,
        expr,
        range: this.range(start, this.pos),
      };
      this.endOfItem();
      body.attributes.push(attribute);
      return;
    }
    const labels: HclBlock['labels'] = [];
    for (;;) {
      this.skipSpace(false);
      const labelStart = this.pos;
      if (this.peek() === '"') {
        const label = this.parseQuotedTemplate();
        const value = staticText(label);
        if (value === undefined) throw this.error('block labels cannot be templates', labelStart);
        labels.push({ value, range: label.range });
      } else if (this.peek() === '{') {
        break;
      } else {
        const label = this.identifier();
        if (label === undefined)
          throw this.error(
            `expected "=", a block label or "{" after "${name}", found ${this.describeHere()}`,
          );
        labels.push({ value: label, range: this.range(labelStart, this.pos) });
      }
    }
    this.pos++;
    this.enter();
    const inner: HclBody = { attributes: [], blocks: [], range: this.range(this.pos, this.pos) };
    for (;;) {
      this.skipSpace(true);
      if (this.peek() === '}') break;
      if (this.pos >= this.src.length)
        throw this.error(
          `block "${name}" opened at line ${String(nameRange.start.line)} is never closed`,
        );
      this.parseItem(inner);
    }
    inner.range.end = this.position(this.pos);
    this.pos++;
    this.depth--;
    body.blocks.push({
      kind: 'block',
      type: name,
      labels,
      body: inner,
      range: this.range(start, this.pos),
    });
    this.endOfItem();
  }

  /** An item ends at a newline, the end of the file, or the `}` of a one-line block. */
  private endOfItem(): void {
    this.skipSpace(false);
    const ch = this.peek();
    if (ch === '\n' || ch === '}' || ch === undefined) return;
    throw this.error(`expected a newline after the item, found ${this.describeHere()}`);
  }

  // --- expressions -------------------------------------------------------------------------

  private parseExpression(): HclExpression {
    this.enter();
    const start = this.pos;
    const condition = this.parseBinary(0);
    let result = condition;
    this.ws();
    if (this.peek() === '?') {
      this.pos++;
      const then = this.parseExpression();
      this.expect(':');
      const otherwise = this.parseExpression();
      result = {
        kind: 'conditional',
        condition,
        then,
        else: otherwise,
        range: this.range(start, this.pos),
      };
    }
    this.depth--;
    return result;
  }

  private parseBinary(level: number): HclExpression {
    const operators = BINARY_LEVELS[level];
    if (operators === undefined) return this.parseUnary();
    const start = this.pos;
    let left = this.parseBinary(level + 1);
    for (;;) {
      const save = this.pos;
      this.ws();
      // Longer operators come first in each level, so `<=` wins over `<`.
      const op = operators.find((candidate) => this.startsWith(candidate));
      if (op === undefined) {
        this.pos = save;
        return left;
      }
      this.pos += op.length;
      const right = this.parseBinary(level + 1);
      left = { kind: 'binary', op, left, right, range: this.range(start, this.pos) };
    }
  }

  private parseUnary(): HclExpression {
    this.ws();
    const ch = this.peek();
    if (ch === '!' || (ch === '-' && !isDigit(this.peek(1)))) {
      const start = this.pos;
      this.pos++;
      this.enter();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: ch, operand, range: this.range(start, this.pos) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(target: HclExpression): HclExpression {
    let expr = target;
    const start = target.range.start.offset;
    for (;;) {
      const save = this.pos;
      this.ws();
      if (this.peek() === '.' && this.peek(1) === '*') {
        this.pos += 2;
        expr = this.parseSplat(expr, start, false);
      } else if (this.peek() === '[' && this.isFullSplat()) {
        this.pos = this.src.indexOf(']', this.pos) + 1;
        expr = this.parseSplat(expr, start, true);
      } else if (this.peek() === '.' && this.peek(1) !== '.') {
        const step = this.parseDotStep();
        expr =
          step.kind === 'attr'
            ? { kind: 'getAttr', target: expr, name: step.name, range: this.range(start, this.pos) }
            : { kind: 'index', target: expr, key: step.key, range: this.range(start, this.pos) };
      } else if (this.peek() === '[') {
        this.pos++;
        const key = this.withNewlines('ignored', () => this.parseExpression());
        this.withNewlines('ignored', () => {
          this.expect(']');
        });
        expr = { kind: 'index', target: expr, key, range: this.range(start, this.pos) };
      } else {
        this.pos = save;
        return expr;
      }
    }
  }

  private isFullSplat(): boolean {
    let i = this.pos + 1;
    while (this.src[i] === ' ' || this.src[i] === '\t') i++;
    if (this.src[i] !== '*') return false;
    i++;
    while (this.src[i] === ' ' || this.src[i] === '\t') i++;
    return this.src[i] === ']';
  }

  /** `.name` or the legacy `.0` index. */
  private parseDotStep(): HclTraversalStep {
    this.pos++;
    const stepStart = this.pos;
    if (isDigit(this.peek())) {
      while (isDigit(this.peek())) this.pos++;
      const value = Number(this.src.slice(stepStart, this.pos));
      return {
        kind: 'index',
        key: { kind: 'literal', value, range: this.range(stepStart, this.pos) },
      };
    }
    const name = this.identifier();
    if (name === undefined)
      throw this.error(`expected an attribute name after ".", found ${this.describeHere()}`);
    return { kind: 'attr', name };
  }

  private parseSplat(target: HclExpression, start: number, full: boolean): HclExpression {
    const traversal: HclTraversalStep[] = [];
    for (;;) {
      const save = this.pos;
      this.ws();
      if (this.peek() === '.' && this.peek(1) !== '*' && this.peek(1) !== '.') {
        traversal.push(this.parseDotStep());
      } else if (full && this.peek() === '[' && !this.isFullSplat()) {
        this.pos++;
        const key = this.withNewlines('ignored', () => this.parseExpression());
        this.withNewlines('ignored', () => {
          this.expect(']');
        });
        traversal.push({ kind: 'index', key });
      } else {
        this.pos = save;
        return { kind: 'splat', target, traversal, range: this.range(start, this.pos) };
      }
    }
  }

  private parsePrimary(): HclExpression {
    this.ws();
    const start = this.pos;
    const ch = this.peek();
    if (ch === undefined) throw this.error('expected an expression, found end of file');
    if (isDigit(ch) || (ch === '-' && isDigit(this.peek(1)))) return this.parseNumber();
    if (ch === '"') return this.parseQuotedTemplate();
    if (ch === '<' && this.peek(1) === '<') return this.parseHeredoc();
    if (ch === '[') return this.parseTupleOrFor();
    if (ch === '{') return this.parseObjectOrFor();
    if (ch === '(') {
      this.pos++;
      const expr = this.withNewlines('ignored', () => {
        const inner = this.parseExpression();
        this.expect(')');
        return inner;
      });
      return { kind: 'parens', expr, range: this.range(start, this.pos) };
    }
    const name = this.identifier();
    if (name === undefined)
      throw this.error(`expected an expression, found ${this.describeHere()}`);
    if (name === 'true' || name === 'false')
      return { kind: 'literal', value: name === 'true', range: this.range(start, this.pos) };
    if (name === 'null')
      return { kind: 'literal', value: null, range: this.range(start, this.pos) };
    let callee = name;
    // Provider-defined functions: `provider::aws::arn_parse(...)`.
    while (this.startsWith('::')) {
      this.pos += 2;
      const part = this.identifier();
      if (part === undefined) throw this.error('expected a function name after "::"');
      callee += `::${part}`;
    }
    const save = this.pos;
    this.skipSpace(false);
    if (this.peek() === '(') return this.parseCall(callee, start);
    if (callee !== name) throw this.error(`expected "(" after function name ${callee}`);
    this.pos = save;
    return { kind: 'variable', name, range: this.range(start, this.pos) };
  }

  private parseNumber(): HclExpression {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    while (isDigit(this.peek())) this.pos++;
    if (this.peek() === '.' && isDigit(this.peek(1))) {
      this.pos++;
      while (isDigit(this.peek())) this.pos++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      const save = this.pos;
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      if (!isDigit(this.peek())) this.pos = save;
      else while (isDigit(this.peek())) this.pos++;
    }
    const value = Number(this.src.slice(start, this.pos));
    return { kind: 'literal', value, range: this.range(start, this.pos) };
  }

  private parseCall(name: string, start: number): HclExpression {
    this.pos++;
    return this.withNewlines('ignored', () => {
      const args: HclExpression[] = [];
      let expandFinal = false;
      for (;;) {
        this.ws();
        if (this.peek() === ')') break;
        args.push(this.parseExpression());
        this.ws();
        if (this.startsWith('...')) {
          this.pos += 3;
          expandFinal = true;
          this.ws();
          if (this.peek() !== ')') throw this.error('"..." must follow the last argument');
          break;
        }
        if (this.peek() === ',') this.pos++;
        else if (this.peek() !== ')')
          throw this.error(
            `expected "," or ")" in the call of ${name}, found ${this.describeHere()}`,
          );
      }
      this.pos++;
      return { kind: 'call', name, args, expandFinal, range: this.range(start, this.pos) };
    });
  }

  /** Whether a `for` keyword (followed by an identifier) starts here. */
  private atForKeyword(): boolean {
    if (!this.startsWith('for')) return false;
    const after = this.peek(3);
    if (after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r') return false;
    let i = this.pos + 3;
    while (/\s/.test(this.src[i] ?? '')) i++;
    return isIdStart(this.src[i] ?? '');
  }

  private parseTupleOrFor(): HclExpression {
    const start = this.pos;
    this.pos++;
    return this.withNewlines('ignored', () => {
      this.enter();
      this.ws();
      if (this.atForKeyword()) {
        const result = this.parseFor(start, ']');
        this.depth--;
        return result;
      }
      const items: HclExpression[] = [];
      for (;;) {
        this.ws();
        if (this.peek() === ']') break;
        items.push(this.parseExpression());
        this.ws();
        if (this.peek() === ',') this.pos++;
        else if (this.peek() !== ']')
          throw this.error(`expected "," or "]" in the list, found ${this.describeHere()}`);
      }
      this.pos++;
      this.depth--;
      return { kind: 'tuple', items, range: this.range(start, this.pos) };
    });
  }

  private parseObjectOrFor(): HclExpression {
    const start = this.pos;
    this.pos++;
    this.enter();
    this.skipSpace(true);
    if (this.atForKeyword()) {
      const result = this.withNewlines('ignored', () => this.parseFor(start, '}'));
      this.depth--;
      return result;
    }
    const items: { key: HclExpression; value: HclExpression }[] = [];
    this.withNewlines('significant', () => {
      for (;;) {
        this.skipSpace(true);
        if (this.peek() === '}') break;
        const key = this.parseObjectKey();
        this.skipSpace(false);
        if (this.peek() === '=' && this.peek(1) !== '=') this.pos++;
        else if (this.peek() === ':') this.pos++;
        else
          throw this.error(
            `expected "=" or ":" after the object key, found ${this.describeHere()}`,
          );
        const value = this.parseExpression();
        items.push({ key, value });
        const crossed = this.skipSpace(false);
        if (this.peek() === ',') this.pos++;
        else if (this.peek() !== '}' && this.peek() !== '\n' && !crossed)
          throw this.error(
            `expected ",", a newline or "}" in the object, found ${this.describeHere()}`,
          );
      }
    });
    this.pos++;
    this.depth--;
    return { kind: 'object', items, range: this.range(start, this.pos) };
  }

  /** Object keys: a bare identifier is a string, anything else an expression. */
  private parseObjectKey(): HclExpression {
    const start = this.pos;
    const name = this.identifier();
    if (name !== undefined) {
      this.skipSpace(false);
      const next = this.peek();
      if ((next === '=' && this.peek(1) !== '=') || next === ':')
        return { kind: 'literal', value: name, range: this.range(start, start + name.length) };
      this.pos = start;
    }
    return this.parseBinary(0);
  }

  /** `k, v in collection` or `v in collection`, after `for`: shared by expressions and directives. */
  private parseForHeader(within: 'expression' | 'directive'): {
    keyVar?: string;
    valueVar: string;
    collection: HclExpression;
  } {
    this.ws();
    const first = this.identifier();
    if (first === undefined) throw this.error('expected a variable name after "for"');
    this.ws();
    let second: string | undefined;
    if (this.peek() === ',') {
      this.pos++;
      this.ws();
      second = this.identifier();
      if (second === undefined)
        throw this.error(
          within === 'expression'
            ? 'expected a second variable name after ","'
            : 'expected a variable name after ","',
        );
      this.ws();
    }
    if (this.identifier() !== 'in') throw this.error(`expected "in" in the for ${within}`);
    const collection = this.parseExpression();
    return second === undefined
      ? { valueVar: first, collection }
      : { keyVar: first, valueVar: second, collection };
  }

  private parseFor(start: number, close: ']' | '}'): HclExpression {
    this.pos += 3;
    const { keyVar, valueVar, collection } = this.parseForHeader('expression');
    this.expect(':');
    let keyExpr: HclExpression | undefined;
    let valueExpr = this.parseExpression();
    let grouping = false;
    if (close === '}') {
      this.expect('=>');
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      this.ws();
      if (this.startsWith('...')) {
        this.pos += 3;
        grouping = true;
      }
    }
    this.ws();
    let condition: HclExpression | undefined;
    const save = this.pos;
    if (this.identifier() === 'if') condition = this.parseExpression();
    else this.pos = save;
    this.expect(close);
    return {
      kind: 'for',
      ...(keyVar === undefined ? {} : { keyVar }),
      valueVar,
      collection,
      ...(keyExpr === undefined ? {} : { keyExpr }),
      valueExpr,
      ...(condition === undefined ? {} : { condition }),
      grouping,
      range: this.range(start, this.pos),
    };
  }

  // --- templates ---------------------------------------------------------------------------

  private parseQuotedTemplate(): HclExpression & { kind: 'template' } {
    const start = this.pos;
    this.pos++;
    this.enter();
    const { parts, ended } = this.parseTemplateParts({ quoted: true });
    if (ended !== undefined) throw this.error(`unexpected %{ ${ended} }`);
    this.depth--;
    return { kind: 'template', parts, heredoc: false, range: this.range(start, this.pos) };
  }

  private parseHeredoc(): HclExpression {
    const start = this.pos;
    this.pos += 2;
    const indented = this.peek() === '-';
    if (indented) this.pos++;
    const marker = this.identifier();
    if (marker === undefined) throw this.error('expected a heredoc marker after "<<"');
    this.skipSpace(false);
    if (this.peek() !== '\n') throw this.error('expected a newline after the heredoc marker');
    this.pos++;
    const contentStart = this.pos;
    const end = this.findHeredocEnd(marker);
    if (end === undefined) throw this.error(`heredoc "${marker}" is never closed`, start);
    const indent = indented ? this.commonIndent(contentStart, end.contentEnd) : 0;
    this.enter();
    const { parts, ended } = this.parseTemplateParts({
      quoted: false,
      end: end.contentEnd,
      indent,
    });
    if (ended !== undefined) throw this.error(`unexpected %{ ${ended} }`);
    this.depth--;
    this.pos = end.after;
    return { kind: 'template', parts, heredoc: true, range: this.range(start, this.pos) };
  }

  /** The line holding only the marker: where the content ends and where parsing resumes. */
  private findHeredocEnd(marker: string): { contentEnd: number; after: number } | undefined {
    let line = this.lineIndex(this.pos);
    for (; line < this.lineStarts.length; line++) {
      const lineStart = this.lineStarts[line] ?? 0;
      const next = this.lineStarts[line + 1];
      const lineEnd = next === undefined ? this.src.length : next - 1;
      if (this.src.slice(lineStart, lineEnd).trim() === marker)
        return { contentEnd: lineStart, after: lineEnd };
    }
    return undefined;
  }

  private commonIndent(start: number, end: number): number {
    let indent = Infinity;
    for (const line of this.src.slice(start, end).split('\n')) {
      if (line.trim() === '') continue;
      indent = Math.min(indent, line.length - line.trimStart().length);
    }
    return indent === Infinity ? 0 : indent;
  }

  private parseTemplateParts(
    mode: { quoted: true } | { quoted: false; end: number; indent: number },
  ): { parts: HclTemplatePart[]; ended?: TemplateEnd } {
    const parts: HclTemplatePart[] = [];
    let text = '';
    let textStart = this.pos;
    const flush = () => {
      if (text !== '')
        parts.push({ kind: 'text', value: text, range: this.range(textStart, this.pos) });
      text = '';
    };
    const limit = mode.quoted ? this.src.length : mode.end;
    let lineStart = !mode.quoted;
    for (;;) {
      if (lineStart && !mode.quoted) {
        let skipped = 0;
        while (skipped < mode.indent && (this.peek() === ' ' || this.peek() === '\t')) {
          this.pos++;
          skipped++;
        }
        lineStart = false;
      }
      if (this.pos >= limit) {
        if (mode.quoted) throw this.error('unterminated string');
        flush();
        return { parts };
      }
      const ch = this.src[this.pos];
      if (mode.quoted && ch === '"') {
        flush();
        this.pos++;
        return { parts };
      }
      if (mode.quoted && ch === '\n')
        throw this.error('unterminated string (newline in a quoted string)');
      if ((ch === '$' && this.startsWith('$${')) || (ch === '%' && this.startsWith('%%{'))) {
        text += `${ch}{`;
        this.pos += 3;
        continue;
      }
      if (ch === '$' && this.peek(1) === '{') {
        flush();
        const start = this.pos;
        this.pos += 2;
        const stripBefore = this.peek() === '~';
        if (stripBefore) this.pos++;
        const expr = this.withNewlines('ignored', () => this.parseExpression());
        this.withNewlines('ignored', () => this.ws());
        const stripAfter = this.peek() === '~';
        if (stripAfter) this.pos++;
        this.withNewlines('ignored', () => {
          this.expect('}', '"}" to close the interpolation');
        });
        if (stripBefore) trimEnd(parts);
        parts.push({ kind: 'interpolation', expr, range: this.range(start, this.pos) });
        if (stripAfter) this.skipTemplateSpace(limit);
        textStart = this.pos;
        continue;
      }
      if (ch === '%' && this.peek(1) === '{') {
        flush();
        const directive = this.parseDirective(mode, limit);
        if (directive.kind === 'end') return { parts, ended: directive.keyword };
        parts.push(directive.part);
        textStart = this.pos;
        continue;
      }
      if (mode.quoted && ch === '\\') {
        text += this.parseEscape();
        continue;
      }
      text += this.src[this.pos++] ?? '';
      if (ch === '\n') lineStart = true;
    }
  }

  private skipTemplateSpace(limit: number): void {
    while (this.pos < limit && /\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private parseDirective(
    mode: { quoted: true } | { quoted: false; end: number; indent: number },
    limit: number,
  ): { kind: 'part'; part: HclTemplatePart } | { kind: 'end'; keyword: TemplateEnd } {
    const start = this.pos;
    this.pos += 2;
    if (this.peek() === '~') this.pos++;
    return this.withNewlines('ignored', () => {
      this.ws();
      const keyword = this.identifier();
      const close = () => {
        this.ws();
        const strip = this.peek() === '~';
        if (strip) this.pos++;
        this.expect('}', '"}" to close the template directive');
        if (strip) this.skipTemplateSpace(limit);
      };
      switch (keyword) {
        case 'else':
        case 'endif':
        case 'endfor':
          close();
          return { kind: 'end', keyword };
        case undefined:
          throw this.error('expected a template directive keyword', start);
        case 'if': {
          const condition = this.parseExpression();
          close();
          const then = this.withNewlines('significant', () => this.parseTemplateParts(mode));
          let otherwise: HclTemplatePart[] = [];
          if (then.ended === 'else') {
            const rest = this.withNewlines('significant', () => this.parseTemplateParts(mode));
            if (rest.ended !== 'endif') throw this.error('expected %{ endif }', start);
            otherwise = rest.parts;
          } else if (then.ended !== 'endif') throw this.error('expected %{ endif }', start);
          return {
            kind: 'part',
            part: {
              kind: 'if',
              condition,
              then: then.parts,
              else: otherwise,
              range: this.range(start, this.pos),
            },
          };
        }
        case 'for': {
          const { keyVar, valueVar, collection } = this.parseForHeader('directive');
          close();
          const body = this.withNewlines('significant', () => this.parseTemplateParts(mode));
          if (body.ended !== 'endfor') throw this.error('expected %{ endfor }', start);
          return {
            kind: 'part',
            part: {
              kind: 'for',
              ...(keyVar === undefined ? {} : { keyVar }),
              valueVar,
              collection,
              body: body.parts,
              range: this.range(start, this.pos),
            },
          };
        }
        default:
          throw this.error(`unknown template directive "${keyword}"`, start);
      }
    });
  }

  private parseEscape(): string {
    const start = this.pos;
    const ch = this.src[this.pos + 1];
    this.pos += 2;
    switch (ch) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const length = ch === 'u' ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length)
          throw this.error(`invalid \\${ch} escape`, start);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw this.error(`invalid \\${ch} escape`, start);
        this.pos += length;
        return String.fromCodePoint(code);
      }
      case undefined:
        throw this.error('unterminated string', start);
      default:
        throw this.error(`invalid escape sequence "\\${ch}"`, start);
    }
  }
}

function trimEnd(parts: HclTemplatePart[]): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') last.value = last.value.trimEnd();
}

/** The text of a template without interpolations or directives, else undefined. */
export function staticText(expr: HclExpression): string | undefined {
  if (expr.kind !== 'template') return undefined;
  let text = '';
  for (const part of expr.parts) {
    if (part.kind !== 'text') return undefined;
    text += part.value;
  }
  return text;
}

/**
 * A minimal JavaScript lexer, enough to see the structure of code handed to `eval`,
 * `new Function` or `vm`: strings, template literals (with their `${...}` substitutions lexed as
 * code, nesting kept on an explicit stack), regular expression literals (told from division by
 * the previous token, as parsers do), numbers, names, comments and punctuators. Every character
 * belongs to exactly one token; linear time; never throws.
 */

export type JsTokenType =
  | 'whitespace'
  | 'line-comment'
  | 'block-comment'
  /** `'...'` or `"..."`, quotes included. */
  | 'string'
  /** Literal text of a template: from `` ` `` or `}` to `${` or `` ` ``, delimiters included. */
  | 'template'
  | 'regex'
  | 'number'
  /** Names and keywords. */
  | 'name'
  | 'punctuator'
  /** A character no JavaScript token starts with. */
  | 'invalid';

export interface JsToken {
  readonly type: JsTokenType;
  readonly start: number;
  readonly end: number;
  /** Set when a string, template, regex or comment is not closed before the end of the text. */
  readonly unterminated?: true;
}

/** Longest first, so that the first match is the longest. */
const PUNCTUATORS = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '!',
  '~',
  '?',
  ':',
  '=',
  '.',
  '@',
  '#',
];

/** After these names an expression starts, so `/` opens a regex. */
const KEYWORDS_BEFORE_EXPRESSION: ReadonlySet<string> = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

const LINE_TERMINATORS = '\n\r\u2028\u2029';

export function tokenizeJs(code: string): JsToken[] {
  const tokens: JsToken[] = [];
  if (typeof code !== 'string') return tokens;
  /** For each open `{`: true when it is a template's `${`, so its `}` resumes the template. */
  const braces: boolean[] = [];
  let previous: JsToken | undefined;
  let i = 0;
  const push = (type: JsTokenType, start: number, end: number, unterminated = false): void => {
    const token: JsToken = unterminated ? { type, start, end, unterminated } : { type, start, end };
    tokens.push(token);
    if (type !== 'whitespace' && type !== 'line-comment' && type !== 'block-comment') {
      previous = token;
    }
  };
  while (i < code.length) {
    const start = i;
    const c = code.charAt(i);
    if (/\s/.test(c) || c === '\ufeff') {
      while (i < code.length && (/\s/.test(code.charAt(i)) || code.charAt(i) === '\ufeff')) i++;
      push('whitespace', start, i);
    } else if (code.startsWith('//', i)) {
      while (i < code.length && !LINE_TERMINATORS.includes(code.charAt(i))) i++;
      push('line-comment', start, i);
    } else if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      i = end === -1 ? code.length : end + 2;
      push('block-comment', start, i, end === -1);
    } else if (c === '"' || c === "'") {
      i = quotedEnd(code, i + 1, c);
      push('string', start, Math.min(i, code.length), i > code.length);
      i = Math.min(i, code.length);
    } else if (c === '`' || (c === '}' && braces.at(-1) === true)) {
      if (c === '}') braces.pop();
      const { end, substitution, closed } = templateEnd(code, i + 1);
      i = end;
      push('template', start, i, !closed);
      if (substitution) braces.push(true);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(code.charAt(i + 1)))) {
      i = numberEnd(code, i);
      push('number', start, i);
    } else if (isNameStart(code, i)) {
      while (i < code.length && isNamePart(code, i)) i += code.charAt(i) === '\\' ? 6 : 1;
      i = Math.min(i, code.length);
      push('name', start, i);
    } else if (c === '/' && regexAllowed(code, previous)) {
      const end = regexEnd(code, i + 1);
      i = end.end;
      push('regex', start, i, !end.closed);
    } else {
      const punctuator = PUNCTUATORS.find((p) => code.startsWith(p, i));
      if (punctuator === undefined) {
        i += Math.max(1, String.fromCodePoint(code.codePointAt(i) ?? 0).length);
        push('invalid', start, i);
        continue;
      }
      i += punctuator.length;
      if (punctuator === '{') braces.push(false);
      else if (punctuator === '}') braces.pop();
      push('punctuator', start, i);
    }
  }
  return tokens;
}

/** The index after the closing quote, or `length + 1` when there is none. */
function quotedEnd(code: string, from: number, quote: string): number {
  let i = from;
  while (i < code.length) {
    const c = code.charAt(i);
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n' || c === '\r') return code.length + 1;
    else i++;
  }
  return code.length + 1;
}

function templateEnd(
  code: string,
  from: number,
): { end: number; substitution: boolean; closed: boolean } {
  let i = from;
  while (i < code.length) {
    const c = code.charAt(i);
    if (c === '\\') i += 2;
    else if (c === '`') return { end: i + 1, substitution: false, closed: true };
    else if (c === '$' && code.charAt(i + 1) === '{') {
      return { end: i + 2, substitution: true, closed: true };
    } else i++;
  }
  return { end: code.length, substitution: false, closed: false };
}

function numberEnd(code: string, from: number): number {
  let i = from;
  if (/^0[xXoObB]/.test(code.slice(i, i + 2))) {
    i += 2;
    while (i < code.length && /[0-9a-fA-F_]/.test(code.charAt(i))) i++;
  } else {
    while (i < code.length && /[0-9_]/.test(code.charAt(i))) i++;
    if (code.charAt(i) === '.') {
      i++;
      while (i < code.length && /[0-9_]/.test(code.charAt(i))) i++;
    }
    if (/[eE]/.test(code.charAt(i)) && /^[+-]?[0-9]/.test(code.slice(i + 1, i + 3))) {
      i += /[+-]/.test(code.charAt(i + 1)) ? 2 : 1;
      while (i < code.length && /[0-9_]/.test(code.charAt(i))) i++;
    }
  }
  if (code.charAt(i) === 'n') i++;
  return i;
}

function isNameStart(code: string, i: number): boolean {
  const c = code.charAt(i);
  return /[\p{ID_Start}$_]/u.test(c) || (c === '\\' && code.charAt(i + 1) === 'u');
}

function isNamePart(code: string, i: number): boolean {
  const c = code.charAt(i);
  return /[\p{ID_Continue}$\u200c\u200d]/u.test(c) || (c === '\\' && code.charAt(i + 1) === 'u');
}

/** A `/` opens a regex where an expression may start, and divides after a value. */
function regexAllowed(code: string, previous: JsToken | undefined): boolean {
  if (previous === undefined) return true;
  const text = code.slice(previous.start, previous.end);
  switch (previous.type) {
    case 'number':
    case 'string':
    case 'regex':
      return false;
    case 'template':
      return !text.endsWith('`');
    case 'name':
      return KEYWORDS_BEFORE_EXPRESSION.has(text);
    case 'punctuator':
      return !(text === ')' || text === ']' || text === '}' || text === '++' || text === '--');
    case 'whitespace':
    case 'line-comment':
    case 'block-comment':
    case 'invalid':
      return true;
  }
}

/** The end of a regex body and its flags; a class `[...]` may hold `/`. */
function regexEnd(code: string, from: number): { end: number; closed: boolean } {
  let i = from;
  let inClass = false;
  while (i < code.length) {
    const c = code.charAt(i);
    if (c === '\\') i += 2;
    else if (LINE_TERMINATORS.includes(c)) return { end: i, closed: false };
    else if (c === '[') {
      inClass = true;
      i++;
    } else if (c === ']') {
      inClass = false;
      i++;
    } else if (c === '/' && !inClass) {
      i++;
      while (i < code.length && /[a-z]/i.test(code.charAt(i))) i++;
      return { end: i, closed: true };
    } else i++;
  }
  return { end: code.length, closed: false };
}

/**
 * A lexer for POSIX `sh` command lines as `child_process.exec` hands them to `/bin/sh -c`.
 * Words are split into their parts (unquoted text, quoted text, expansions) so that a check can
 * see an expansion inside double quotes. The text of `$(...)`, backticks and `${...}` is not
 * lexed further: each is one token, found with an explicit stack of open contexts instead of
 * recursion, so nesting depth cannot exhaust the call stack. Every character belongs to exactly
 * one token; linear time.
 */

export type ShellTokenType =
  | 'whitespace'
  /** An unquoted newline: a command separator. */
  | 'newline'
  /** `#` at the start of a word, to the end of the line. */
  | 'comment'
  /** `;` `&&` `||` `|` `&` `;;` `|&` `(` `)` */
  | 'operator'
  /** `>` `<` `>>` `<<` `<<-` `<&` `>&` `<>` `>|` `&>`, with a leading file descriptor (`2>`). */
  | 'redirection'
  /** Unquoted characters. */
  | 'literal'
  /**
   * An unquoted backslash and the character it quotes (`\;`, `\l`, a line continuation): the
   * shell removes the backslash, so the word a program receives differs from the text.
   */
  | 'escaped'
  /** `'...'` and `$'...'`, quotes included. */
  | 'single-quoted'
  /** An opening or closing `"`. */
  | 'double-quote'
  /** Literal text between double quotes (expansions inside are tokens of their own). */
  | 'double-quoted'
  /** `$name`, `$1`, `$@`, `${...}` */
  | 'parameter-expansion'
  /** `$(...)` and `` `...` `` */
  | 'command-substitution'
  /** `$((...))` */
  | 'arithmetic-expansion'
  /** Unquoted `*`, `?` or `[`: pathname expansion. */
  | 'glob'
  /** `~` at the start of a word. */
  | 'tilde';

export interface ShellToken {
  readonly type: ShellTokenType;
  readonly start: number;
  readonly end: number;
  /** Set when a quote, substitution or expansion is not closed before the end of the text. */
  readonly unterminated?: true;
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')'];
const REDIRECTIONS = ['<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];
const SPECIAL_PARAMETERS = '@*#?-$!0123456789';

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Ends a word when unquoted: blanks, newline and the operator characters. */
function endsWord(c: number): boolean {
  return (
    isBlank(c) ||
    c === 10 ||
    c === 59 ||
    c === 38 ||
    c === 124 ||
    c === 40 ||
    c === 41 ||
    c === 60 ||
    c === 62
  );
}

type Context = 'paren' | 'brace' | 'backtick' | 'double-quote';

/**
 * End of a nested construct opened just before `from` (`$(`, `${` or a backtick), skipping
 * quotes and further nesting; `-1` when the text ends first.
 */
function nestedEnd(text: string, from: number, opened: Context): number {
  const n = text.length;
  const stack: Context[] = [opened];
  let i = from;
  while (i < n) {
    const context = stack[stack.length - 1];
    if (context === undefined) return i;
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (c === 92) {
      i += 2;
      continue;
    }
    if (context !== 'double-quote' && c === 39) {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    if (c === 36 && next === 40) {
      stack.push('paren');
      i += 2;
      continue;
    }
    if (c === 36 && next === 123) {
      stack.push('brace');
      i += 2;
      continue;
    }
    if (c === 96) {
      if (context === 'backtick') stack.pop();
      else stack.push('backtick');
      i++;
      continue;
    }
    if (c === 34) {
      if (context === 'double-quote') stack.pop();
      else stack.push('double-quote');
      i++;
      continue;
    }
    if (context === 'paren' && c === 40) stack.push('paren');
    else if ((context === 'paren' && c === 41) || (context === 'brace' && c === 125)) stack.pop();
    i++;
  }
  return stack.length === 0 ? i : -1;
}

/** The expansion or substitution starting at `i` (a `$` or a backtick), if any. */
function expansionAt(text: string, i: number): ShellToken | undefined {
  const n = text.length;
  const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
  const token = (type: ShellTokenType, end: number): ShellToken =>
    end === -1 ? { type, start: i, end: n, unterminated: true } : { type, start: i, end };
  if (text.charCodeAt(i) === 96)
    return token('command-substitution', nestedEnd(text, i + 1, 'backtick'));
  if (next === 40) {
    const type = text.charCodeAt(i + 2) === 40 ? 'arithmetic-expansion' : 'command-substitution';
    return token(type, nestedEnd(text, i + 2, 'paren'));
  }
  if (next === 123) return token('parameter-expansion', nestedEnd(text, i + 2, 'brace'));
  if (isNameStart(next)) {
    let j = i + 2;
    while (j < n && isNamePart(text.charCodeAt(j))) j++;
    return token('parameter-expansion', j);
  }
  if (next !== -1 && SPECIAL_PARAMETERS.includes(text.charAt(i + 1))) {
    return token('parameter-expansion', i + 2);
  }
  return undefined;
}

/**
 * Splits a `sh` command line into tokens.
 *
 * @example
 * tokenizeShell('grep "$USER" /etc/passwd | wc -l').map((t) => t.type)
 */
export function tokenizeShell(command: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  if (typeof command !== 'string') return tokens;
  const text = command;
  const n = text.length;
  const at = (k: number): number => (k < n ? text.charCodeAt(k) : -1);
  let i = 0;
  let atWordStart = true;

  const push = (type: ShellTokenType, start: number, end: number, unterminated = false): void => {
    const last = tokens[tokens.length - 1];
    // Adjacent literal characters of one word form one token.
    if (type === 'literal' && last?.type === 'literal' && last.end === start && !atWordStart) {
      tokens[tokens.length - 1] = { type, start: last.start, end };
    } else {
      tokens.push(unterminated ? { type, start, end, unterminated } : { type, start, end });
    }
    i = end;
  };

  const pushToken = (token: ShellToken): void => {
    tokens.push(token);
    i = token.end;
  };

  const doubleQuoted = (): void => {
    push('double-quote', i, i + 1);
    let textStart = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i = Math.min(n, i + 2);
        continue;
      }
      if (c === 34) {
        if (i > textStart) push('double-quoted', textStart, i);
        push('double-quote', i, i + 1);
        return;
      }
      const expansion = c === 36 || c === 96 ? expansionAt(text, i) : undefined;
      if (expansion === undefined) {
        i++;
        continue;
      }
      if (i > textStart) push('double-quoted', textStart, i);
      pushToken(expansion);
      textStart = i;
    }
    if (i > textStart) push('double-quoted', textStart, i);
    const last = tokens[tokens.length - 1];
    if (last !== undefined) tokens[tokens.length - 1] = { ...last, unterminated: true };
  };

  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      let j = i + 1;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      push('whitespace', start, j);
      atWordStart = true;
      continue;
    }
    if (c === 10) {
      push('newline', start, i + 1);
      atWordStart = true;
      continue;
    }
    if (c === 35 && atWordStart) {
      const newline = text.indexOf('\n', i);
      push('comment', start, newline === -1 ? n : newline);
      continue;
    }
    if (atWordStart && c >= 48 && c <= 57) {
      // A file descriptor number directly before a redirection: `2>&1`.
      let j = i + 1;
      while (j < n && at(j) >= 48 && at(j) <= 57) j++;
      const redirection = REDIRECTIONS.find((op) => text.startsWith(op, j) && !op.startsWith('&'));
      if (redirection !== undefined) {
        push('redirection', start, j + redirection.length);
        continue;
      }
    }
    if (endsWord(c)) {
      const redirection = REDIRECTIONS.find((op) => text.startsWith(op, i));
      if (redirection !== undefined) {
        push('redirection', start, i + redirection.length);
      } else {
        const operator = OPERATORS.find((op) => text.startsWith(op, i)) ?? text.charAt(i);
        push('operator', start, i + operator.length);
      }
      atWordStart = true;
      continue;
    }
    if (c === 92) {
      // A backslash at the very end quotes nothing and stays a literal backslash.
      push(i + 1 < n ? 'escaped' : 'literal', start, Math.min(n, i + 2));
    } else if (c === 39) {
      const close = text.indexOf("'", i + 1);
      push('single-quoted', start, close === -1 ? n : close + 1, close === -1);
    } else if (c === 34) {
      doubleQuoted();
    } else if (c === 36 && at(i + 1) === 39) {
      let j = i + 2;
      while (j < n && at(j) !== 39) j += at(j) === 92 ? 2 : 1;
      push('single-quoted', start, Math.min(n, j + 1), j >= n);
    } else if (c === 36 || c === 96) {
      const expansion = expansionAt(text, i);
      if (expansion === undefined) push('literal', start, i + 1);
      else pushToken(expansion);
    } else if (c === 42 || c === 63 || c === 91) {
      push('glob', start, i + 1);
    } else if (c === 126 && atWordStart) {
      push('tilde', start, i + 1);
    } else {
      push('literal', start, i + 1);
    }
    atWordStart = false;
  }
  return tokens;
}

/** A shell word: `text` has quotes and escapes removed; offsets are into the script. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
}

/** A simple command; commands joined by `|` share a `pipeline` number. */
export interface ShellCommand {
  words: ShellWord[];
  pipeline: number;
}

/** Words that introduce a compound command; the command proper starts after them. */
const reservedWords = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
]);

/**
 * Splits a POSIX shell script (a RUN line or here-document) into simple commands, enough to
 * see which programs run with which arguments and what is piped into what: quotes, escapes,
 * `$(…)`, backticks, `<(…)`, comments, `&& || ; & |` and redirections. Leading reserved
 * words and `NAME=value` assignments are dropped. Linear in the script's length.
 */
export function parseShellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let pipeline = 0;
  let text = '';
  let start = -1;
  let skipNextWord = false;

  const endWord = (end: number): void => {
    if (start < 0) return;
    if (skipNextWord) skipNextWord = false;
    else words.push({ text, start, end });
    text = '';
    start = -1;
  };
  const endCommand = (newPipeline: boolean): void => {
    let first = 0;
    while (first < words.length) {
      const word = words[first]?.text ?? '';
      if (reservedWords.has(word) || /^[A-Za-z_]\w*=/.test(word)) first++;
      else break;
    }
    if (first < words.length) commands.push({ words: words.slice(first), pipeline });
    words = [];
    if (newPipeline) pipeline++;
  };
  const begin = (at: number): void => {
    if (start < 0) start = at;
  };

  let i = 0;
  while (i < script.length) {
    const char = script.charAt(i);
    if (char === ' ' || char === '\t') {
      endWord(i);
      i++;
    } else if (char === '\n') {
      endWord(i);
      endCommand(true);
      i++;
    } else if (char === '#' && start < 0) {
      const newline = script.indexOf('\n', i);
      i = newline < 0 ? script.length : newline;
    } else if (char === '\\') {
      if (script.charAt(i + 1) === '\n') {
        i += 2;
        continue;
      }
      begin(i);
      text += script.charAt(i + 1);
      i += 2;
    } else if (char === "'") {
      begin(i);
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      text += script.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      begin(i);
      i++;
      while (i < script.length && script.charAt(i) !== '"') {
        const inner = script.charAt(i);
        if (inner === '\\' && '"\\$`\n'.includes(script.charAt(i + 1))) {
          if (script.charAt(i + 1) !== '\n') text += script.charAt(i + 1);
          i += 2;
        } else if (inner === '$' && script.charAt(i + 1) === '(') {
          const end = balancedEnd(script, i + 1);
          text += script.slice(i, end);
          i = end;
        } else {
          text += inner;
          i++;
        }
      }
      i++;
    } else if ((char === '$' || char === '<' || char === '>') && script.charAt(i + 1) === '(') {
      begin(i);
      const end = balancedEnd(script, i + 1);
      text += script.slice(i, end);
      i = end;
    } else if (char === '$' && script.charAt(i + 1) === '{') {
      begin(i);
      const close = script.indexOf('}', i);
      const end = close < 0 ? script.length : close + 1;
      text += script.slice(i, end);
      i = end;
    } else if (char === '`') {
      begin(i);
      let end = i + 1;
      while (end < script.length && script.charAt(end) !== '`') {
        end += script.charAt(end) === '\\' ? 2 : 1;
      }
      end = Math.min(end + 1, script.length);
      text += script.slice(i, end);
      i = end;
    } else if (char === '&' || char === '|' || char === ';' || char === '(' || char === ')') {
      const two = script.slice(i, i + 2);
      endWord(i);
      if (two === '&>') {
        skipNextWord = true;
        i += script.charAt(i + 2) === '>' ? 3 : 2;
        continue;
      }
      const pipe = char === '|' && two !== '||';
      endCommand(!pipe);
      i += two === '&&' || two === '||' || two === '|&' || two === ';;' ? 2 : 1;
    } else if (char === '<' || char === '>') {
      // A redirection: a file descriptor number just before it belongs to it, not to the command.
      if (start >= 0 && /^\d+$/.test(text)) {
        text = '';
        start = -1;
      } else endWord(i);
      const operator =
        /^(?:<<<|<<-?|>>|>&|<&|<>|>\||<|>)/.exec(script.slice(i, i + 3))?.[0] ?? char;
      i += operator.length;
      skipNextWord = true;
    } else {
      begin(i);
      text += char;
      i++;
    }
  }
  endWord(script.length);
  endCommand(true);
  return commands;
}

/** Offset just past the `)` that closes the `(` at `open`, or the script's end. */
function balancedEnd(script: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < script.length; i++) {
    const char = script.charAt(i);
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '\\') i++;
    else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return script.length;
}

/** Prefixes that run the next word as the program: `sudo`, `env`, `exec`, `nice`, … */
const wrappers = new Set(['sudo', 'env', 'exec', 'nice', 'nohup', 'command', 'time', 'doas']);
/** Wrapper options that take a value as the next word. */
const wrapperOptionsWithValue = new Set(['-u', '-g', '-n', '-C', '-h', '-p', '-U', '-r', '-t']);

/** The words of the command proper: wrappers such as `sudo -u app` and `env X=1` removed. */
export function unwrapCommand(words: readonly ShellWord[]): ShellWord[] {
  let index = 0;
  while (index < words.length && wrappers.has(programName(words[index]?.text ?? ''))) {
    index++;
    while (index < words.length) {
      const word = words[index]?.text ?? '';
      if (wrapperOptionsWithValue.has(word)) index += 2;
      else if (word.startsWith('-') || /^[A-Za-z_]\w*=/.test(word)) index++;
      else break;
    }
  }
  return words.slice(index);
}

/** `/usr/bin/curl` → `curl`. */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** One HAProxy configuration line: a keyword and its arguments. */
export interface HaproxyLine {
  words: string[];
  line: number;
  column: number;
  endColumn: number;
}

/** A section: `global`, `defaults [name]`, `frontend NAME`, `backend NAME`, `listen NAME`, … */
export interface HaproxySection {
  kind: string;
  name: string;
  line: number;
  column: number;
  lines: HaproxyLine[];
}

export interface HaproxyConfig {
  sections: HaproxySection[];
  errors: { message: string; line: number; column: number }[];
}

const SECTION_KEYWORDS = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'peers',
  'resolvers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
  'log-forward',
  'crt-store',
  'traces',
]);

/** HAProxy's word splitting: blanks separate, `"…"` and `'…'` quote, `\` escapes, `#` comments. */
function splitWords(text: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] ?? '';
      else word += ch;
      continue;
    }
    if (ch === '#') break;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < text.length) word += text[++i] ?? '';
    else word += ch;
  }
  if (quote) return { words, error: 'unterminated quoted string' };
  if (inWord) words.push(word);
  return { words };
}

/** Parses an HAProxy configuration into sections of keyword lines. Never throws. */
export function parseHaproxyConfig(text: string): HaproxyConfig {
  const sections: HaproxySection[] = [];
  const errors: HaproxyConfig['errors'] = [];
  const lines = text.split('\n');
  let current: HaproxySection | undefined;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const column = raw.length - raw.trimStart().length + 1;
    const { words, error } = splitWords(raw);
    if (error) errors.push({ message: error, line: index + 1, column });
    const [keyword] = words;
    if (keyword === undefined) continue;
    if (SECTION_KEYWORDS.has(keyword)) {
      current = { kind: keyword, name: words[1] ?? '', line: index + 1, column, lines: [] };
      sections.push(current);
      continue;
    }
    if (!current) {
      errors.push({ message: `"${keyword}" appears before any section`, line: index + 1, column });
      continue;
    }
    current.lines.push({ words, line: index + 1, column, endColumn: raw.trimEnd().length + 1 });
  }
  return { sections, errors };
}

/** The characters git writes as a backslash and a letter inside a quoted path. */
const ESCAPED: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  '\\': 0x5c,
};

/**
 * A path as git prints it in a diff header (`--- `, `+++ `, `rename to `), given as raw bytes
 * read one char per byte (latin1), returned as a UTF-8 string. Git quotes a path C-style when
 * it holds control characters, `"` or `\` (and, unless `core.quotepath=off`, non-ASCII bytes as
 * octal escapes); it appends a tab to an unquoted path that holds a space (for GNU patch).
 */
export function unquoteGitPath(field: string): string {
  if (!field.startsWith('"')) return decodeBytes(field.endsWith('\t') ? field.slice(0, -1) : field);
  const bytes: number[] = [];
  for (let i = 1; i < field.length; i++) {
    const char = field.charCodeAt(i);
    if (char === 0x22) break;
    if (char !== 0x5c) {
      bytes.push(char);
      continue;
    }
    const next = field.charAt(i + 1);
    if (next === '') break;
    const octal = /^[0-3][0-7]{2}/.exec(field.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      // Git writes no other escapes; keeping the character beats dropping the path.
      bytes.push(ESCAPED[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBytes(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/**
 * Path traversal by effect: user input is an attack when it occurs in the path handed to `fs` AND
 * it moves the resolved path out of where the application meant it to be, not when it merely
 * contains dots.
 *
 * The input is looked for as it arrived and in the forms the application may have turned it into
 * before use: percent-decoded (once or twice, including the overlong UTF-8 `%c0%ae` dot), and with
 * `../` stripped once by a naive filter (`....//` → `../`). For each form found in the path:
 * - a NUL byte (`\0`) truncates the path in C APIs: 'nul-byte';
 * - a `file:` URL names any file on the machine: 'file-url';
 * - an absolute input (`/etc/passwd`, `C:\`, `\\server\share`) that starts the path: 'absolute';
 * - `..` segments that climb above the directory where the input begins: 'dot-dot'. Segments are
 *   the path's own (split on `/` and `\`), so `a..b.txt` and `..hidden` are names.
 */

export type PathTraversalReason = 'dot-dot' | 'absolute' | 'file-url' | 'nul-byte';

export type PathTraversalVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: PathTraversalReason;
      /** The form of the input found in the path (as it arrived, or as the application decoded it). */
      readonly matched: string;
    };

export interface PathTraversalOptions {
  /** The application accepts absolute paths from users (a file browser): only climbing counts. */
  readonly allowAbsolute?: boolean;
}

const NOT_AN_ATTACK: PathTraversalVerdict = { attack: false };

/**
 * Every verdict needs a form of the input that holds `..` or a NUL, starts absolute or as a
 * `file:` URL; the forms are the input and its percent-decodings. Input with none of these and
 * no `%` (a host header, `readme.txt`) is skipped before its forms are made.
 */
const MAY_TRAVERSE = /\.\.|[%\0]|^\s*(?:[/\\]|[A-Za-z]:[/\\]|file:)/i;

/** Occurrences checked per form: a path repeating the input more often is checked only so far. */
const MAX_OCCURRENCES = 64;

const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:[/\\])/;
const FILE_URL = /^\s*file:/i;
const SEPARATOR = /[/\\]/;

/**
 * Tells whether `userInput`, found in `filePath`, takes the path out of the place meant for it.
 *
 * @example
 * detectPathTraversal('/srv/uploads/../../etc/passwd', '../../etc/passwd')
 * // → { attack: true, reason: 'dot-dot', matched: '../../etc/passwd' }
 */
export function detectPathTraversal(
  filePath: string | URL | Buffer,
  userInput: string,
  options: PathTraversalOptions = {},
): PathTraversalVerdict {
  if (typeof userInput !== 'string' || userInput.length === 0) return NOT_AN_ATTACK;
  if (!MAY_TRAVERSE.test(userInput)) return NOT_AN_ATTACK;
  const texts = pathTexts(filePath);
  if (texts === undefined) return NOT_AN_ATTACK;
  for (const form of inputForms(userInput)) {
    const reason = check(texts, form, options.allowAbsolute === true);
    if (reason !== undefined) return { attack: true, reason, matched: form };
  }
  return NOT_AN_ATTACK;
}

interface PathTexts {
  /** The path as the file system sees it. */
  readonly path: string;
  /** Where a `file:` URL would appear: the URL itself for a URL, else the path. */
  readonly url: string;
}

function pathTexts(filePath: string | URL | Buffer): PathTexts | undefined {
  if (typeof filePath === 'string') return { path: filePath, url: filePath };
  if (filePath instanceof URL) {
    return { path: percentDecode(filePath.pathname) ?? filePath.pathname, url: filePath.href };
  }
  if (Buffer.isBuffer(filePath)) {
    const path = filePath.toString('utf8');
    return { path, url: path };
  }
  return undefined;
}

function check(
  texts: PathTexts,
  form: string,
  allowAbsolute: boolean,
): PathTraversalReason | undefined {
  if (FILE_URL.test(form) && texts.url.includes(form)) return 'file-url';
  const { path } = texts;
  if (!path.includes(form)) return undefined;
  if (form.includes('\0')) return 'nul-byte';
  if (!allowAbsolute && ABSOLUTE.test(form) && path.startsWith(form)) return 'absolute';
  if (!form.includes('..')) return undefined;
  let from = 0;
  for (let count = 0; count < MAX_OCCURRENCES; count++) {
    const start = path.indexOf(form, from);
    if (start === -1) break;
    if (climbsAbove(path, start, start + form.length)) return 'dot-dot';
    from = start + 1;
  }
  return undefined;
}

/**
 * Walks the path's segments touched by the occurrence `[start, end)`, from the segment where it
 * begins to the one where it ends; depth 0 is the directory holding the first segment.
 */
function climbsAbove(path: string, start: number, end: number): boolean {
  let segmentStart = start;
  while (segmentStart > 0 && !SEPARATOR.test(path.charAt(segmentStart - 1))) segmentStart--;
  let segmentEnd = end;
  while (segmentEnd < path.length && !SEPARATOR.test(path.charAt(segmentEnd))) segmentEnd++;
  let depth = 0;
  for (const segment of path.slice(segmentStart, segmentEnd).split(SEPARATOR)) {
    if (segment === '..') {
      depth--;
      if (depth < 0) return true;
    } else if (segment !== '' && segment !== '.') {
      depth++;
    }
  }
  return false;
}

/** The input and what an application may have made of it before building the path. */
function inputForms(input: string): string[] {
  const forms = new Set<string>([input]);
  const once = percentDecode(input);
  if (once !== undefined) {
    forms.add(once);
    const twice = percentDecode(once);
    if (twice !== undefined) forms.add(twice);
  }
  for (const form of [...forms]) {
    forms.add(form.replaceAll('../', '').replaceAll('..\\', ''));
  }
  forms.delete('');
  return [...forms];
}

const OVERLONG: Readonly<Record<string, string>> = {
  '%c0%ae': '.',
  '%c0%af': '/',
  '%c1%9c': '\\',
  '%e0%80%ae': '.',
};

/** Percent-decodes `text`, keeping malformed sequences; undefined when there is nothing to do. */
function percentDecode(text: string): string | undefined {
  if (!text.includes('%')) return undefined;
  const decoded = text
    .replace(/%(?:c0%a[ef]|c1%9c|e0%80%ae)/gi, (sequence) => OVERLONG[sequence.toLowerCase()] ?? '')
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  return decoded === text ? undefined : decoded;
}

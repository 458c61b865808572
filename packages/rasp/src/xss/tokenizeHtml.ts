/**
 * A minimal HTML lexer after the WHATWG tokenizer's states, enough to see whether text in a page
 * opens a tag, an attribute or a comment: text, start tags split into their name, attribute
 * names, `=`, values and closing `>`, end tags, comments, doctypes and the raw text of `<script>`,
 * `<style>` and the like (which runs to its own end tag and holds no tags). `<` starts a tag only
 * before a letter, `/`, `!` or `?`, as in browsers. Every character belongs to exactly one token;
 * linear time; never throws.
 */

export type HtmlTokenType =
  | 'text'
  /** `<name`, the start of a start tag. */
  | 'tag-open'
  | 'attribute-name'
  | 'attribute-equals'
  /** A value with its quotes, or an unquoted one. */
  | 'attribute-value'
  /** `>` or `/>` ending a start tag. */
  | 'tag-close'
  /** `</name ... >` */
  | 'end-tag'
  | 'comment'
  /** `<!doctype ...>`, `<!...>` and `<?...>`. */
  | 'declaration'
  /** The content of a raw-text or escapable raw-text element. */
  | 'raw-text'
  /** Blanks and `/` between attributes. */
  | 'whitespace';

export interface HtmlToken {
  readonly type: HtmlTokenType;
  readonly start: number;
  readonly end: number;
  readonly unterminated?: true;
  /** For attribute names and values: the attribute's lowercase name. */
  readonly attribute?: string;
  /** For raw text: the lowercase name of the element holding it. */
  readonly element?: string;
}

/** Elements whose content is text up to their own end tag. */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);

const BLANK = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  if (typeof html !== 'string') return tokens;
  let i = 0;
  while (i < html.length) {
    const start = i;
    if (html.charAt(i) !== '<' || !startsMarkup(html, i)) {
      i = nextMarkup(html, i + 1);
      tokens.push({ type: 'text', start, end: i });
      continue;
    }
    const next = html.charAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close === -1 ? html.length : close + 3;
      tokens.push(withEnd({ type: 'comment', start, end: i }, close === -1));
    } else if (next === '!' || next === '?') {
      const close = html.indexOf('>', i + 2);
      i = close === -1 ? html.length : close + 1;
      tokens.push(withEnd({ type: 'declaration', start, end: i }, close === -1));
    } else if (next === '/') {
      // `</` before anything but a letter or `>` opens a bogus comment, up to the next `>`.
      const bogus = !LETTER.test(html.charAt(i + 2)) && html.charAt(i + 2) !== '>';
      const close = html.indexOf('>', i + 2);
      i = close === -1 ? html.length : close + 1;
      tokens.push(withEnd({ type: bogus ? 'comment' : 'end-tag', start, end: i }, close === -1));
    } else {
      const element = startTag(html, i, tokens);
      i = element.end;
      if (element.closed && RAW_TEXT_ELEMENTS.has(element.name)) {
        const close = rawTextEnd(html, i, element.name);
        if (close > i)
          tokens.push({ type: 'raw-text', start: i, end: close, element: element.name });
        i = close;
      }
    }
  }
  return tokens;
}

function withEnd(token: HtmlToken, unterminated: boolean): HtmlToken {
  return unterminated ? { ...token, unterminated } : token;
}

/**
 * A `<` opens markup before a letter, `!`, `?`, or `/` and any character: the HTML tokenizer's
 * end tag open state makes `</x` an end tag, `</>` nothing, and `</` before anything else a bogus
 * comment; only `</` at the very end stays text.
 */
function startsMarkup(html: string, i: number): boolean {
  const next = html.charAt(i + 1);
  if (LETTER.test(next) || next === '!' || next === '?') return true;
  return next === '/' && i + 2 < html.length;
}

function nextMarkup(html: string, from: number): number {
  let i = html.indexOf('<', from);
  while (i !== -1 && !startsMarkup(html, i)) i = html.indexOf('<', i + 1);
  return i === -1 ? html.length : i;
}

/** Lexes `<name attr=value ...>` into `tokens`; returns the tag's lowercase name and end. */
function startTag(
  html: string,
  from: number,
  tokens: HtmlToken[],
): { name: string; end: number; closed: boolean } {
  let i = from + 1;
  while (i < html.length && !BLANK.test(html.charAt(i)) && !'/>'.includes(html.charAt(i))) i++;
  const name = html.slice(from + 1, i).toLowerCase();
  tokens.push({ type: 'tag-open', start: from, end: i });
  let attribute = '';
  while (i < html.length) {
    const start = i;
    const c = html.charAt(i);
    if (c === '>' || html.startsWith('/>', i)) {
      i += c === '>' ? 1 : 2;
      tokens.push({ type: 'tag-close', start, end: i });
      return { name, end: i, closed: true };
    }
    if (BLANK.test(c) || c === '/') {
      while (
        i < html.length &&
        (BLANK.test(html.charAt(i)) || (html.charAt(i) === '/' && html.charAt(i + 1) !== '>'))
      )
        i++;
      tokens.push({ type: 'whitespace', start, end: i });
    } else if (c === '=' && attribute !== '') {
      i++;
      tokens.push({ type: 'attribute-equals', start, end: i });
      while (i < html.length && BLANK.test(html.charAt(i))) i++;
      if (i > start + 1) tokens.push({ type: 'whitespace', start: start + 1, end: i });
      i = attributeValue(html, i, attribute, tokens);
      attribute = '';
    } else {
      // A name runs to a blank, `/`, `>` or `=` (a leading `=` belongs to it, as in browsers).
      i++;
      while (i < html.length && !BLANK.test(html.charAt(i)) && !'/>='.includes(html.charAt(i))) i++;
      attribute = html.slice(start, i).toLowerCase();
      tokens.push({ type: 'attribute-name', start, end: i, attribute });
      let after = i;
      while (after < html.length && BLANK.test(html.charAt(after))) after++;
      if (html.charAt(after) === '=') {
        if (after > i) tokens.push({ type: 'whitespace', start: i, end: after });
        i = after;
      } else {
        attribute = '';
      }
    }
  }
  return { name, end: i, closed: false };
}

function attributeValue(
  html: string,
  from: number,
  attribute: string,
  tokens: HtmlToken[],
): number {
  if (from >= html.length) return from;
  const quote = html.charAt(from);
  if (quote === '"' || quote === "'") {
    const close = html.indexOf(quote, from + 1);
    const end = close === -1 ? html.length : close + 1;
    tokens.push(withEnd({ type: 'attribute-value', start: from, end, attribute }, close === -1));
    return end;
  }
  if (quote === '>') return from;
  let i = from;
  while (i < html.length && !BLANK.test(html.charAt(i)) && html.charAt(i) !== '>') i++;
  tokens.push({ type: 'attribute-value', start: from, end: i, attribute });
  return i;
}

/** Where the raw text of `element` ends: at `</element` followed by a blank, `/` or `>`. */
function rawTextEnd(html: string, from: number, element: string): number {
  const endTag = new RegExp(`</${element}(?=[\\t\\n\\f\\r />]|$)`, 'gi');
  endTag.lastIndex = from;
  return endTag.exec(html)?.index ?? html.length;
}

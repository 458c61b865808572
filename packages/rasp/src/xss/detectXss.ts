/**
 * Reflected XSS by structure: user input is an attack when it occurs unescaped in an HTML
 * response AND changes what the browser will parse: it opens a tag, an attribute (an event
 * handler among them), a comment or an end tag, leaves the attribute value or raw text it sits
 * in, makes a URL attribute a `javascript:` URL, or adds code to an event handler or a script.
 * Text that an application escaped, or that stays text (`a < b`, `O'Brien` in a paragraph), is
 * benign.
 *
 * Method: the same as SQL and shell (see `compareWithNeutral`), with `tokenizeHtml`; inside an
 * event handler attribute or a `<script>`, the code is checked with `detectCodeInjection`.
 */

import { detectCodeInjection } from '../code/detectCodeInjection.js';
import { checkOccurrences } from '../structure/compareWithNeutral.js';
import { tokenizeHtml, type HtmlToken } from './tokenizeHtml.js';

export type XssReason =
  | 'tag'
  | 'attribute'
  | 'event-handler'
  | 'javascript-url'
  | 'script'
  | 'comment'
  | 'attribute-escape';

export type XssVerdict =
  | { readonly attack: false }
  | {
      readonly attack: true;
      readonly reason: XssReason;
      /** The occurrence of the input blamed, as offsets into the HTML. */
      readonly start: number;
      readonly end: number;
    };

const NOT_AN_ATTACK: XssVerdict = { attack: false };

/** Letters, digits, blanks and light punctuation cannot open markup or a URL scheme anywhere. */
const PLAIN_TEXT = /^[\p{L}\p{N}\p{M} _.,!?@#%+*-]*$/u;

/** Attributes whose value is a URL a browser may navigate to or load. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'srcdoc',
  'background',
  'poster',
  'codebase',
  'cite',
  'ping',
]);

const DANGEROUS_URL = /^(?:javascript|vbscript|data:text\/html|data:image\/svg)/i;

/**
 * Tells whether `userInput`, found in `html`, changes what a browser will parse.
 *
 * @example
 * detectXss('<p>Hello <img src=x onerror=alert(1)></p>', '<img src=x onerror=alert(1)>')
 * // → { attack: true, reason: 'tag', start: 9, end: 37 }
 */
export function detectXss(html: string, userInput: string): XssVerdict {
  if (typeof html !== 'string' || typeof userInput !== 'string') return NOT_AN_ATTACK;
  if (userInput.length < 2 || PLAIN_TEXT.test(userInput)) return NOT_AN_ATTACK;
  if (!html.includes(userInput)) return NOT_AN_ATTACK;
  let semanticReason: XssReason | undefined;
  const check = checkOccurrences({
    text: html,
    input: userInput,
    escapedForms: [],
    tokenize: (text) => tokenizeHtml(text),
    acceptSlot: (slot, covered) => {
      const [token] = covered;
      const sameToken =
        covered.length === 1 &&
        token?.type === slot.type &&
        token.unterminated === slot.unterminated;
      if (!sameToken) return false;
      const reason = semanticChange(html, token, userInput);
      semanticReason ??= reason;
      return reason === undefined;
    },
  });
  if (!check.changed) return NOT_AN_ATTACK;
  const { actual, slot, span } = check;
  const { start, end } = span;
  const reason = semanticReason ?? explain(actual, slot, start, end);
  return { attack: true, reason, start, end };
}

/**
 * Changes the token structure cannot show: a URL attribute that became `javascript:`, code added
 * to an event handler or a script.
 */
function semanticChange(html: string, token: HtmlToken, input: string): XssReason | undefined {
  const text = html.slice(token.start, token.end);
  if (token.type === 'attribute-value' && token.attribute !== undefined) {
    const value = decodeEntities(text.replace(/^["']|["']$/g, ''));
    // Dangerous only when the input made it so: the page's own value was no such URL.
    if (
      URL_ATTRIBUTES.has(token.attribute) &&
      DANGEROUS_URL.test(stripUrlNoise(value)) &&
      !DANGEROUS_URL.test(stripUrlNoise(value.replace(decodeEntities(input), '')))
    ) {
      return 'javascript-url';
    }
    if (
      token.attribute.startsWith('on') &&
      detectCodeInjection(value, decodeEntities(input)).attack
    ) {
      return 'event-handler';
    }
  }
  if (token.type === 'raw-text' && token.element === 'script') {
    if (detectCodeInjection(text, input).attack) return 'script';
  }
  return undefined;
}

/** Browsers skip leading blanks and control characters, and tabs and newlines anywhere. */
function stripUrlNoise(url: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is stripped
  return url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
}

/** Numeric references and the few named ones used to hide a scheme. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const named: Record<string, string> = {
    colon: ':',
    tab: '\t',
    newline: '\n',
    lpar: '(',
    rpar: ')',
    quot: '"',
    apos: "'",
    amp: '&',
    lt: '<',
    gt: '>',
  };
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi,
    (whole, hex?: string, dec?: string, name?: string) => {
      const code =
        hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? Number(dec) : undefined;
      if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      return named[(name ?? '').toLowerCase()] ?? whole;
    },
  );
}

function explain(
  actual: readonly HtmlToken[],
  slot: HtmlToken | undefined,
  start: number,
  end: number,
): XssReason {
  const inside = actual.filter((token) => token.end > start && token.start < end);
  const names = inside.filter((token) => token.type === 'attribute-name');
  if (names.some((token) => token.attribute?.startsWith('on') === true)) return 'event-handler';
  if (inside.some((token) => token.type === 'tag-open' || token.type === 'end-tag')) return 'tag';
  if (slot?.type === 'attribute-value') return 'attribute-escape';
  if (names.length > 0) return 'attribute';
  if (inside.some((token) => token.type === 'comment' || token.type === 'declaration')) {
    return 'comment';
  }
  return slot?.type === 'raw-text' ? 'script' : 'tag';
}

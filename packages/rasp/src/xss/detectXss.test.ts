import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectXss } from './detectXss.js';
import { tokenizeHtml } from './tokenizeHtml.js';

const page = (body: string): string =>
  `<!doctype html><html><head><title>Search</title></head><body>${body}</body></html>`;

const contexts: Readonly<Record<string, (input: string) => string>> = {
  text: (input) => page(`<p>You searched for ${input}</p>`),
  quoted: (input) => page(`<input name="q" value="${input}">`),
  single: (input) => page(`<input name='q' value='${input}'>`),
  unquoted: (input) => page(`<input name=q value=${input}>`),
  href: (input) => page(`<a href="${input}">link</a>`),
  query: (input) => page(`<a href="/search?q=${input}">again</a>`),
  handler: (input) => page(`<button onclick="select('${input}')">go</button>`),
  script: (input) => page(`<script>var q = '${input}';</script>`),
  comment: (input) => page(`<!-- query: ${input} -->`),
  textarea: (input) => page(`<textarea>${input}</textarea>`),
};

function reasonOf(context: string, input: string): string {
  const build = contexts[context];
  if (build === undefined) throw new Error(context);
  const verdict = detectXss(build(input), input);
  return verdict.attack ? verdict.reason : 'benign';
}

test('input that opens markup or leaves its context is an attack', () => {
  const cases: readonly (readonly [string, string, string])[] = [
    ['text', '<script>alert(1)</script>', 'tag'],
    ['text', '<img src=x onerror=alert(1)>', 'event-handler'],
    ['text', '<svg/onload=alert(1)>', 'event-handler'],
    ['text', '</p><iframe src="//evil">', 'tag'],
    ['text', '<!--', 'comment'],
    // `</` before a non-letter opens a bogus comment up to the next `>`.
    ['text', '<// style=x:expression\\28write(1)\\29>', 'comment'],
    ['text', '</ p>', 'comment'],
    ['text', '</>', 'tag'],
    ['quoted', '"><script>alert(1)</script>', 'tag'],
    ['quoted', '" onfocus="alert(1)" autofocus="', 'event-handler'],
    ['quoted', '" style="x', 'attribute-escape'],
    ['single', "' onmouseover='alert(1)", 'event-handler'],
    ['unquoted', 'x onfocus=alert(1) autofocus', 'event-handler'],
    ['href', 'javascript:alert(document.cookie)', 'javascript-url'],
    ['href', ' JaVaScRiPt:alert(1)', 'javascript-url'],
    ['href', 'java&#x09;script&colon;alert(1)', 'javascript-url'],
    ['href', 'data:text/html;base64,PHNjcmlwdD4=', 'javascript-url'],
    ['handler', "'); alert(1); ('", 'event-handler'],
    ['handler', '&#39;); alert(1); (&#39;', 'event-handler'],
    ['script', "'; alert(1); '", 'script'],
    ['script', '</script><script>alert(1)</script>', 'tag'],
    ['comment', '--><script>alert(1)</script><!--', 'tag'],
    ['textarea', '</textarea><script>alert(1)</script>', 'tag'],
  ];
  for (const [context, input, reason] of cases) {
    assert.equal(reasonOf(context, input), reason, `${context}: ${input}`);
  }
});

test('input that stays text or a value is benign', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['text', "O'Brien & Sons"],
    ['text', 'a < b and c > d'],
    ['text', '1<2'],
    ['text', '1 < /2'],
    ['text', 'say "hi" (twice); ok?'],
    ['text', 'C:\\path\\file.txt'],
    ['text', 'javascript:alert(1)'],
    ['text', 'https://example.com/?a=1&b=2'],
    ['quoted', "O'Brien"],
    ['quoted', 'a > b; c = d'],
    ['single', 'say "hi"'],
    ['href', 'https://example.com/page?x=1'],
    ['href', '/relative/path#frag'],
    ['query', 'javascript:alert(1)'],
    ['handler', 'hello world, friend'],
    ['script', 'a "quoted" value'],
    ['comment', 'anything < here'],
    ['textarea', '<b>not a tag in a textarea</b>'],
  ];
  for (const [context, input] of cases) {
    assert.equal(reasonOf(context, input), 'benign', `${context}: ${input}`);
  }
});

test('escaped or absent input is benign', () => {
  const escaped = (text: string): string =>
    text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const input = '"><script>alert(1)</script>';
  assert.deepEqual(detectXss(page(`<p>${escaped(input)}</p>`), input), { attack: false });
  assert.deepEqual(detectXss(page('<p>nothing</p>'), input), { attack: false });
  assert.deepEqual(detectXss(page('<p>x</p>'), '<'), { attack: false });
  assert.deepEqual(detectXss(null as unknown as string, input), { attack: false });
});

test('reports where the input is', () => {
  const input = '<img src=x onerror=alert(1)>';
  const html = `<p>Hello ${input}</p>`;
  assert.deepEqual(detectXss(html, input), {
    attack: true,
    reason: 'event-handler',
    start: 9,
    end: 9 + input.length,
  });
});

test('the tokenizer covers every character and copes with hostile markup', () => {
  const inputs = [
    '',
    '<',
    '<a',
    '<a href="x',
    '<a href=x',
    '</',
    '<!--',
    '<script>never closed',
    '<SCRIPT>x</ScRiPt >y',
    '<' + 'a '.repeat(50_000),
    '\u0000<\uD800>',
    '<p =x ==y a=\'1\'b="2">',
  ];
  for (const html of inputs) {
    let position = 0;
    for (const token of tokenizeHtml(html)) {
      assert.equal(token.start, position, JSON.stringify(html.slice(0, 30)));
      assert.ok(token.end > token.start);
      position = token.end;
    }
    assert.equal(position, html.length);
  }
  assert.deepEqual(
    tokenizeHtml('<SCRIPT>x</ScRiPt >y').map((token) => token.type),
    ['tag-open', 'tag-close', 'raw-text', 'end-tag', 'text'],
  );
});

test('huge pages are checked in bounded time', () => {
  const big = page('<p>row</p>'.repeat(50_000));
  const input = '<script>alert(1)</script>';
  const started = performance.now();
  assert.equal(detectXss(`${big}<p>${input}</p>`, input).attack, true);
  assert.equal(detectXss(big, input).attack, false);
  assert.ok(performance.now() - started < 3_000);
});

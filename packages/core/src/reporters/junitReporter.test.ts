import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXmlAttribute, escapeXmlText, renderJunit } from './junitReporter.js';
import { sampleReport, sampleResults } from './sampleReport.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** XML 1.0 `Char`: what may appear in a document, literally or as a reference. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & at ${where}`);
    const numeric = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(ref);
    if (numeric) {
      const code = numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (!isXmlChar(code)) throw new Error(`reference to an invalid character ${match}`);
      return String.fromCodePoint(code);
    }
    const char = named[ref];
    if (char === undefined) throw new Error(`unknown entity ${match} at ${where}`);
    return char;
  });
}

/** A strict parser for the subset of XML the reporter writes; throws on anything malformed. */
function parseXml(xml: string): XmlElement {
  for (const char of xml) {
    const code = char.codePointAt(0) ?? 0;
    if (!isXmlChar(code)) throw new Error(`invalid character U+${code.toString(16)}`);
  }
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) throw new Error('missing XML declaration');
  const name = '[A-Za-z_][\\w.-]*';
  const tag = new RegExp(
    `<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`,
    'y',
  );
  const attribute = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let position = declaration[0].length;
  while (position < xml.length) {
    const next = xml.indexOf('<', position);
    const text = xml.slice(position, next === -1 ? xml.length : next);
    const current = stack.at(-1);
    if (current) current.text += decode(text, position);
    else if (text.trim()) throw new Error(`text outside the root element at ${position}`);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed tag at ${next}: ${xml.slice(next, next + 40)}`);
    const [whole, closing, tagName = '', rawAttributes = '', selfClosing] = match;
    position = next + whole.length;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== tagName) throw new Error(`</${tagName}> closes <${open?.name ?? ''}>`);
      continue;
    }
    const element: XmlElement = { name: tagName, attributes: {}, children: [], text: '' };
    for (const [, key = '', double, single] of rawAttributes.matchAll(attribute)) {
      if (key in element.attributes) throw new Error(`duplicate attribute ${key}`);
      element.attributes[key] = decode(double ?? single ?? '', next);
    }
    if (current) current.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

function child(element: XmlElement, name: string, index = 0): XmlElement {
  const found = children(element, name)[index];
  assert.ok(found, `<${element.name}> has no <${name}> #${index}`);
  return found;
}

test('the strict checker rejects malformed XML', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  for (const bad of [
    `${head}<a><b></a></b>`,
    `${head}<a x="1 & 2"/>`,
    `${head}<a>&#0;</a>`,
    `${head}<a>\u0007</a>`,
    `${head}<a/><b/>`,
    `${head}<a x="<"/>`,
  ]) {
    assert.throws(() => parseXml(bad), Error, bad);
  }
});

test('one testsuite per scanner, a failure per open finding, a passing case for a clean scanner', () => {
  const root = parseXml(renderJunit(sampleReport()));
  assert.equal(root.name, 'testsuites');
  assert.deepEqual(root.attributes, {
    name: 'vigil',
    tests: '7',
    failures: '6',
    errors: '0',
    time: '0.812',
  });
  const suites = children(root, 'testsuite');
  assert.deepEqual(
    suites.map((suite) => [
      suite.attributes.name,
      suite.attributes.tests,
      suite.attributes.failures,
    ]),
    [
      ['secrets', '2', '2'],
      ['deps', '2', '2'],
      ['sast', '1', '1'],
      ['dast', '1', '1'],
      ['iac', '1', '0'],
    ],
  );
  const iac = children(child(root, 'testsuite', 4), 'testcase');
  assert.deepEqual(
    iac.map((testcase) => [testcase.attributes.name, testcase.children.length]),
    [['no findings', 0]],
  );

  const secrets = child(root, 'testsuite', 0);
  const patCase = child(secrets, 'testcase', 0);
  const patFailure = child(patCase, 'failure');
  assert.equal(patCase.attributes.name, 'secrets/github-pat config/settings.env:2:14');
  assert.equal(patFailure.attributes.type, 'high');
  assert.equal(
    patFailure.attributes.message,
    'secrets/github-pat: GitHub personal access token: ghp_… (40 characters)',
  );
  assert.match(patFailure.text, /severity: high \(fails the policy\)/);
  const fingerprint = sampleResults()[0]?.finding.fingerprint ?? 'missing';
  assert.ok(patFailure.text.includes(`fingerprint: ${fingerprint}`), patFailure.text);
  const keyFailure = child(child(secrets, 'testcase', 1), 'failure');
  assert.match(keyFailure.text, /commit: 3f1c2a9d\S+ by Jane Doe/);
  const depsFailure = child(child(child(root, 'testsuite', 1), 'testcase'), 'failure');
  assert.equal(depsFailure.attributes.type, 'medium');
  assert.doesNotMatch(depsFailure.text, /fails the policy/);
});

test('suppressed findings are left out', () => {
  const xml = renderJunit(sampleReport());
  assert.ok(!xml.includes('test/fixtures/token.txt'));
  assert.ok(!xml.includes('legacy/key.pem'));
});

test('markup, quotes, line breaks and invalid control characters are escaped', () => {
  const nasty = `a<b>&c"d'e\nf\u0000g\u001bh\ud800i😀`;
  assert.equal(escapeXmlText(nasty), `a&lt;b&gt;&amp;c"d'e\nf\\u0000g\\u001bh\\ud800i😀`);
  assert.equal(
    escapeXmlAttribute(nasty),
    'a&lt;b&gt;&amp;c&quot;d&apos;e&#10;f\\u0000g\\u001bh\\ud800i😀',
  );

  const [first] = sampleResults();
  assert.ok(first?.finding.location.kind === 'file');
  first.finding.message = nasty;
  first.finding.location.path = `we"ird\t<dir>/file&.env`;
  const root = parseXml(renderJunit(sampleReport({ results: [first], scanners: ['secrets'] })));
  const testcase = child(child(root, 'testsuite'), 'testcase');
  const failure = child(testcase, 'failure');
  assert.equal(testcase.attributes.name, `secrets/github-pat we"ird\t<dir>/file&.env:2:14`);
  assert.equal(
    failure.attributes.message,
    `secrets/github-pat: a<b>&c"d'e\nf\\u0000g\\u001bh\\ud800i😀`,
  );
  assert.match(failure.text, /at we"ird\t<dir>\/file&\.env:2:14/);
});

test('a finding from a scanner missing from report.scanners still gets a suite', () => {
  const root = parseXml(renderJunit(sampleReport({ scanners: [] })));
  assert.deepEqual(
    children(root, 'testsuite').map((suite) => suite.attributes.name),
    ['secrets', 'sast', 'deps', 'dast'],
  );
});

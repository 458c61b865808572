import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFile, type Finding } from '@vigil/core';
import { withBase62Crc32 as checksummedToken } from './checks/base62Checksum.js';
import { compileRules, type RuleSet } from './compileRules.js';
import { detectSecrets } from './detectSecrets.js';
import { secretRules } from './rules/index.js';

const ruleSet = compileRules(secretRules);
// Built at run time so this file holds no token.
const TOKEN = checksummedToken('ghp', 'R3n9xQ2mKcL7vT8pW4sY6dF1gH5jZ1');
const AWS_KEY_ID = ['AKIA', 'Z7QW3ERTY5UIOPAS'].join('');
const PASSWORD = ['Vx9q', '!Lm2', 'Rt7_zP'].join('');

function detect(content: string | Buffer, path = 'src/config.txt', rules: RuleSet = ruleSet) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return detectSecrets(sourceFile(path, bytes), rules);
}

interface Place {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function places(findings: readonly Finding[]): Place[] {
  return findings.map(({ ruleId, location }) => {
    assert.equal(location.kind, 'file');
    return {
      ruleId,
      line: location.startLine,
      column: location.startColumn,
      endLine: location.endLine,
      endColumn: location.endColumn,
    };
  });
}

/** Where TOKEN is expected: on `line`, after `before` (a UTF-16 string) on that line. */
function tokenAt(line: number, before: string, ruleId = 'secrets/github-pat'): Place {
  const column = before.length + 1;
  return { ruleId, line, column, endLine: line, endColumn: column + TOKEN.length };
}

test('an ASCII line: the column is 1-based and the end column exclusive', () => {
  assert.deepEqual(places(detect(`x = "${TOKEN}"`)), [tokenAt(1, 'x = "')]);
});

test('columns count UTF-16 code units when multi-byte characters precede the secret', () => {
  for (const before of ['é = "', 'const 日本 = "', 'emoji 😀 = "', '日本語 é 🔑🔑 = "']) {
    assert.deepEqual(places(detect(`${before}${TOKEN}"`)), [tokenAt(1, before)], before);
  }
});

test('multi-byte characters on earlier lines do not shift the column', () => {
  const text = `# 日本語のコメント 😀😀\n# é è ê\ntoken = "${TOKEN}"\n`;
  assert.deepEqual(places(detect(text)), [tokenAt(3, 'token = "')]);
});

test('lines and columns are right after CRLF line endings', () => {
  const text = `first\r\nsecond\r\n日本 token = "${TOKEN}"\r\nlast\r\n`;
  assert.deepEqual(places(detect(text)), [tokenAt(3, '日本 token = "')]);
  const ascii = `a\r\nb\r\n\r\ntoken: ${TOKEN}\r\n`;
  assert.deepEqual(places(detect(ascii)), [tokenAt(4, 'token: ')]);
});

test('invalid UTF-8 before a secret does not stop it being found', () => {
  const sameLine = Buffer.concat([
    Buffer.from('ab'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(` x = "${TOKEN}"\n`),
  ]);
  const latin1 = Buffer.concat([
    Buffer.from(`${'caf\xe9 '.repeat(40)}\n`, 'latin1'),
    Buffer.from(`t="${TOKEN}"\nmore\nlines\n`),
  ]);
  for (const bytes of [sameLine, latin1]) {
    const found = detect(bytes);
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.evidence]),
      [['secrets/github-pat', { redacted: 'ghp_…', length: TOKEN.length }]],
    );
  }
  assert.equal(places(detect(sameLine))[0]?.line, 1);
});

test('invalid UTF-8 before a secret does not shift its position', () => {
  // Columns are those of the decoded text (each invalid byte is one U+FFFD).
  const sameLine = Buffer.concat([
    Buffer.from('ab'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(` x = "${TOKEN}"\n`),
  ]);
  assert.deepEqual(places(detect(sameLine)), [tokenAt(1, 'ab\ufffd\ufffd\ufffd x = "')]);
  const latin1 = Buffer.concat([
    Buffer.from(`${'caf\xe9 '.repeat(40)}\n`, 'latin1'),
    Buffer.from(`t="${TOKEN}"\nmore\nlines\n`),
  ]);
  assert.deepEqual(places(detect(latin1)), [tokenAt(2, 't="')]);
});

test('a secret at the end of a 5 MB line after hundreds of keyword decoys is found', () => {
  // 200 decoys run the rule in windows around each; 2000 make it scan the whole file.
  const filler = 'lorem ipsum dolor sit amet ';
  const totalParts = Math.ceil((5 * 1024 * 1024) / filler.length);
  for (const decoys of [200, 2000]) {
    const interval = Math.floor(totalParts / decoys);
    const parts = Array.from({ length: totalParts }, (_, i) =>
      i % interval === 0 ? 'ghp_short ' : filler,
    );
    const before = `${parts.join('')}token="`;
    assert.ok(before.split('ghp_').length - 1 >= decoys);
    assert.deepEqual(places(detect(`${before}${TOKEN}"`)), [tokenAt(1, before)], `${decoys}`);
  }
});

test('a generic match on the same text as a provider match is dropped', () => {
  const assignment = `password = "${TOKEN}"`;
  const url = `remote = https://deploy:${TOKEN}@github.com/acme/app.git`;
  assert.deepEqual(places(detect(assignment)), [tokenAt(1, 'password = "')]);
  assert.deepEqual(places(detect(url)), [tokenAt(1, 'remote = https://deploy:')]);

  // Without the provider rule, the generic rules do report the same text.
  const noGithub = compileRules(secretRules, { disable: ['github-pat'] });
  assert.deepEqual(places(detect(assignment, undefined, noGithub)), [
    tokenAt(1, 'password = "', 'secrets/generic-password'),
  ]);
  assert.deepEqual(places(detect(url, undefined, noGithub)), [
    tokenAt(1, 'remote = https://deploy:', 'secrets/connection-string-password'),
  ]);
});

test('compileRules: `disable` (with or without the prefix) and `allow` work', () => {
  const text = `a = "${TOKEN}"\nAWS_KEY=${AWS_KEY_ID}\n`;
  const all = detect(text).map((f) => f.ruleId);
  assert.ok(all.includes('secrets/github-pat'), all.join());
  assert.ok(all.includes('secrets/aws-access-key-id'), all.join());

  for (const id of ['github-pat', 'secrets/github-pat']) {
    const rules = compileRules(secretRules, { disable: [id] });
    assert.ok(!rules.rules.some(({ rule }) => rule.id === 'github-pat'));
    const ids = detect(text, undefined, rules).map((f) => f.ruleId);
    assert.ok(!ids.includes('secrets/github-pat'), ids.join());
    assert.ok(ids.includes('secrets/aws-access-key-id'), ids.join());
  }

  const allowed = detect(text, undefined, compileRules(secretRules, { allow: ['^ghp_'] }));
  assert.deepEqual(
    allowed.map((f) => f.ruleId),
    all.filter((id) => id !== 'secrets/github-pat'),
  );
});

test('a file with none of the keywords gives no findings', () => {
  assert.deepEqual(detect(''), []);
  assert.deepEqual(detect('const total = items.reduce((sum, x) => sum + x, 0);\n'), []);
  // The token's random part alone, without the `ghp_` keyword.
  assert.deepEqual(detect(`value = "${TOKEN.slice(4)}"\n`), []);
});

test('a Kubernetes Secret in a multi-document manifest is reported at the value', () => {
  const value = ['Zq8#', 'Lm2v', 'Rt9W', 'xK4p'].join('');
  const encoded = Buffer.from(value).toString('base64');
  const manifest = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: app',
    'data:',
    '  mode: cHJvZHVjdGlvbg==',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    'type: Opaque',
    'data:',
    '  username: YXBw',
    `  password: ${encoded}`,
    '',
  ].join('\n');
  const findings = detect(manifest, 'deploy/db-secret.yaml');
  assert.deepEqual(places(findings), [
    {
      ruleId: 'secrets/kubernetes-secret-data',
      line: 15,
      column: 13,
      endLine: 15,
      endColumn: 13 + encoded.length,
    },
  ]);
  assert.equal(findings[0]?.evidence?.length, value.length);
  const serialised = JSON.stringify(findings);
  assert.ok(!serialised.includes(value) && !serialised.includes(encoded));

  const elsewhere = detect(manifest, 'deploy/db-secret.txt').map((f) => f.ruleId);
  assert.ok(!elsewhere.includes('secrets/kubernetes-secret-data'), 'only YAML and JSON files');
});

test('findings never carry the secret, only a short prefix and the length', () => {
  const findings = detect(`a = "${TOKEN}"\npassword = "${PASSWORD}"\n`);
  assert.equal(findings.length, 2, JSON.stringify(places(findings)));
  for (const finding of findings) {
    const serialised = JSON.stringify(finding);
    for (const secret of [TOKEN, PASSWORD]) {
      assert.ok(!serialised.includes(secret), `${finding.ruleId} leaks the secret`);
      assert.ok(!serialised.includes(secret.slice(4)), `${finding.ruleId} leaks its tail`);
    }
    const shown = finding.evidence?.redacted.replace(/…$/, '') ?? '';
    assert.ok(shown.length <= 4, finding.evidence?.redacted);
  }
  assert.deepEqual(
    findings.map((f) => f.evidence),
    [
      { redacted: 'ghp_…', length: 40 },
      { redacted: 'Vx9…', length: 14 },
    ],
  );
});

test('the fingerprint does not change when the secret moves to another line', () => {
  const [top] = detect(`t = "${TOKEN}"\n`);
  const [lower] = detect(`\n\n// moved\n   t = "${TOKEN}"\n`);
  const [other] = detect(`t = "${TOKEN}"\n`, 'src/other.txt');
  assert.ok(top && lower && other);
  assert.notEqual(places([top])[0]?.line, places([lower])[0]?.line);
  assert.equal(lower.fingerprint, top.fingerprint);
  assert.notEqual(other.fingerprint, top.fingerprint, 'the path is part of it');
});

test('the same secret twice on a line is reported twice', () => {
  const text = `a="${TOKEN}" b="${TOKEN}"`;
  assert.deepEqual(places(detect(text)), [tokenAt(1, 'a="'), tokenAt(1, `a="${TOKEN}" b="`)]);
});

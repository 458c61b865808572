import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSsrf } from './detectSsrf.js';

function reasonOf(url: string, resolved: readonly string[], input: string): string {
  const verdict = detectSsrf(url, resolved, input);
  return verdict.attack ? verdict.reason : 'benign';
}

test('user input that is the URL or its host, leading somewhere private, is an attack', () => {
  const cases: readonly (readonly [string, readonly string[], string, string])[] = [
    ['http://127.0.0.1/', [], 'http://127.0.0.1/', 'loopback'],
    ['http://localhost:8080/admin', ['127.0.0.1', '::1'], 'localhost', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', [], '169.254.169.254', 'metadata'],
    ['http://[::ffff:169.254.169.254]/', [], 'http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[::ffff:169.254.169.254]/', [], '::ffff:169.254.169.254', 'metadata'],
    ['http://0x7f000001/', [], 'http://0x7f000001/', 'loopback'],
    ['http://0x7f000001/', [], '0x7f000001', 'loopback'],
    ['http://127.1/', [], 'http://127.1/', 'loopback'],
    ['http://2130706433/', [], '2130706433', 'loopback'],
    ['http://0177.0.0.1/', [], '0177.0.0.1', 'loopback'],
    ['gopher://0x7f.1:70/_x', [], 'gopher://0x7f.1:70/_x', 'loopback'],
    ['http://[::1]:6379/', [], '[::1]:6379', 'loopback'],
    ['http://[fd00:ec2::254]/', [], 'fd00:ec2::254', 'metadata'],
    ['http://[64:ff9b::a00:1]/', [], 'http://[64:ff9b::a00:1]/', 'private'],
    ['http://[fe80::1]/', [], '[fe80::1]', 'link-local'],
    ['http://0.0.0.0:3000/', [], '0.0.0.0:3000', 'unspecified'],
    ['http://100.100.100.200/latest/meta-data', [], '100.100.100.200', 'metadata'],
    ['http://192.0.0.192/opc/v2/instance/', [], '192.0.0.192', 'metadata'],
    ['http://224.0.0.1/', [], '224.0.0.1', 'multicast'],
    // DNS names: the caller resolved them.
    ['http://internal.example/', ['10.0.0.5'], 'internal.example', 'private'],
    [
      'https://evil.example/x',
      ['93.184.216.34', '192.168.1.1'],
      'https://evil.example/x',
      'private',
    ],
    ['http://rebind.example/', ['::ffff:127.0.0.1'], 'rebind.example', 'loopback'],
    ['http://nip.example/', ['100.64.0.1'], 'http://nip.example/', 'private'],
    [
      'http://metadata.google.internal/',
      ['169.254.169.254'],
      'metadata.google.internal',
      'metadata',
    ],
    // The input makes up part of the host.
    ['http://acme.svc.cluster.local/', ['10.96.0.10'], 'acme', 'private'],
    ['http://db.acme.internal/', ['172.20.0.3'], 'db.acme', 'private'],
    ['http://user:pw@127.0.0.1/', [], 'user:pw@127.0.0.1', 'loopback'],
    ['http://127.0.0.1/', [], 'evil.example@127.0.0.1', 'loopback'],
    ['http://LOCALHOST./', ['127.0.0.1'], 'LOCALHOST.', 'loopback'],
    ['http://127.0.0.1/', [], '  http://127.0.0.1/  ', 'loopback'],
  ];
  for (const [url, resolved, input, expected] of cases) {
    assert.equal(reasonOf(url, resolved, input), expected, `${input} → ${url}`);
  }
});

test('input outside the host, or a public destination, is benign', () => {
  const cases: readonly (readonly [string, readonly string[], string])[] = [
    // The application chose the (private) host; the user only filled the path or query.
    ['http://10.0.0.5/users/42', ['10.0.0.5'], '42'],
    ['http://10.0.0.1/items?page=1', [], '1'],
    ['http://10.0.0.1/items?page=10.0', [], '10.0'],
    ['http://127.0.0.1:9200/idx/_search?q=localhost', [], 'localhost'],
    ['http://internal.example/files/127.0.0.1', ['10.0.0.9'], '127.0.0.1'],
    ['http://internal.example/proxy?url=http://127.0.0.1/', ['10.0.0.9'], 'http://127.0.0.1/'],
    ['http://lab.internal/x?tab=ab', ['10.1.1.1'], 'ab'],
    ['http://api-eu.internal/', ['10.1.1.1'], 'eu'],
    // The user chose a public host.
    ['https://example.com/', ['93.184.216.34'], 'https://example.com/'],
    ['https://example.com/', ['2606:2800:220:1:248:1893:25c8:1946'], 'example.com'],
    ['http://8.8.8.8/', [], '8.8.8.8'],
    ['http://[2001:4860:4860::8888]/', [], '2001:4860:4860::8888'],
    ['http://[::ffff:8.8.8.8]/', [], '::ffff:8.8.8.8'],
    ['http://unresolved.example/', [], 'unresolved.example'],
    ['http://odd.example/', ['not an address'], 'odd.example'],
    // Redirects: the hop to a private host is checked with the original input, which is not in it.
    ['http://127.0.0.1/', [], 'https://public.example/redirect'],
    [
      'https://public.example/redirect?to=http://127.0.0.1/',
      ['93.184.216.34'],
      'http://127.0.0.1/',
    ],
    // Nothing to match.
    ['http://127.0.0.1/', [], ''],
    ['http://127.0.0.1/', [], '   '],
    ['not a url', ['127.0.0.1'], 'not a url'],
    ['file:///etc/passwd', [], 'file:///etc/passwd'],
  ];
  for (const [url, resolved, input] of cases) {
    assert.equal(reasonOf(url, resolved, input), 'benign', `${input} → ${url}`);
  }
});

test('a redirect hop is an attack when the original input still makes up its host', () => {
  // The wiring checks every hop against the input the request started from.
  assert.equal(reasonOf('http://169.254.169.254/', [], 'http://169.254.169.254/'), 'metadata');
  assert.equal(reasonOf('http://a.evil.example/', ['127.0.0.1'], 'a.evil.example'), 'loopback');
});

test('the verdict names the host and the address blamed', () => {
  assert.deepEqual(detectSsrf('http://[::ffff:169.254.169.254]/', [], '::ffff:169.254.169.254'), {
    attack: true,
    reason: 'metadata',
    hostname: '::ffff:a9fe:a9fe',
    address: '::ffff:a9fe:a9fe',
  });
  assert.deepEqual(detectSsrf('http://x.example/', ['1.1.1.1', '10.0.0.1'], 'x.example'), {
    attack: true,
    reason: 'private',
    hostname: 'x.example',
    address: '10.0.0.1',
  });
});

test('huge and odd inputs never throw', () => {
  const longHost = `http://${'a.'.repeat(30_000)}example/`;
  assert.equal(reasonOf(longHost, ['10.0.0.1'], 'a'), 'private');
  assert.equal(reasonOf(`http://x/${'a'.repeat(1_000_000)}`, ['10.0.0.1'], 'x'), 'benign');
  assert.equal(reasonOf('http://127.0.0.1/', [], 'x'.repeat(1_000_000)), 'benign');
  assert.equal(reasonOf('http://127.0.0.1/', [], '%00\0\uD800'), 'benign');
  const odd = [null, undefined, 42, {}, []] as unknown[];
  for (const value of odd) {
    assert.deepEqual(detectSsrf(value as string, value as string[], value as string), {
      attack: false,
    });
    assert.deepEqual(detectSsrf('http://127.0.0.1/', value as string[], '127.0.0.1'), {
      attack: true,
      reason: 'loopback',
      hostname: '127.0.0.1',
      address: '127.0.0.1',
    });
  }
});

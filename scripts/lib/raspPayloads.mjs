// The payloads of the RASP evaluation: attack corpora from ../shared/data (OWASP CRS regression
// tests, libinjection), a few of our own where no corpus exists (SSRF against this machine's
// internal servers, JavaScript code injection), and benign traffic (libinjection's false
// positives, CRS's negative tests, realistic form values).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// the same decoding the agent's corpus tests use (needs `npm run build`, like every script)
import {
  argumentValue,
  formDecode,
} from '../../packages/rasp/dist/testing/payloadCorpus.test.support.js';

export function libinjectionPayloads(dir, prefix) {
  const payloads = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith(prefix) || !name.endsWith('.txt')) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      const trimmed = line.trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) payloads.push(formDecode(trimmed));
    }
  }
  return payloads;
}

/**
 * The argument values of the go-ftw tests of CRS rule files (`942` takes every file of the
 * 942 folder, `934110` one file): the value of the first argument of the query string and of
 * the body (`name=value`; not split on `&`, which payloads often hold unencoded), or the whole
 * body when it is not a form. `attacks` are the stages CRS expects to match, `benign` those it
 * expects not to.
 */
export function crsPayloads(crsDir, rulePrefixes) {
  const attacks = [];
  const benign = [];
  for (const folder of readdirSync(crsDir).sort()) {
    if (!folder.startsWith('REQUEST-')) continue;
    for (const file of readdirSync(join(crsDir, folder)).sort()) {
      if (!file.endsWith('.yaml') || !rulePrefixes.some((prefix) => file.startsWith(prefix))) {
        continue;
      }
      const document = parse(readFileSync(join(crsDir, folder, file), 'utf8'));
      for (const test of document?.tests ?? []) {
        for (const stage of test?.stages ?? []) {
          const input = stage?.input ?? {};
          const log = stage?.output?.log ?? {};
          const values = [];
          const query =
            typeof input.uri === 'string' ? input.uri.split('?').slice(1).join('?') : '';
          if (query !== '') values.push(argumentValue(query));
          if (typeof input.data === 'string' && input.data !== '') {
            values.push(argumentValue(input.data));
          }
          const target = log.expect_ids !== undefined ? attacks : benign;
          target.push(...values.map(formDecode));
        }
      }
    }
  }
  return { attacks, benign };
}

/**
 * Realistic form values: names, addresses, searches and messages with the quotes, apostrophes
 * and punctuation people type. Each is benign for a route only if the oracle says it leaves
 * that route's sink as intended (an apostrophe does end a concatenated SQL string).
 */
export const FORM_VALUES = [
  'alice',
  "O'Brien",
  "D'Angelo",
  'Zoë Ångström',
  'José Núñez',
  'Jean-Luc Picard',
  'Anne-Marie',
  'Smith & Wesson',
  'Q&A',
  'rock n roll',
  "rock 'n' roll",
  'Mary Ann',
  'jane.doe+news@example.com',
  'bob_smith@mail.example.org',
  '12 Rue de l’Église, 75004 Paris',
  '221B Baker Street, London NW1 6XE',
  '1600 Pennsylvania Ave NW, Washington, DC 20500',
  'Apt. #4, 5th floor',
  '+1 (555) 123-4567',
  '2024-05-01',
  '12/31/2023',
  '09:30',
  '"exact phrase"',
  "it's 5 o'clock somewhere",
  'C# vs C++',
  '100% cotton',
  '50/50',
  'price < 100',
  'a > b',
  '1=1 is always true',
  'select a product',
  'drop-down menu',
  'update your profile',
  'where is my order?',
  'Why? Because!',
  'hello; goodbye',
  'cats & dogs',
  '<3',
  ':-)',
  '#hashtag @mention',
  'to be, or not to be',
  'Hello, world!',
  'naïve café résumé',
  '東京',
  'Привет',
  'emoji 🎉',
  'tab\tseparated',
  'first line\nsecond line',
  'C:\\Users\\me\\Documents',
  '~/notes',
  '{"a": 1, "b": [true, null]}',
  '[1, 2, 3]',
  'key=value&other=thing',
  'https://example.com/page?x=1&y=2',
  'The "best" product (2024 edition)',
  'Order #12345',
  'total: $12.50',
  'SELECT * is not a name',
  'user@host:~$ ls',
  'a - b - c',
  '--help',
  'x'.repeat(300),
];

/** File names a download route really serves: nested, dotted, spaced, none climbing out. */
export const FILE_NAMES = [
  'readme.txt',
  'notes.txt',
  '2024/summary.txt',
  'images/logo.txt',
  'my file (1).txt',
  'a..b.txt',
  '2024/../readme.txt',
  './notes.txt',
  'missing.txt',
  'images/',
];

/** Column names a table view lets the client sort by. */
export const COLUMN_NAMES = ['id', 'name', 'city', 'ID', 'Name'];

/** Quantities and ids. */
export const NUMBERS = ['1', '2', '3', '42', '007', '0', '-1', '3.5', '1e3', ' 4 '];

/**
 * SSRF attacks of our own: URLs naming this machine's internal services in the encodings SSRF
 * filters miss, host names resolving to them, and a public host redirecting to them. `internal`
 * is `host:port` of the internal server on 127.0.0.1 (and ::1); the metadata service listens on
 * 169.254.169.254:80 when the evaluation runs in its own network namespace.
 */
export function ssrfAttacks({ internalPort, publicOrigin, withNamespace }) {
  const port = internalPort;
  const attacks = [
    `http://127.0.0.1:${port}/secret`,
    `http://localhost:${port}/secret`,
    `http://[::1]:${port}/secret`,
    `http://127.1:${port}/secret`,
    `http://0.0.0.0:${port}/secret`,
    `http://0:${port}/secret`,
    `http://2130706433:${port}/secret`,
    `http://0x7f000001:${port}/secret`,
    `http://0x7f.0.0.1:${port}/secret`,
    `http://0177.0.0.1:${port}/secret`,
    `http://017700000001:${port}/secret`,
    `http://127.000.000.001:${port}/secret`,
    `http://[::ffff:127.0.0.1]:${port}/secret`,
    `http://[::ffff:7f00:1]:${port}/secret`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/secret`,
    `http://user:pass@127.0.0.1:${port}/secret`,
    `http://127.0.0.1:${port}#@example.com/`,
    `HTTP://LOCALHOST:${port}/secret`,
    `http://localhost.:${port}/secret`,
  ];
  if (withNamespace) {
    attacks.push(
      `http://internal.corp.example:${port}/secret`,
      `http://169.254.169.254/latest/meta-data/iam/security-credentials/`,
      `http://[fd00:ec2::254]/latest/meta-data/`,
      `http://metadata.google.internal/computeMetadata/v1/`,
      `${publicOrigin}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/secret`)}`,
      `${publicOrigin}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`,
    );
  }
  return attacks;
}

/** Benign SSRF traffic: URLs of a public host (a stand-in with a public address, see README). */
export function ssrfBenign({ publicOrigin, publicName }) {
  return [
    `${publicOrigin}/`,
    `${publicOrigin}/feed.xml`,
    `${publicOrigin}/api/items?page=2&sort=name`,
    `${publicOrigin}/images/logo.png`,
    `${publicOrigin}/search?q=${encodeURIComponent("O'Brien & sons")}`,
    `${publicName}/`,
    `${publicName}/webhook?id=42`,
    `${publicName}/docs/a%20b.html`,
    `${publicName}/redirect?to=${encodeURIComponent(`${publicName}/landing`)}`,
  ];
}

/**
 * Path traversal of our own, next to CRS's (whose LFI tests are mostly absolute paths and
 * encodings aimed at PHP): the climbs a `path.join(base, input)` really follows.
 */
export const PATH_ATTACKS = [
  '../secret.txt',
  '../../../../../../etc/passwd',
  '../../../../../../etc/hostname',
  '..//secret.txt',
  './../secret.txt',
  '2024/../../secret.txt',
  'images/../../secret.txt',
  '..',
  '../',
  '../../../../proc/self/environ',
  '....//....//secret.txt',
  '..\\secret.txt',
  '%2e%2e/secret.txt',
  '../secret.txt\0.png',
];

/**
 * JavaScript code injection of our own, for the two `eval` routes: what the CRS node.js rules
 * test are fragments, not expressions that run inside `<input> * 9.99` or `'<input>'`.
 */
export const CODE_ATTACKS = [
  '1; process.env',
  '(process.env.PATH, 1)',
  'require("os").hostname()',
  "require('child_process').execSync('id').toString()",
  'this.constructor.constructor("return process")().version',
  'global.process.mainModule',
  '1 + (() => 42)()',
  '1 || 2',
  'Object.keys(globalThis).length',
  "'; process.version; '",
  "' + process.version + '",
  "'.concat(require('os').userInfo().username)//",
  "'); require('fs').readdirSync('/'); ('",
  '\\u0027 + 1 + \\u0027',
];

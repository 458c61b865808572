import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  crsPayloads,
  CRS_DIR,
  libinjectionPayloads,
  LIBINJECTION_DIR,
  missingCorpus,
} from '../testing/payloadCorpus.test.support.js';
import { detectShellInjection } from './detectShellInjection.js';

function reasonOf(command: string, input: string): string {
  const verdict = detectShellInjection(command, input);
  return verdict.attack ? verdict.reason : 'benign';
}

const ls = (input: string) => `ls -la ${input}`;
const grep = (input: string) => `grep '${input}' file`;
const convert = (input: string) => `convert "${input}" out.png`;

test('input that adds operators, substitutions, expansions or words is an attack', () => {
  assert.equal(reasonOf(ls('x; id'), 'x; id'), 'separator');
  assert.equal(reasonOf(ls('x && id'), 'x && id'), 'separator');
  assert.equal(reasonOf(ls('x\nid'), 'x\nid'), 'separator');
  assert.equal(reasonOf(ls('$(id)'), '$(id)'), 'substitution');
  assert.equal(reasonOf(ls('`id`'), '`id`'), 'substitution');
  assert.equal(reasonOf(ls('x > /tmp/f'), 'x > /tmp/f'), 'redirection');
  assert.equal(reasonOf(ls('*'), '*'), 'expansion');
  assert.equal(reasonOf(ls('$HOME'), '$HOME'), 'expansion');
  assert.equal(reasonOf(ls('a #b'), 'a #b'), 'comment');
  assert.equal(reasonOf(ls('a b'), 'a b'), 'tokens-added');
  assert.equal(reasonOf(convert('$(id)'), '$(id)'), 'substitution');
  assert.equal(reasonOf(convert('${IFS}'), '${IFS}'), 'expansion');
});

test("the user's own quoting, removed by the shell, is an attack; the application's is not", () => {
  assert.equal(reasonOf(ls('\\ls'), '\\ls'), 'tokens-added');
  assert.equal(reasonOf(ls('a\\;b'), 'a\\;b'), 'tokens-added');
  assert.equal(reasonOf(ls("'x'"), "'x'"), 'tokens-added');
  assert.equal(reasonOf(ls('a\\\nb'), 'a\\\nb'), 'tokens-added');
  // A backslash that ends the command line quotes nothing: the program receives it.
  assert.equal(reasonOf(ls('\\'), '\\'), 'benign');
  assert.equal(reasonOf(ls('dir\\'), 'dir\\'), 'benign');
  // The application escaped every special character: the word is the input.
  assert.equal(reasonOf(ls('a\\;b\\ c'), 'a;b c'), 'benign');
  assert.equal(reasonOf(ls('C:\\\\Users\\\\me'), 'C:\\Users\\me'), 'benign');
  assert.equal(reasonOf(grep('C:\\Users'), 'C:\\Users'), 'benign');
});

test('input that breaks out of its quotes is an attack', () => {
  assert.deepEqual(detectShellInjection(grep("x'; rm -rf ~ #"), "x'; rm -rf ~ #"), {
    attack: true,
    reason: 'quote-escape',
    start: 6,
    end: 20,
  });
  assert.equal(reasonOf(convert('a"; id; echo "'), 'a"; id; echo "'), 'quote-escape');
});

test('input that stays inside its word or quotes is benign', () => {
  assert.equal(reasonOf(grep('hello; world $(x) `y` | z'), 'hello; world $(x) `y` | z'), 'benign');
  assert.equal(reasonOf(convert('my photo & more.jpg'), 'my photo & more.jpg'), 'benign');
  assert.equal(reasonOf(convert('say \\"hi\\"'), 'say \\"hi\\"'), 'benign');
  assert.equal(reasonOf(ls('/var/log/syslog'), '/var/log/syslog'), 'benign');
  assert.equal(reasonOf('echo $(cat x; id)', 'x; id'), 'tokens-added');
  assert.deepEqual(detectShellInjection(ls('x'), ''), { attack: false });
});

// --- Real payloads ---------------------------------------------------------------------------

interface Template {
  readonly name: string;
  readonly build: (input: string) => string;
  /** Independent of the tokenizer: can this payload change the template's structure at all? */
  readonly canChangeStructure: (input: string) => boolean;
  readonly escape: (input: string) => string;
}

const TEMPLATES: readonly Template[] = [
  {
    name: 'ls -la …',
    build: ls,
    // Unquoted: a blank, an operator character, a quote, a backslash, `$`, a backtick or a glob
    // character.
    canChangeStructure: (input) => /[\s;&|()<>'"`$*?[\\]|^[#~]/.test(input),
    escape: (input) => input.replace(/[^\w./:@%+,=-]/g, (c) => (c === '\n' ? "'\n'" : `\\${c}`)),
  },
  {
    name: "grep '…' file",
    build: grep,
    // Only a single quote ends a single-quoted string.
    canChangeStructure: (input) => input.includes("'"),
    escape: (input) => input.replaceAll("'", "'\\''"),
  },
  {
    name: 'convert "…" out.png',
    build: convert,
    // An unescaped double quote, a backtick, or `$` starting an expansion.
    canChangeStructure: (input) => /(^|[^\\])(\\\\)*"|`|\$[({\w@*#?$!-]/.test(input),
    escape: (input) => input.replace(/[\\"$`]/g, (c) => `\\${c}`),
  },
];

const BENIGN = [
  "O'Brien's report.pdf",
  'my holiday photo (1).jpg',
  'john.doe+tag@example.com',
  'how to cook pasta',
  '/var/log/syslog',
  'C:\\Users\\Public',
  '{"a":[1,2],"b":"$x"}',
  '2024-02-29 12:30',
  'rock & roll; live | loud',
  '50% off > today < tomorrow',
  'price: $5 or `cheap`',
  'naïve café 東京 🎉',
  '#hashtag',
  '~/notes.txt',
  'what?*[x]',
  'a\\nb',
  'it\'s "quoted"',
];

test('real command injection payloads that can change a template are detected', (t) => {
  const missing = missingCorpus(CRS_DIR);
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const attacks = crsPayloads('REQUEST-932-APPLICATION-ATTACK-RCE').attacks;
  t.diagnostic(`payloads: CRS 932 attacks ${attacks.length}`);
  for (const template of TEMPLATES) {
    let detected = 0;
    let total = 0;
    const missed: string[] = [];
    for (const payload of attacks) {
      if (!template.canChangeStructure(payload)) continue;
      total++;
      if (detectShellInjection(template.build(payload), payload).attack) detected++;
      else missed.push(payload);
    }
    const rate = total === 0 ? 1 : detected / total;
    t.diagnostic(
      `${template.name} CRS 932: ${detected}/${total} = ${(100 * rate).toFixed(2)}%` +
        ` (${attacks.length - total} cannot change this template)`,
    );
    assert.ok(rate >= 0.95, `${template.name}: missed ${JSON.stringify(missed.slice(0, 10))}`);
  }
});

test('benign input quoted as a careful application would is never flagged', (t) => {
  const falsePositives =
    missingCorpus(LIBINJECTION_DIR) === undefined ? libinjectionPayloads('false_positives') : [];
  const crsBenign =
    missingCorpus(CRS_DIR) === undefined
      ? crsPayloads('REQUEST-932-APPLICATION-ATTACK-RCE').benign
      : [];
  let checked = 0;
  const flagged: string[] = [];
  for (const template of TEMPLATES) {
    for (const input of [...BENIGN, ...falsePositives, ...crsBenign]) {
      checked++;
      const verdict = detectShellInjection(template.build(template.escape(input)), input);
      if (verdict.attack)
        flagged.push(`${template.name}: ${JSON.stringify(input)} (${verdict.reason})`);
    }
  }
  t.diagnostic(`false positives: ${flagged.length}/${checked} benign embeddings`);
  assert.deepEqual(flagged, []);
});

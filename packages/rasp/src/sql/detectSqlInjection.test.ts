import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  crsPayloads,
  CRS_DIR,
  libinjectionPayloads,
  LIBINJECTION_DIR,
  missingCorpus,
} from '../testing/payloadCorpus.test.support.js';
import { detectSqlInjection } from './detectSqlInjection.js';
import type { SqlDialect } from './tokenizeSql.js';

function reasonOf(query: string, input: string, dialect: SqlDialect = 'generic'): string {
  const verdict = detectSqlInjection(query, input, dialect);
  return verdict.attack ? verdict.reason : 'benign';
}

test('input that leaves its string literal is an attack', () => {
  const template = (input: string) => `SELECT * FROM users WHERE name = '${input}'`;
  for (const input of ["' OR '1'='1", "x' UNION SELECT password FROM users WHERE ''='", "'||'"]) {
    assert.equal(reasonOf(template(input), input), 'string-escape', input);
  }
  const verdict = detectSqlInjection(template("' OR 1=1 --"), "' OR 1=1 --");
  assert.deepEqual(verdict, { attack: true, reason: 'string-escape', start: 34, end: 45 });
});

test('bare slots take one value; more is an attack with the first structural reason', () => {
  const id = (input: string) => `SELECT * FROM users WHERE id = ${input}`;
  assert.equal(reasonOf(id('1; DROP TABLE users'), '1; DROP TABLE users'), 'stacked-query');
  assert.equal(reasonOf(id('1 -- x'), '1 -- x'), 'comment');
  assert.equal(reasonOf(id('1/**/OR/**/1'), '1/**/OR/**/1'), 'comment');
  assert.equal(reasonOf(id('1 OR 1=1'), '1 OR 1=1'), 'tokens-added');
  for (const input of ['-1', '+2.5', '1e10', '0x1F', 'users.name', ' 4 ', '5\n', '\t-1 ']) {
    assert.equal(reasonOf(id(input), input), 'benign', input);
  }
  assert.equal(reasonOf(id('a,b'), 'a,b'), 'tokens-added');
  assert.equal(reasonOf(id(' 1 2 '), ' 1 2 '), 'tokens-added');
});

test('a bare slot receiving another kind of token than a number or a name is an attack', () => {
  const id = (input: string) => `SELECT * FROM users WHERE id = ${input} LIMIT 1`;
  // The user chose the delimiters: a string, a quoted identifier, a placeholder or variable.
  for (const input of ["';print'", "' OR '", '`bla`', '@@version']) {
    assert.equal(reasonOf(id(input), input, 'mysql'), 'type-change', input);
  }
  assert.equal(reasonOf(id('$1'), '$1', 'postgres'), 'type-change');
  assert.equal(reasonOf(id('"Users"."Name"'), '"Users"."Name"', 'postgres'), 'tokens-added');
  assert.equal(reasonOf(id("'%'"), "'%'", 'sqlite'), 'type-change');
  // Where an ORDER BY term begins a name goes: a number picks a column by position or orders
  // by a constant.
  const order = (input: string) => `SELECT id, name FROM users ORDER BY ${input}`;
  for (const input of ['4294967296', '2.2250738585072011e-308', '-1', '10']) {
    assert.equal(reasonOf(order(input), input, 'sqlite'), 'type-change', input);
  }
  const second = (input: string) => `SELECT * FROM t GROUP BY a ORDER BY name DESC, ${input}`;
  assert.equal(reasonOf(second('42'), '42', 'postgres'), 'type-change');
  for (const input of ['name', 'users.name', 'identity\n', ' update']) {
    assert.equal(reasonOf(order(input), input, 'sqlite'), 'benign', input);
  }
  // Numbers stay values everywhere else, LIMIT and expressions inside ORDER BY included.
  assert.equal(reasonOf('SELECT * FROM t ORDER BY a LIMIT 42', '42'), 'benign');
  assert.equal(reasonOf('SELECT * FROM t ORDER BY a + 42', '42'), 'benign');
  assert.equal(reasonOf('SELECT * FROM t ORDER BY f(a, 42)', '42'), 'benign');
  assert.equal(reasonOf('SELECT a, 42 FROM t ORDER BY a', '42'), 'benign');
  assert.equal(reasonOf('SELECT * FROM t ORDER BY 142', '42'), 'benign');
});

test('a NUL cuts the statement short for SQLite and PostgreSQL', () => {
  const name = (input: string) => `SELECT * FROM users WHERE name = '${input}'`;
  const id = (input: string) => `SELECT * FROM users WHERE id = ${input} AND tenant = 7`;
  for (const dialect of ['sqlite', 'postgres'] as const) {
    assert.equal(
      reasonOf(name('x\0 union select 1'), 'x\0 union select 1', dialect),
      'string-escape',
    );
    assert.equal(reasonOf(id('1\0'), '1\0', dialect), 'comment');
  }
  assert.equal(reasonOf(name('x\0 y'), 'x\0 y', 'mysql'), 'benign');
  assert.equal(reasonOf('SELECT 1\0', 'no'), 'benign');
});

test('dialects decide what ends a literal', () => {
  // A trailing backslash escapes MySQL's closing quote and swallows the rest of the query.
  const query = "SELECT * FROM t WHERE a = 'ab\\' AND b = 'x'";
  assert.equal(reasonOf(query, 'ab\\', 'mysql'), 'string-escape');
  assert.equal(reasonOf(query, 'ab\\', 'postgres'), 'benign');
  assert.equal(reasonOf("SELECT 'a\\'b'", "a\\'b", 'mysql'), 'benign');
  assert.equal(reasonOf("SELECT 'a\\'b'", "a\\'b", 'postgres'), 'string-escape');
  // Postgres dollar quoting and E-strings.
  assert.equal(reasonOf("SELECT $q$it's$q$", "it's", 'postgres'), 'benign');
  assert.equal(
    reasonOf('SELECT $q$x$q$ || version() || $q$$q$', 'x$q$ || version() || $q$', 'postgres'),
    'string-escape',
  );
  assert.equal(reasonOf("SELECT E'x\\' OR 1=1 --'", "x\\' OR 1=1 --", 'postgres'), 'benign');
  // MySQL `--` needs a blank after it; `#` starts a comment; `/*!` comments run.
  assert.equal(reasonOf('SELECT * FROM t WHERE id = 1--1', '1--1', 'mysql'), 'tokens-added');
  assert.equal(reasonOf('SELECT * FROM t WHERE id = 1--1', '1--1', 'postgres'), 'comment');
  assert.equal(reasonOf('SELECT * FROM t WHERE id = 1 #x', '1 #x', 'mysql'), 'comment');
  assert.equal(
    reasonOf('SELECT * FROM t WHERE id = 1/*!UNION*/', '1/*!UNION*/', 'mysql'),
    'comment',
  );
  // MySQL strings may be double-quoted; elsewhere that is an identifier.
  assert.equal(
    reasonOf('SELECT * FROM t WHERE a = "x" OR "1"="1"', 'x" OR "1"="1', 'mysql'),
    'string-escape',
  );
  // Postgres nests comments: an input opening one more swallows the rest.
  assert.equal(reasonOf('SELECT 1 /* note: a/*b */ FROM t', 'a/*b', 'postgres'), 'comment');
  assert.equal(reasonOf('SELECT 1 /* note: a/*b */ FROM t', 'a/*b', 'sqlite'), 'benign');
});

test('every occurrence is checked, and inputs that cannot change structure are skipped', () => {
  const query = "SELECT * FROM t WHERE a = 'x y' AND b = 'x y' OR 1=1 --'";
  assert.equal(reasonOf(query, "x y' OR 1=1 --"), 'string-escape');
  assert.equal(reasonOf("SELECT 'ab' || 'ab'", 'ab'), 'benign');
  assert.equal(reasonOf("SELECT 'x''", "'"), 'benign');
  assert.equal(reasonOf('SELECT 1', 'not there'), 'benign');
  assert.deepEqual(detectSqlInjection(42 as unknown as string, 'x'), { attack: false });
});

// --- Real payloads ---------------------------------------------------------------------------

interface Template {
  readonly name: string;
  readonly dialect: SqlDialect;
  readonly build: (input: string) => string;
  /** Independent of the tokenizer: can this payload change the template's structure at all? */
  readonly canChangeStructure: (input: string) => boolean;
  /** How a careful application embeds benign input (escaping, or only fitting values). */
  readonly escape: (input: string) => string;
  /** For a bare slot: the only benign inputs, those that fit it. */
  readonly fitting?: readonly string[];
}

/** A standard string literal is left only by a quote that is not doubled. */
const hasLoneQuote = (input: string): boolean => input.replaceAll("''", '').includes("'");
/** In MySQL a backslash escapes the next character, so a lone trailing one swallows the quote. */
const mysqlCanLeave = (input: string): boolean => {
  const rest = input.replace(/\\[\s\S]|''/g, '');
  return rest.includes("'") || rest.endsWith('\\');
};
/** One number, name, signed number or dotted name, blanks around it aside, nothing else. */
const SINGLE_VALUE =
  /^\s*(?:[+-]?\s*(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|0x[0-9a-f]+|[a-z_][\w$]*(?:\.[a-z_][\w$]*)*)\s*$/i;
/** One name or dotted name: what begins an ORDER BY term. */
const SINGLE_NAME = /^\s*[a-z_][\w$]*(?:\.[a-z_][\w$]*)*\s*$/i;
const canChangeBareSlot = (input: string): boolean => !SINGLE_VALUE.test(input);
const canChangeNameSlot = (input: string): boolean => !SINGLE_NAME.test(input);
const escapeStandard = (input: string): string => input.replaceAll("'", "''");
const escapeMysql = (input: string): string => input.replace(/[\\']/g, (c) => `\\${c}`);

const TEMPLATES: readonly Template[] = [
  {
    name: "name = '…' (generic)",
    dialect: 'generic',
    build: (input) => `SELECT * FROM users WHERE name = '${input}'`,
    canChangeStructure: hasLoneQuote,
    escape: escapeStandard,
  },
  {
    name: "name = '…' (mysql)",
    dialect: 'mysql',
    build: (input) => `SELECT * FROM users WHERE name = '${input}' AND active = 1`,
    canChangeStructure: mysqlCanLeave,
    escape: escapeMysql,
  },
  {
    name: "LIKE '%…%' (postgres)",
    dialect: 'postgres',
    build: (input) => `SELECT id FROM posts WHERE title LIKE '%${input}%' ORDER BY id`,
    canChangeStructure: hasLoneQuote,
    escape: escapeStandard,
  },
  {
    name: 'id = … (sqlite)',
    dialect: 'sqlite',
    build: (input) => `SELECT * FROM users WHERE id = ${input} LIMIT 1`,
    canChangeStructure: canChangeBareSlot,
    escape: (input) => input,
    fitting: ['42', '-1', '3.5', '1e3', ' 7 ', '8\n', 'created_at', 'users.name', 'u.created_at'],
  },
  {
    name: 'ORDER BY … (mysql)',
    dialect: 'mysql',
    build: (input) => `SELECT * FROM users ORDER BY ${input}`,
    canChangeStructure: canChangeNameSlot,
    escape: (input) => input,
    fitting: ['created_at', 'users.name', 'u.created_at', 'name\n', ' city '],
  },
];

interface Rate {
  readonly detected: number;
  readonly total: number;
  readonly missed: string[];
}

function detectionRate(template: Template, payloads: readonly string[]): Rate {
  let detected = 0;
  let total = 0;
  const missed: string[] = [];
  for (const payload of payloads) {
    if (!template.canChangeStructure(payload)) continue;
    total++;
    if (detectSqlInjection(template.build(payload), payload, template.dialect).attack) detected++;
    else missed.push(payload);
  }
  return { detected, total, missed };
}

function percent({ detected, total }: Rate): string {
  return total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(2)}%`;
}

const BENIGN = [
  "O'Brien",
  "Y'all come back now",
  'john.doe+tag@example.com',
  'how to cook pasta',
  'C:\\Users\\Public\\file.txt',
  '/var/log/syslog',
  '{"color":"#2A1100","tags":["a","b"],"n":1.5}',
  '2024-02-29',
  '12:30:00',
  '-42',
  '3.14159',
  'SELECT is my favourite keyword',
  'Drop tables -- cheap!',
  'rock & roll; live',
  '50% off /* today */',
  '$5 or $10',
  'naïve café 東京 🎉',
  '1 OR 1',
  'a\\b',
  '--verbose',
  '#hashtag',
  'where is george?',
];

test('real SQL injection payloads that can change a template are detected', (t) => {
  const missing = missingCorpus(LIBINJECTION_DIR);
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const libinjection = libinjectionPayloads('sqli-');
  const crs =
    missingCorpus(CRS_DIR) === undefined
      ? crsPayloads('REQUEST-942-APPLICATION-ATTACK-SQLI').attacks
      : [];
  t.diagnostic(`payloads: libinjection sqli ${libinjection.length}, CRS 942 attacks ${crs.length}`);
  for (const template of TEMPLATES) {
    for (const [corpus, payloads] of [
      ['libinjection', libinjection],
      ['CRS 942', crs],
    ] as const) {
      const rate = detectionRate(template, payloads);
      t.diagnostic(
        `${template.name} ${corpus}: ${rate.detected}/${rate.total} = ${percent(rate)}` +
          ` (${payloads.length - rate.total} cannot change this template)`,
      );
      if (rate.total === 0) continue;
      assert.ok(
        rate.detected / rate.total >= 0.95,
        `${template.name} ${corpus}: missed ${JSON.stringify(rate.missed.slice(0, 10))}`,
      );
    }
  }
});

test('benign input embedded as a careful application would is never flagged', (t) => {
  const missing = missingCorpus(LIBINJECTION_DIR);
  const falsePositives = missing === undefined ? libinjectionPayloads('false_positives') : [];
  const crsBenign =
    missingCorpus(CRS_DIR) === undefined
      ? crsPayloads('REQUEST-942-APPLICATION-ATTACK-SQLI').benign
      : [];
  if (missing !== undefined) t.diagnostic(missing);
  let checked = 0;
  const flagged: string[] = [];
  for (const template of TEMPLATES) {
    const inputs = template.fitting ?? [...BENIGN, ...falsePositives, ...crsBenign];
    for (const input of inputs) {
      checked++;
      const query = template.build(template.escape(input));
      const verdict = detectSqlInjection(query, input, template.dialect);
      if (verdict.attack)
        flagged.push(`${template.name}: ${JSON.stringify(input)} (${verdict.reason})`);
    }
  }
  t.diagnostic(`false positives: ${flagged.length}/${checked} benign embeddings`);
  assert.deepEqual(flagged, []);
});

test('a 1 MB query with thousands of occurrences is checked quickly', () => {
  const input = "x' OR 'a'='a";
  const query = `SELECT * FROM t WHERE a IN (${Array.from({ length: 60_000 }, () => `'${input}'`).join(',')})`;
  const started = performance.now();
  assert.equal(detectSqlInjection(query, input).attack, true);
  assert.equal(detectSqlInjection(query, 'a=a').attack, false);
  assert.ok(performance.now() - started < 3_000);
});

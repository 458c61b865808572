// Detection evaluation of the runtime agent (issue 6, item 6). Starts the deliberately vulnerable
// sample app (packages/rasp/eval/app.cjs) as a real process without an agent, under Vigil (block
// mode) and under Aikido Zen (AIKIDO_BLOCK=true, no token), and drives it over real HTTP with the
// OWASP CRS regression payloads and the libinjection sets from ../shared/data, a few payloads of
// our own (SSRF, JavaScript), and benign traffic. Per attack class it prints: payloads sent,
// those that reached the sink and changed its structure (decided by an oracle on the run without
// an agent), how many of those each agent blocked, and benign requests each agent wrongly blocked.
//
//   npm run build && npm run eval:rasp [-- --sample 500 --vigil path/to/register.js --json out.json]
//
// As root with `unshare`, the run re-executes itself in its own network and mount namespace:
// there, the "public" host of the SSRF route has a public address (93.184.215.14 on loopback),
// a cloud metadata service listens on 169.254.169.254:80, /etc/hosts names them, and payloads
// that reach out to the internet reach nothing. The command route's shell runs as `nobody`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  agentSetups,
  APP_DIR,
  prepareWorkDir,
  REPO,
  SECRET_FILE_TEXT,
  startApp,
  zenStatus,
} from './lib/raspApp.mjs';
import {
  codeStructureChanged,
  htmlStructureChanged,
  namesNonPublicAddress,
  pathStructureChanged,
  shellStructureChanged,
  sqlStructureChanged,
} from './lib/raspOracles.mjs';
import {
  CODE_ATTACKS,
  COLUMN_NAMES,
  crsPayloads,
  FILE_NAMES,
  FORM_VALUES,
  libinjectionPayloads,
  NUMBERS,
  PATH_ATTACKS,
  ssrfAttacks,
  ssrfBenign,
} from './lib/raspPayloads.mjs';

const { SCHEMA, SQL_CONTEXTS } = createRequire(import.meta.url)(join(APP_DIR, 'sqlContexts.cjs'));
const DATA = resolve(REPO, '..', 'shared', 'data');
const CRS = join(DATA, 'crs-regression');
const LIBINJECTION = join(DATA, 'libinjection');
const PUBLIC_IP = '93.184.215.14';
const NAMESPACE_FAILED = 97;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : process.argv[index + 1];
}
const sample = Number(option('sample', '0'));
const concurrency = Number(option('concurrency', '8'));
const vigilRegister = resolve(option('vigil', join(REPO, 'packages/rasp/dist/register.js')));
const jsonOut = option('json', join(REPO, '.bench', 'rasp', 'eval-results.json'));

if (!existsSync(vigilRegister)) {
  console.error(`${vigilRegister} not found: build first (npm run build)`);
  process.exit(2);
}
for (const dir of [CRS, LIBINJECTION]) {
  if (!existsSync(dir)) {
    console.error(`payload corpus not found at ${dir}`);
    process.exit(2);
  }
}

const isRoot = process.getuid?.() === 0;
const inNamespace = process.env.VIGIL_EVAL_NETNS === '1';
let namespaceNote = inNamespace ? 'own network namespace' : '';
if (!inNamespace && isRoot && !process.argv.includes('--no-namespace')) {
  const hosts = join(mkdtempSync(join(tmpdir(), 'vigil-eval-hosts-')), 'hosts');
  writeFileSync(
    hosts,
    [
      '127.0.0.1 localhost',
      '::1 localhost',
      '127.0.0.1 internal.corp.example',
      `${PUBLIC_IP} api.partner.example`,
      '169.254.169.254 metadata.google.internal',
      '',
    ].join('\n'),
  );
  const setup = [
    'ip link set lo up',
    `ip addr add ${PUBLIC_IP}/32 dev lo`,
    'ip addr add 169.254.169.254/32 dev lo',
    'ip -6 addr add fd00:ec2::254/128 dev lo',
    `mount --bind ${hosts} /etc/hosts`,
  ].join(' && ');
  const result = spawnSync(
    'unshare',
    [
      '--net',
      '--mount',
      '--fork',
      'sh',
      '-c',
      `${setup} || exit ${NAMESPACE_FAILED}; exec "$@"`,
      'sh',
      process.execPath,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, VIGIL_EVAL_NETNS: '1' } },
  );
  if (result.status !== NAMESPACE_FAILED && result.error === undefined)
    process.exit(result.status ?? 1);
  namespaceNote =
    'no network namespace (unshare failed): benign SSRF and metadata payloads not measured';
  console.error(`eval-rasp: ${namespaceNote}`);
} else if (!inNamespace) {
  namespaceNote =
    'no network namespace (needs root and unshare): benign SSRF and metadata payloads not measured';
}

// --- servers the SSRF route may reach ----------------------------------------------------------

let internalHits = 0;
function internalHandler(req, res) {
  internalHits += 1;
  res.end('INTERNAL-SECRET');
}
const listening = [];
async function listen(handler, port, host) {
  const server = createServer(handler);
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  listening.push(server);
  return server.address().port;
}
const internalPort = await listen(internalHandler, 0, '127.0.0.1');
await listen(internalHandler, internalPort, '::1').catch(() => undefined);
let publicOrigin = `http://127.0.0.1:0`;
if (inNamespace) {
  await listen(internalHandler, 80, '169.254.169.254');
  await listen(internalHandler, 80, 'fd00:ec2::254').catch(() => undefined);
  const publicPort = await listen(
    (req, res) => {
      const url = new URL(req.url, 'http://x');
      const to = url.searchParams.get('to');
      if (url.pathname === '/redirect' && to !== null) {
        res.writeHead(302, { location: to }).end();
      } else {
        res.end('public content');
      }
    },
    0,
    PUBLIC_IP,
  );
  publicOrigin = `http://${PUBLIC_IP}:${publicPort}`;
}
const publicName = publicOrigin.replace(PUBLIC_IP, 'api.partner.example');

// --- the work directory and the oracles' own database ------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'vigil-eval-'));
const shellUid = isRoot ? 65534 : undefined;
const { publicDir, sandbox } = prepareWorkDir(work, shellUid);
const oracleDb = new Database(':memory:');
oracleDb.exec(SCHEMA);

// --- payloads ------------------------------------------------------------------------------------

const crs = (prefixes) => crsPayloads(CRS, prefixes);
const crsBenign = crs(['930', '931', '932', '934', '941', '942']).benign;
const falsePositives = libinjectionPayloads(LIBINJECTION, 'false_positives');

function unique(values) {
  return [...new Set(values.map((value) => value.toWellFormed()))];
}
function sampled(values) {
  if (sample <= 0 || values.length <= sample) return values;
  const step = values.length / sample;
  return Array.from({ length: sample }, (_, index) => values[Math.floor(index * step)]);
}

const sqlAttacks = sampled(
  unique([...crs(['942']).attacks, ...libinjectionPayloads(LIBINJECTION, 'sqli-')]),
);
const codeAttacks = unique([...crs(['934100', '934101']).attacks, ...CODE_ATTACKS]);
const ssrfOptions = { internalPort, publicOrigin, publicName, withNamespace: inNamespace };

/** Each measured class: its route(s), its attack payloads, its own benign values, its oracle. */
const CLASSES = [
  ...Object.entries(SQL_CONTEXTS).map(([name, context]) => ({
    name: `SQL injection (${name === 'order' ? 'ORDER BY' : name === 'like' ? 'LIKE' : name})`,
    route: `/sql/${name}`,
    attacks: sqlAttacks,
    benign: name === 'numeric' ? NUMBERS : name === 'order' ? COLUMN_NAMES : [],
    oracle: (q) => sqlStructureChanged(oracleDb, name, context, q),
  })),
  {
    name: 'Command injection',
    route: '/lookup',
    attacks: sampled(unique(crs(['932']).attacks)),
    benign: ['example.com', 'db-1.internal', 'localhost', '10.0.0.1 8.8.8.8'],
    oracle: undefined, // from the run without an agent: what `lookup` received
  },
  {
    name: 'Path traversal',
    route: '/file',
    attacks: unique([...crs(['930']).attacks, ...PATH_ATTACKS]),
    benign: FILE_NAMES,
    oracle: (q) => pathStructureChanged(publicDir, q),
  },
  {
    name: 'SSRF',
    route: '/fetch',
    attacks: unique([
      ...crs(['934110', '934120', '934190', '931']).attacks,
      ...ssrfAttacks(ssrfOptions),
    ]),
    benign: inNamespace ? ssrfBenign(ssrfOptions) : [],
    oracle: undefined, // from the run without an agent: did an internal server answer it
    sequential: true,
  },
  {
    name: 'XSS (reflected)',
    route: '/hello',
    attacks: sampled(
      unique([...crs(['941']).attacks, ...libinjectionPayloads(LIBINJECTION, 'xss-')]),
    ),
    benign: [],
    oracle: htmlStructureChanged,
  },
  {
    name: 'Code injection (number)',
    route: '/calc',
    attacks: codeAttacks,
    benign: NUMBERS,
    oracle: (q) => codeStructureChanged('/calc', q),
  },
  {
    name: 'Code injection (string)',
    route: '/label',
    attacks: codeAttacks,
    benign: [],
    oracle: (q) => codeStructureChanged('/label', q),
  },
];

/** Every request of the run: attacks by GET, benign values by GET, and by JSON and form POST. */
function buildRequests() {
  const requests = [];
  for (const cls of CLASSES) {
    for (const q of cls.attacks) requests.push({ cls, q, kind: 'attack', method: 'GET' });
    const everyday = unique([...FORM_VALUES, ...cls.benign]);
    for (const q of unique([...everyday, ...falsePositives, ...crsBenign])) {
      requests.push({ cls, q, kind: 'benign', method: 'GET' });
    }
    for (const q of everyday) {
      requests.push({ cls, q, kind: 'benign', method: 'JSON' });
      requests.push({ cls, q, kind: 'benign', method: 'FORM' });
    }
  }
  return requests;
}

// --- sending -------------------------------------------------------------------------------------

async function send(port, request) {
  const url = `http://127.0.0.1:${port}${request.cls.route}`;
  const init = { signal: AbortSignal.timeout(20_000) };
  let target = url;
  if (request.method === 'GET') {
    target = `${url}?${new URLSearchParams({ q: request.q })}`;
  } else if (request.method === 'JSON') {
    Object.assign(init, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: request.q }),
    });
  } else {
    Object.assign(init, { method: 'POST', body: new URLSearchParams({ q: request.q }) });
  }
  try {
    const response = await fetch(target, init);
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  } catch (error) {
    return { status: 0, text: String(error.cause?.message ?? error.message), json: undefined };
  }
}

function blockedBy(agent, response) {
  if (agent === 'vigil') return response.status === 403 && /blocked by vigil/i.test(response.text);
  if (agent === 'zen') return /Zen has blocked/.test(response.text);
  return false;
}

/** Runs every request against one app; restarts the app if a payload brings it down. */
async function runConfig(agent, requests) {
  const setup = agentSetups(vigilRegister)[agent];
  const extraEnv = { VIGIL_RASP_LOG: join(work, `${agent}-events.ndjson`) };
  let app = await startApp(setup, { work, shellUid, extraEnv });
  let restarts = 0;
  const started = performance.now();
  const results = new Map();
  const one = async (request) => {
    const hitsBefore = internalHits;
    let response = await send(app.port, request);
    if (response.status === 0) {
      const state = await Promise.race([
        app.exited,
        new Promise((done) => setTimeout(done, 50, 'alive')),
      ]);
      if (state !== 'alive') {
        restarts += 1;
        app = await startApp(setup, { work, shellUid, extraEnv });
        response = await send(app.port, request);
      }
    }
    results.set(request, {
      response,
      blocked: blockedBy(agent, response),
      internalHit: internalHits > hitsBefore,
    });
  };
  const parallel = requests.filter((request) => !request.cls.sequential);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < parallel.length) await one(parallel[next++]);
    }),
  );
  for (const request of requests.filter((request) => request.cls.sequential)) await one(request);
  const seconds = (performance.now() - started) / 1000;
  const stderr = app.stderr();
  await app.stop();
  return { results, seconds, restarts, stderr };
}

// --- proof that every route is exploitable without an agent -------------------------------------

function exploits() {
  const marker = join(sandbox, 'pwned');
  const codeMarker = join(sandbox, 'code-pwned');
  const rows = (response) => response.json?.rows ?? [];
  const leaks = (response) => rows(response).some((row) => row.name === 's3cr3t-api-key');
  const neutralOrder = ['alice', 'bob', "O'Brien", 'zoe'];
  return [
    ['/sql/string', "' OR '1'='1", 'returns every row', (r) => rows(r).length === 4],
    [
      '/sql/string',
      "' UNION SELECT id, value, value FROM secrets --",
      'reads the secrets table',
      leaks,
    ],
    [
      '/sql/numeric',
      '0 UNION SELECT id, value, value FROM secrets',
      'reads the secrets table',
      leaks,
    ],
    [
      '/sql/order',
      "(CASE WHEN (SELECT substr(value, 1, 1) FROM secrets) = 's' THEN city ELSE id END)",
      'leaks a bit of the secret through the row order',
      (r) =>
        rows(r)
          .map((row) => row.name)
          .join() !== neutralOrder.join(),
    ],
    [
      '/sql/like',
      "%' UNION SELECT id, value, value FROM secrets --",
      'reads the secrets table',
      leaks,
    ],
    [
      '/lookup',
      'example.com; echo pwned > pwned',
      'runs a second command',
      () => existsSync(marker),
    ],
    [
      '/file',
      '../secret.txt',
      'reads a file outside public/',
      (r) => r.json?.content === SECRET_FILE_TEXT,
    ],
    [
      '/fetch',
      `http://127.0.0.1:${internalPort}/secret`,
      'reaches the internal server',
      (r) => r.json?.body === 'INTERNAL-SECRET',
    ],
    [
      '/hello',
      '<script>alert(document.cookie)</script>',
      'reflects a script element',
      (r) => r.text.includes('<script>alert(document.cookie)</script>'),
    ],
    [
      '/calc',
      `(require('fs').writeFileSync(${JSON.stringify(codeMarker)}, '1'), 1)`,
      'runs arbitrary JavaScript',
      () => existsSync(codeMarker),
    ],
    [
      '/label',
      "' + require('os').userInfo().username + '",
      'runs arbitrary JavaScript',
      (r) =>
        typeof r.json?.label === 'string' &&
        r.json.label !== "' + REQUIRE('OS').USERINFO().USERNAME + '",
    ],
  ];
}

async function verifyExploitable() {
  const app = await startApp(agentSetups(vigilRegister).none, { work, shellUid });
  const outcomes = [];
  try {
    for (const [route, q, effect, check] of exploits()) {
      const response = await send(app.port, { cls: { route }, q, method: 'GET' });
      outcomes.push({ route, q, effect, ok: Boolean(check(response)) });
    }
  } finally {
    await app.stop();
  }
  rmSync(join(sandbox, 'pwned'), { force: true });
  rmSync(join(sandbox, 'code-pwned'), { force: true });
  return outcomes;
}

// --- the run -------------------------------------------------------------------------------------

const date = new Date().toISOString().slice(0, 10);
const zen = zenStatus();
console.log(
  `# RASP detection evaluation, ${date}, Node ${process.version}, ${namespaceNote || 'host network'}`,
);
console.log(`Vigil: ${vigilRegister}`);
console.log(
  zen.available
    ? `Aikido Zen: @aikidosec/firewall ${zen.version}`
    : `Aikido Zen: not run: ${zen.reason}`,
);

const verification = await verifyExploitable();
console.log('\nExploitable without an agent (verified over HTTP):');
for (const { route, q, effect, ok } of verification) {
  console.log(`  ${ok ? 'yes' : 'NO '} ${route}: ${effect} (${JSON.stringify(q)})`);
}

const requests = buildRequests();
const agents = ['none', 'vigil', ...(zen.available ? ['zen'] : [])];
const runs = {};
for (const agent of agents) {
  process.stderr.write(`eval-rasp: ${agent}: ${requests.length} requests...\n`);
  runs[agent] = await runConfig(agent, requests);
  process.stderr.write(`eval-rasp: ${agent}: ${runs[agent].seconds.toFixed(1)} s\n`);
}

/** The oracle's verdict for one request: did its input change the sink's structure? */
function changed(request) {
  const baseline = runs.none.results.get(request);
  if (request.cls.route === '/lookup')
    return shellStructureChanged(request.q, baseline.response.json) ?? false;
  if (request.cls.route === '/fetch') {
    return baseline.internalHit || (request.kind === 'benign' && namesNonPublicAddress(request.q));
  }
  return request.cls.oracle(request.q);
}

/**
 * Whether the changed call also ran: the query compiled and returned rows, the shell parsed the
 * command line, a file was read, the eval returned, the internal server answered. A query or
 * command line the payload merely broke ends in an error and does nothing.
 */
function ran(request) {
  const { response } = runs.none.results.get(request);
  if (response.status !== 200) return false;
  return request.cls.route !== '/lookup' || !/syntax error/i.test(response.json?.stderr ?? '');
}

const summary = [];
const details = [];
for (const cls of CLASSES) {
  const mine = requests.filter((request) => request.cls === cls);
  const attacks = mine.filter((request) => request.kind === 'attack');
  const reached = attacks.filter(changed);
  const executed = reached.filter(ran);
  const harmless = attacks.filter((request) => !changed(request));
  const benign = mine.filter((request) => request.kind === 'benign' && !changed(request));
  const benignChanging = mine.filter((request) => request.kind === 'benign' && changed(request));
  const row = {
    class: cls.name,
    route: cls.route,
    payloads: attacks.length,
    changed: reached.length,
    ran: executed.length,
    benign: benign.length,
    benignChanging: benignChanging.length,
  };
  for (const agent of agents.filter((name) => name !== 'none')) {
    const result = (request) => runs[agent].results.get(request);
    const missed = reached.filter((request) => !result(request).blocked);
    const wronglyBlocked = benign.filter((request) => result(request).blocked);
    row[agent] = {
      blocked: reached.length - missed.length,
      blockedRan: executed.filter((request) => result(request).blocked).length,
      blockedHarmless: harmless.filter((request) => result(request).blocked).length,
      falsePositives: wronglyBlocked.length,
    };
    details.push({
      agent,
      class: cls.name,
      missed: missed.map((request) => request.q),
      missedRan: executed.filter((request) => !result(request).blocked).map((request) => request.q),
      blockedUnchanged: harmless
        .filter((request) => result(request).blocked)
        .map((request) => request.q),
      falsePositives: wronglyBlocked.map((request) => ({ q: request.q, method: request.method })),
    });
  }
  summary.push(row);
}

const pct = (part, whole) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);
const others = agents.filter((name) => name !== 'none');
const label = (agent) => agentSetups(vigilRegister)[agent].label;
console.log(
  '\n## Attacks that reached the sink and changed its structure, and how many each agent blocked\n',
);
console.log(
  'Changed: the oracle says the input changed what the sink received (run without an agent). ' +
    'Ran: of those, the call also succeeded (the query compiled and ran, the shell parsed the line, the file was read, the eval returned, an internal server answered).\n',
);
console.log(
  `| class | route | payloads sent | changed | ${others.map((a) => `blocked by ${label(a)}`).join(' | ')} | ran | ${others.map((a) => `blocked by ${label(a)}`).join(' | ')} |`,
);
console.log(
  `| --- | --- | ---: | ---: | ${others.map(() => '---:').join(' | ')} | ---: | ${others.map(() => '---:').join(' | ')} |`,
);
for (const row of summary) {
  console.log(
    `| ${row.class} | \`${row.route}\` | ${row.payloads} | ${row.changed} | ${others
      .map((a) => `${row[a].blocked} (${pct(row[a].blocked, row.changed)})`)
      .join(
        ' | ',
      )} | ${row.ran} | ${others.map((a) => `${row[a].blockedRan} (${pct(row[a].blockedRan, row.ran)})`).join(' | ')} |`,
  );
}
console.log('\n## Benign requests (inputs that left the sink as intended) wrongly blocked\n');
console.log(
  `| class | benign requests | ${others.map((a) => `blocked by ${label(a)}`).join(' | ')} | benign-looking inputs that did change the sink (not counted) |`,
);
console.log(`| --- | ---: | ${others.map(() => '---:').join(' | ')} | ---: |`);
for (const row of summary) {
  console.log(
    `| ${row.class} | ${row.benign} | ${others.map((a) => String(row[a].falsePositives)).join(' | ')} | ${row.benignChanging} |`,
  );
}
console.log('\n## Attack payloads that did not change the sink, blocked anyway\n');
console.log(`| class | such payloads | ${others.map((a) => label(a)).join(' | ')} |`);
console.log(`| --- | ---: | ${others.map(() => '---:').join(' | ')} |`);
for (const row of summary) {
  console.log(
    `| ${row.class} | ${row.payloads - row.changed} | ${others.map((a) => String(row[a].blockedHarmless)).join(' | ')} |`,
  );
}
console.log('\n## Time\n');
for (const agent of agents) {
  const run = runs[agent];
  console.log(
    `- ${label(agent)}: ${requests.length} requests in ${run.seconds.toFixed(1)} s${run.restarts > 0 ? `, app restarted ${run.restarts} times` : ''}`,
  );
}

console.log('\n## Examples of misses and wrong blocks (all in the JSON file)\n');
for (const entry of details) {
  if (entry.missed.length === 0 && entry.falsePositives.length === 0) continue;
  const show = (values) =>
    values
      .slice(0, 3)
      .map((value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value))
      .join(', ');
  if (entry.missed.length > 0) {
    console.log(
      `- ${label(entry.agent)} missed ${entry.missed.length} on ${entry.class} (${entry.missedRan.length} that ran): ${show(entry.missedRan.length > 0 ? entry.missedRan : entry.missed)}`,
    );
  }
  if (entry.falsePositives.length > 0) {
    console.log(
      `- ${label(entry.agent)} blocked ${entry.falsePositives.length} benign on ${entry.class}: ${show(entry.falsePositives.map((fp) => `${fp.method} ${fp.q}`))}`,
    );
  }
}

mkdirSync(resolve(jsonOut, '..'), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify(
    { date, node: process.version, namespace: namespaceNote, zen, verification, summary, details },
    null,
    2,
  ),
);
console.log(`\nDetails: ${jsonOut}`);

for (const server of listening) server.close();
rmSync(work, { recursive: true, force: true });

import type { CodeRule } from './codeRule.js';

const OWASP_INJECTION = 'A03:2021-Injection' as const;

/** Rules reporting untrusted input that reaches a sink; the engine finds the flows. */
export const taintRules: readonly CodeRule[] = [
  {
    id: 'sql-injection',
    title: 'SQL injection',
    description:
      'Untrusted input is built into the text of an SQL query (pg, mysql, mysql2, sqlite3, better-sqlite3, Sequelize, Knex raw, TypeORM, Prisma unsafe raw queries).',
    severity: 'critical',
    cwe: ['CWE-89'],
    owasp: OWASP_INJECTION,
    remediation:
      'Pass input as bound parameters (`$1`/`?` placeholders with a values array, Prisma `$queryRaw` tagged templates, Knex bindings) instead of concatenating it into the query.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
    ],
    sinkClass: 'sql',
    examples: {
      vulnerable: `app.get('/user', async (req, res) => {
  const rows = await pool.query("SELECT * FROM users WHERE name = '" + req.query.name + "'");
  res.json(rows);
});`,
      safe: `app.get('/user', async (req, res) => {
  const rows = await pool.query('SELECT * FROM users WHERE name = $1', [req.query.name]);
  res.json(rows);
});`,
    },
  },
  {
    id: 'nosql-injection',
    title: 'NoSQL injection',
    description:
      'A MongoDB/Mongoose query object is built from untrusted input, so a request can send operators such as `{"$ne": null}` or a `$where` JavaScript expression.',
    severity: 'high',
    cwe: ['CWE-943'],
    owasp: OWASP_INJECTION,
    remediation:
      'Coerce input to the expected type (`String(x)`), compare with `{ $eq: x }`, or strip operators with mongo-sanitize; never put input into `$where`.',
    references: [
      'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection',
    ],
    sinkClass: 'nosql',
    examples: {
      vulnerable: `app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: req.body.name, password: req.body.password });
  res.json(user);
});`,
      safe: `app.post('/login', async (req, res) => {
  const user = await User.findOne({ name: String(req.body.name) });
  res.json(user);
});`,
    },
  },
  {
    id: 'command-injection',
    title: 'OS command injection',
    description:
      'Untrusted input reaches a shell command (`exec`, `execSync`, or `spawn`/`execFile` with `shell: true`) or chooses the program to run.',
    severity: 'critical',
    cwe: ['CWE-78'],
    owasp: OWASP_INJECTION,
    remediation:
      'Run a fixed program with `execFile`/`spawn` and pass input as separate arguments without a shell; validate it against an allow-list.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
    ],
    sinkClass: 'command',
    examples: {
      vulnerable: `const { exec } = require('child_process');
app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, out) => res.type('text').send(out));
});`,
      safe: `const { execFile } = require('child_process');
app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', req.query.host], (err, out) => res.type('text').send(out));
});`,
    },
  },
  {
    id: 'path-traversal',
    title: 'Path traversal',
    description:
      'Untrusted input chooses a file path for `fs` or `res.sendFile`/`res.download`, so `../` can reach files outside the intended directory.',
    severity: 'high',
    cwe: ['CWE-22'],
    owasp: 'A01:2021-Broken Access Control',
    remediation:
      'Take `path.basename` of the name, or resolve the path and check it starts with the base directory; for `sendFile` pass the `root` option.',
    references: ['https://owasp.org/www-community/attacks/Path_Traversal'],
    sinkClass: 'path',
    examples: {
      vulnerable: `const fs = require('fs');
app.get('/file', (req, res) => {
  res.send(fs.readFileSync('/srv/files/' + req.query.name));
});`,
      safe: `const fs = require('fs');
const path = require('path');
app.get('/file', (req, res) => {
  res.send(fs.readFileSync(path.join('/srv/files', path.basename(req.query.name))));
});`,
    },
  },
  {
    id: 'xss',
    title: 'Cross-site scripting',
    description:
      'Untrusted input is written into HTML without escaping: `res.send`/`write` of a string, `innerHTML`/`outerHTML`, `document.write`, React `dangerouslySetInnerHTML`, Angular `bypassSecurityTrust*`.',
    severity: 'high',
    cwe: ['CWE-79'],
    owasp: OWASP_INJECTION,
    remediation:
      'Escape for the HTML context (escape-html, a template engine with auto-escaping), use `textContent` in the browser, or sanitise HTML with DOMPurify.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
    ],
    sinkClass: 'xss',
    examples: {
      vulnerable: `app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});`,
      safe: `const escapeHtml = require('escape-html');
app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
});`,
    },
  },
  {
    id: 'code-injection',
    title: 'Code injection',
    description:
      'Untrusted input is run as JavaScript: `eval`, `new Function`, the `vm` module, or `setTimeout`/`setInterval` with a string.',
    severity: 'critical',
    cwe: ['CWE-94', 'CWE-95'],
    owasp: OWASP_INJECTION,
    remediation:
      'Never evaluate input as code: parse data with `JSON.parse`, map input to a fixed set of functions, pass functions (not strings) to timers.',
    references: ['https://owasp.org/www-community/attacks/Code_Injection'],
    sinkClass: 'code',
    examples: {
      vulnerable: `app.post('/calc', (req, res) => {
  res.json({ result: eval(req.body.expression) });
});`,
      safe: `app.post('/calc', (req, res) => {
  res.json({ result: JSON.parse(req.body.expression) });
});`,
    },
  },
  {
    id: 'ssrf',
    title: 'Server-side request forgery',
    description:
      'Untrusted input chooses the URL or host of a server-side HTTP request (`fetch`, axios, `http.request`, got, …), so a request can reach internal services.',
    severity: 'high',
    cwe: ['CWE-918'],
    owasp: 'A10:2021-Server-Side Request Forgery',
    remediation:
      'Build the URL from a fixed origin and put input only into the path or query, or check the host against an allow-list before the request.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
    ],
    sinkClass: 'ssrf',
    examples: {
      vulnerable: `const axios = require('axios');
app.get('/proxy', async (req, res) => {
  const response = await axios.get(req.query.url);
  res.json(response.data);
});`,
      safe: `const axios = require('axios');
app.get('/proxy', async (req, res) => {
  const response = await axios.get('https://api.example.com/items/' + encodeURIComponent(req.query.id));
  res.json(response.data);
});`,
    },
  },
  {
    id: 'open-redirect',
    title: 'Open redirect',
    description:
      'Untrusted input chooses where a response or the browser redirects (`res.redirect`, `ctx.redirect`, `location.href = …`), which phishing uses.',
    severity: 'medium',
    cwe: ['CWE-601'],
    owasp: 'A01:2021-Broken Access Control',
    remediation:
      'Redirect only to local paths or to hosts on an allow-list; map input to known destinations.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
    ],
    sinkClass: 'redirect',
    examples: {
      vulnerable: `app.get('/login/done', (req, res) => {
  res.redirect(req.query.next);
});`,
      safe: `const ALLOWED = ['/home', '/profile'];
app.get('/login/done', (req, res) => {
  if (!ALLOWED.includes(req.query.next)) return res.redirect('/home');
  res.redirect(req.query.next);
});`,
    },
  },
  {
    id: 'regex-injection',
    title: 'Regular expression from input (ReDoS)',
    description:
      'A regular expression is compiled from untrusted input, so a request can send a pattern with catastrophic backtracking and block the event loop.',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-400'],
    owasp: OWASP_INJECTION,
    remediation:
      'Escape input before building a pattern (escape-string-regexp, lodash `escapeRegExp`), or search with `includes`.',
    references: [
      'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
    ],
    sinkClass: 'regex',
    examples: {
      vulnerable: `app.get('/search', (req, res) => {
  const pattern = new RegExp(req.query.q);
  res.json(items.filter((item) => pattern.test(item)));
});`,
      safe: `const escapeStringRegexp = require('escape-string-regexp');
app.get('/search', (req, res) => {
  const pattern = new RegExp(escapeStringRegexp(req.query.q));
  res.json(items.filter((item) => pattern.test(item)));
});`,
    },
  },
  {
    id: 'redos',
    title: 'Super-linear regular expression applied to input (ReDoS)',
    description:
      'A regular expression written in the code backtracks exponentially (`(a+)+`) or polynomially (`.+@.+`, `\\s+$` searched at every position) on some input, and untrusted text is matched against it (`test`, `exec`, `match`, `replace`, `split`, `search`), so one long crafted string blocks the event loop.',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-400'],
    owasp: 'A04:2021-Insecure Design',
    remediation:
      'Rewrite the pattern so no two quantifiers can match the same characters (`/^(?:[^,]*,)+$/` instead of `/^(.*,)+$/`, `[^x]*x` instead of `.*x`, anchors), cap the input length before matching, or use a linear-time engine such as re2.',
    references: [
      'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
      'https://github.com/RunDevelopment/scslre',
    ],
    sinkClass: 'redos',
    examples: {
      vulnerable: `const EMAIL = /^([a-zA-Z0-9]+\\.?)+@example\\.com$/;
app.post('/subscribe', (req, res) => {
  if (!EMAIL.test(req.body.email)) return res.status(400).end();
  res.end();
});`,
      safe: `const EMAIL = /^[a-zA-Z0-9]+(?:\\.[a-zA-Z0-9]+)*@example\\.com$/;
app.post('/subscribe', (req, res) => {
  if (!EMAIL.test(req.body.email)) return res.status(400).end();
  res.end();
});`,
    },
  },
  {
    id: 'prototype-pollution',
    title: 'Prototype pollution',
    description:
      'User-controlled keys are written into an object that may be a prototype: one read with a user-controlled key (`obj[a][b] = v`, a path setter walking `obj = obj[key]` over a split path, in loops, `reduce` or helpers), or the target of a recursive merge or extend that passes `target[key]` back to itself (keys from `for…in`, `Object.keys`/`entries`, `forOwn`, over parameters, `arguments` or rest parameters), or lodash `merge`/`defaultsDeep`/`set` of input. `__proto__`, or `constructor` then `prototype`, changes `Object.prototype` for the whole process. In library mode (`--sources exports`) every function of the library counts as API for this rule: a merge or path setter is the vulnerability whoever calls it.',
    severity: 'high',
    cwe: ['CWE-1321'],
    owasp: 'A08:2021-Software and Data Integrity Failures',
    remediation:
      'Skip `__proto__`, `constructor` and `prototype` keys (rejecting `__proto__` alone is not enough), recurse only into own properties of the target (`Object.hasOwn(target, key)`), merge into `Object.create(null)` objects or a `Map`, and validate input against a schema before merging.',
    references: ['https://github.com/HoLyVieR/prototype-pollution-nsec18'],
    sinkClass: 'prototype',
    examples: {
      vulnerable: `app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  settings[section][key] = value;
  res.end();
});`,
      safe: `app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  if (section === '__proto__' || key === '__proto__' || section === 'constructor' || key === 'constructor') return res.end();
  settings[section][key] = value;
  res.end();
});`,
    },
  },
  {
    id: 'unsafe-deserialization',
    title: 'Unsafe deserialisation',
    description:
      'Untrusted input is deserialised by a format that can run code: node-serialize `unserialize`, js-yaml `load` with a full schema, serialize-to-js.',
    severity: 'critical',
    cwe: ['CWE-502'],
    owasp: 'A08:2021-Software and Data Integrity Failures',
    remediation: 'Parse data with `JSON.parse` or js-yaml `load` with its default (safe) schema.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html'],
    sinkClass: 'deserialization',
    examples: {
      vulnerable: `const serialize = require('node-serialize');
app.post('/profile', (req, res) => {
  res.json(serialize.unserialize(req.cookies.profile));
});`,
      safe: `app.post('/profile', (req, res) => {
  res.json(JSON.parse(req.cookies.profile));
});`,
    },
  },
  {
    id: 'xxe',
    title: 'XML external entities',
    description:
      'Untrusted XML is parsed by libxmljs with `noent: true`, which expands external entities and can read local files or reach internal hosts.',
    severity: 'high',
    cwe: ['CWE-611'],
    owasp: 'A05:2021-Security Misconfiguration',
    remediation: 'Parse without `noent` (the default) so entities are not expanded.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
    ],
    sinkClass: 'xxe',
    examples: {
      vulnerable: `const libxmljs = require('libxmljs');
app.post('/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml, { noent: true });
  res.send(doc.root().name());
});`,
      safe: `const libxmljs = require('libxmljs');
app.post('/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml);
  res.json({ root: doc.root().name() });
});`,
    },
  },
  {
    id: 'log-injection',
    title: 'Log injection',
    description:
      'Raw untrusted input is written to a log line; CR/LF in it can forge log entries and mislead whoever reads the logs.',
    severity: 'low',
    cwe: ['CWE-117'],
    owasp: 'A09:2021-Security Logging and Monitoring Failures',
    remediation:
      'Log input as a structured field (`logger.info({ user }, "login")`), or strip CR/LF (`.replace(/[\\r\\n]/g, "")`) or `JSON.stringify` it first.',
    references: ['https://owasp.org/www-community/attacks/Log_Injection'],
    sinkClass: 'log',
    examples: {
      vulnerable: `app.post('/login', (req, res) => {
  console.log('login attempt for ' + req.body.user);
  res.end();
});`,
      safe: `app.post('/login', (req, res) => {
  console.log('login attempt for ' + JSON.stringify(req.body.user));
  res.end();
});`,
    },
  },
];

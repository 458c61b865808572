// The evaluation's sample app: Express 5 with one deliberately vulnerable route per sink class,
// each taking the user's text as `q` (query string, JSON body or form body). Never deploy it.
//
// CommonJS on purpose: Aikido Zen protects native ESM apps only through `module.registerHooks`,
// which Node 20 lacks, so an ESM app would leave Zen blind and the comparison unfair. Vigil
// protects both module kinds.
//
// Environment (set by scripts/eval-rasp.mjs and scripts/bench-rasp.mjs):
//   EVAL_WORK      directory holding public/ (served files), secret.txt (outside public/),
//                  sandbox/ (the shell's working directory) and bin/lookup
//   EVAL_PORT      port to listen on (0: any), printed as `EVAL_APP_LISTENING <port>`
//   EVAL_AGENT     `zen` adds Zen's Express middleware, as Zen's Express guide asks
//   EVAL_SHELL_UID uid (and gid) the command route's shell runs as: the payloads really run
'use strict';

const { exec } = require('node:child_process');
const { readFile } = require('node:fs/promises');
const path = require('node:path');
const Database = require('better-sqlite3');
const express = require('express');
const { SCHEMA, SQL_CONTEXTS } = require('./sqlContexts.cjs');

const work = process.env.EVAL_WORK;
if (work === undefined) throw new Error('EVAL_WORK is not set');
const publicDir = path.join(work, 'public');
const shellUid =
  process.env.EVAL_SHELL_UID === undefined ? undefined : Number(process.env.EVAL_SHELL_UID);

const db = new Database(':memory:');
db.exec(SCHEMA);
const userById = db.prepare('SELECT id, name, city FROM users WHERE id = ?');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
if (process.env.EVAL_AGENT === 'zen') require('@aikidosec/firewall').addExpressMiddleware(app);

/** The user's text: `q` from the query string (GET) or the parsed body (POST). */
function input(req) {
  const value = req.method === 'GET' ? req.query.q : req.body?.q;
  return typeof value === 'string' ? value : undefined;
}

function withInput(handler) {
  return (req, res) => {
    const q = input(req);
    if (q === undefined) return res.status(400).json({ error: 'q is required' });
    return handler(q, res);
  };
}

// SQL injection: the text concatenated into four places of a query (see sqlContexts.cjs).
for (const [name, context] of Object.entries(SQL_CONTEXTS)) {
  app.all(
    `/sql/${name}`,
    withInput((q, res) => {
      res.json({ rows: db.prepare(context.query(q)).all() });
    }),
  );
}

// Command injection: a host name handed to a tool through the shell.
app.all(
  '/lookup',
  withInput((q, res) => {
    const options = {
      cwd: path.join(work, 'sandbox'),
      env: { PATH: path.join(work, 'bin') },
      // Its own process group, so a payload's leftovers can be ended with the shell.
      detached: true,
      ...(shellUid === undefined ? {} : { uid: shellUid, gid: shellUid }),
    };
    const child = exec(`lookup ${q}`, options, (error, stdout, stderr) => {
      clearTimeout(timer);
      res.json({ stdout, stderr, code: error?.code ?? 0 });
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 3000);
    child.stdin?.end();
  }),
);

// Path traversal: a file name joined to the public directory.
app.all(
  '/file',
  withInput(async (q, res) => {
    try {
      res.json({ content: await readFile(path.join(publicDir, q), 'utf8') });
    } catch (error) {
      if (error?.code !== 'ENOENT' && error?.code !== 'EISDIR' && error?.code !== 'ENOTDIR') {
        throw error;
      }
      res.status(404).json({ error: error.code });
    }
  }),
);

// SSRF: the server fetches a URL the client names ("import from URL", webhooks, previews).
app.all(
  '/fetch',
  withInput(async (q, res) => {
    let response;
    try {
      response = await fetch(q, { signal: AbortSignal.timeout(2000) });
    } catch (error) {
      // fetch wraps what stopped it (a network failure, or an agent's block) as `cause`.
      if (!(error instanceof TypeError) && error?.name !== 'TimeoutError') throw error;
      return res.status(502).json({ error: 'fetch failed', cause: String(error.cause?.message) });
    }
    res.json({ status: response.status, body: (await response.text()).slice(0, 200) });
  }),
);

// Reflected XSS: a greeting written into HTML unescaped.
app.all(
  '/hello',
  withInput((q, res) => {
    res.send(`<p>Hello ${q}</p>`);
  }),
);

// Code injection: input evaluated as part of an expression, as a number and as a string.
app.all(
  '/calc',
  withInput((q, res) => {
    res.json({ total: eval(`${q} * 9.99`) });
  }),
);
app.all(
  '/label',
  withInput((q, res) => {
    res.json({ label: eval(`'${q}'.toUpperCase()`) });
  }),
);

// Benign routes for the overhead benchmark.
app.get('/empty', (_req, res) => {
  res.end();
});
app.get('/user', (req, res) => {
  res.json(userById.get(Number(req.query.id ?? 1)) ?? null);
});
app.get('/readme', async (_req, res) => {
  res.type('text').send(await readFile(path.join(publicDir, 'readme.txt'), 'utf8'));
});

// The app's own error handler: what a Zen block (a thrown error) turns into.
app.use((error, _req, res, _next) => {
  if (res.headersSent) return;
  res.status(500).json({ error: String(error?.message ?? error) });
});

const server = app.listen(Number(process.env.EVAL_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`EVAL_APP_LISTENING ${server.address().port}\n`);
});

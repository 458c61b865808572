// Code scanner evaluation: Vigil (library mode) vs ESLint with eslint-plugin-security and
// @microsoft/eslint-plugin-sdl on SecBench.js cases, then on Vigil's own labelled corpus.
//
//   npm run build && npm run eval:sast [-- --sample N] [--class redos] [--concurrency 8]
//                                       [--cases DIR] [--cache DIR] [--json FILE] [--corpus-only]
//                                       [--no-eslint]
//
// Each SecBench case names an npm package at a vulnerable version and the sink as
// `file:line:col`. The package is fetched with `npm pack` into a cache outside the repository
// (~/.cache/vigil-eval/sast/<name>@<version>/package; no dependencies: only the package's own
// files are scanned), then scanned with the real CLI:
//
//   vigil scan <dir> --scanners code --sources exports --format json --fail-on none
//
// and linted with ESLint (every rule of both plugins' recommended configs) on the same code
// files. A case is a hit for a tool when it reports a finding of the case's class on the sink
// line: same file, same line (Vigil: the finding's location or the last step of a flow; ESLint:
// the message's line). Cases without a sink, or whose sink file is not in the published package,
// are counted and left out of recall. A package that cannot be fetched is skipped and counted.
import { execFile, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createEslintRunner, pluginOf } from './lib/eslintSecurity.mjs';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..');
const vigil = join(repo, 'packages/cli/bin/vigil.js');

const CLASSES = [
  'code-injection',
  'command-injection',
  'path-traversal',
  'prototype-pollution',
  'redos',
];

/** The rules that count for a class. Vigil: its rule ids; ESLint: the rules meant for that class. */
const VIGIL_RULES = {
  'code-injection': ['code/code-injection'],
  'command-injection': ['code/command-injection'],
  'path-traversal': ['code/path-traversal'],
  'prototype-pollution': ['code/prototype-pollution'],
  redos: ['code/regex-injection', 'code/redos'],
};
const ESLINT_RULES = {
  'code-injection': [
    'security/detect-eval-with-expression',
    'no-eval',
    'no-implied-eval',
    'no-new-func',
  ],
  'command-injection': ['security/detect-child-process'],
  'path-traversal': ['security/detect-non-literal-fs-filename'],
  'prototype-pollution': ['security/detect-object-injection'],
  redos: ['security/detect-unsafe-regex', 'security/detect-non-literal-regexp'],
};
// Extra dependencies some cases list for their exploit tests, not the package under test.
const HELPER_DEPENDENCIES = new Set(['sleep', '@babel/highlight']);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const casesDir = resolve(
  option(
    'cases',
    [join(repo, '../shared/data/secbench-dev'), '/work/shared/data/secbench-dev'].find((dir) =>
      existsSync(dir),
    ) ?? '',
  ),
);
const cacheDir = resolve(option('cache', join(homedir(), '.cache/vigil-eval/sast')));
const concurrency = Number(option('concurrency', '8'));
const sample = option('sample');
const onlyClass = option('class');
const jsonOut = option('json');
// for quick iterations on the engine: Vigil only
const noEslint = process.argv.includes('--no-eslint');

if (!existsSync(join(repo, 'packages/cli/dist/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

// ─── cases ──────────────────────────────────────────────────────────────────

function readCases() {
  const cases = [];
  for (const cls of CLASSES) {
    if (onlyClass && cls !== onlyClass) continue;
    for (const name of readdirSync(join(casesDir, cls)).sort()) {
      const manifest = JSON.parse(readFileSync(join(casesDir, cls, name, 'package.json'), 'utf8'));
      const deps = Object.entries(manifest.dependencies ?? {}).filter(
        ([dep]) => !HELPER_DEPENDENCIES.has(dep),
      );
      const [pkg, version] = deps[0] ?? [];
      const sinkMatch = /^(.*):(\d+):(\d+)$/.exec(manifest.sink ?? '');
      cases.push({
        class: cls,
        name,
        id: manifest.id,
        pkg,
        version,
        sink: sinkMatch
          ? { file: sinkMatch[1], line: Number(sinkMatch[2]), column: Number(sinkMatch[3]) }
          : undefined,
      });
    }
  }
  if (!sample) return cases;
  // deterministic: every k-th case of the sorted list
  const step = cases.length / Number(sample);
  return Array.from(
    { length: Math.min(Number(sample), cases.length) },
    (_, i) => cases[Math.floor(i * step)],
  );
}

// ─── fetching ───────────────────────────────────────────────────────────────

/** `npm pack` the package into the cache and unpack it; returns the package directory. */
async function fetchPackage(pkg, version) {
  const dir = join(cacheDir, `${pkg.replace('/', '+')}@${version}`);
  const done = join(dir, '.vigil-eval-ok');
  const packageDir = join(dir, 'package');
  if (existsSync(done)) return { dir: packageDir, resolved: readFileSync(done, 'utf8').trim() };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { stdout } = await run(
    'npm',
    ['pack', `${pkg}@${version}`, '--json', '--silent', '--pack-destination', dir],
    { cwd: dir, maxBuffer: 64 << 20, timeout: 180_000 },
  );
  const packed = JSON.parse(stdout)[0];
  const unpacked = join(dir, 'unpacked');
  mkdirSync(unpacked);
  await run('tar', ['-xzf', join(dir, packed.filename), '-C', unpacked, '--no-same-owner'], {
    timeout: 180_000,
  });
  // the tarball's top folder is `package/` for nearly every package, but not all
  const [top] = readdirSync(unpacked);
  rmSync(packageDir, { recursive: true, force: true });
  spawnSync('mv', [join(unpacked, top), packageDir]);
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(join(dir, packed.filename), { force: true });
  writeFileSync(done, `${packed.version}\n`);
  return { dir: packageDir, resolved: packed.version };
}

async function fetchAll(cases) {
  const unique = [...new Map(cases.map((c) => [`${c.pkg}@${c.version}`, c])).values()];
  const results = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < unique.length) {
        const c = unique[next++];
        const key = `${c.pkg}@${c.version}`;
        try {
          results.set(key, await fetchPackage(c.pkg, c.version));
        } catch (error) {
          results.set(key, { error: String(error.stderr || error.message).split('\n')[0] });
        }
      }
    }),
  );
  return results;
}

// ─── files and sink paths ───────────────────────────────────────────────────

const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

function codeFiles(root) {
  const files = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile() && CODE_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
        files.push(path);
      }
    }
  }
  return files.sort();
}

function allFiles(root) {
  const files = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else files.push(relative(root, path));
    }
  }
  return files;
}

/**
 * Whether a package-relative path is the case's sink file. SecBench paths are sometimes
 * relative to the package directory, sometimes start with the package's unscoped name (a
 * monorepo folder), sometimes give only the file name: match whole trailing path segments.
 */
function isSinkFile(path, sink, pkg) {
  const candidates = [sink.file];
  const unscoped = pkg.split('/').pop();
  const [head, ...rest] = sink.file.split('/');
  if (rest.length > 0 && head === unscoped) candidates.push(rest.join('/'));
  return candidates.some((candidate) => path === candidate || path.endsWith(`/${candidate}`));
}

// ─── running the tools ──────────────────────────────────────────────────────

async function scanWithVigil(dir) {
  const started = process.hrtime.bigint();
  const { stdout } = await run(
    process.execPath,
    [
      vigil,
      'scan',
      dir,
      '--scanners',
      'code',
      '--sources',
      'exports',
      '--format',
      'json',
      '--fail-on',
      'none',
    ],
    { maxBuffer: 1 << 30, timeout: 300_000 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const report = JSON.parse(stdout);
  return { report, seconds };
}

/** Every (file, line) a Vigil finding points at: its location and the last step of each flow. */
function vigilSites(finding) {
  const sites = [];
  if (finding.location?.kind === 'file') sites.push(finding.location);
  for (const flow of finding.flows ?? []) {
    const last = flow[flow.length - 1]?.location;
    if (last?.kind === 'file') sites.push(last);
  }
  return sites.map((site) => ({ path: site.path, line: site.startLine }));
}

// ─── the SecBench run ───────────────────────────────────────────────────────

const TOOLS = ['vigil', 'security', 'sdl', 'plugins'];
const TOOL_NAMES = {
  vigil: 'Vigil (`--sources exports`)',
  security: 'eslint-plugin-security',
  sdl: '@microsoft/eslint-plugin-sdl',
  plugins: 'both plugins together',
};

function percent(part, whole) {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

async function evaluateSecBench() {
  const cases = readCases();
  console.log(
    `SecBench.js: ${cases.length} cases from ${casesDir}${sample ? ` (deterministic sample of ${sample})` : ''}`,
  );
  mkdirSync(cacheDir, { recursive: true });
  const fetchStarted = Date.now();
  const fetched = await fetchAll(cases);
  console.log(`fetched into ${cacheDir} in ${((Date.now() - fetchStarted) / 1000).toFixed(0)} s`);

  const eslint = await createEslintRunner(cacheDir);
  const time = { vigilWall: 0, vigilScan: 0, eslint: 0, files: 0 };
  const rows = [];
  const byPackage = new Map();
  for (const c of cases) {
    const row = { ...c, status: 'scored', hits: {}, other: {} };
    rows.push(row);
    const got = fetched.get(`${c.pkg}@${c.version}`);
    if (!got || got.error) {
      row.status = 'not installed';
      row.error = got?.error;
      continue;
    }
    row.resolved = got.resolved;
    let scanned = byPackage.get(got.dir);
    if (!scanned) {
      const files = codeFiles(got.dir);
      let vigilRun;
      try {
        vigilRun = await scanWithVigil(got.dir);
      } catch (error) {
        // a crash or a time-out is a result too: no findings for this package
        const reason = error.killed ? 'timed out' : `exit ${error.code}`;
        console.log(`vigil failed on ${c.pkg}@${c.version}: ${reason}`);
        vigilRun = {
          seconds: 0,
          report: {
            durationMs: 0,
            findings: [],
            warnings: [{ code: 'EVAL_FAILED', message: reason }],
          },
          failed: reason,
        };
      }
      const eslintStarted = process.hrtime.bigint();
      const linted = noEslint ? new Map() : await eslint.lint(files);
      const eslintSeconds = Number(process.hrtime.bigint() - eslintStarted) / 1e9;
      time.vigilWall += vigilRun.seconds;
      time.vigilScan += vigilRun.report.durationMs / 1000;
      time.eslint += eslintSeconds;
      time.files += files.length;
      const messages = [];
      let unparsed = 0;
      for (const [file, result] of linted) {
        if (!result.parsed) unparsed++;
        for (const message of result.messages) {
          messages.push({ ...message, path: relative(got.dir, file) });
        }
      }
      scanned = {
        files: files.length,
        all: allFiles(got.dir),
        findings: vigilRun.report.findings,
        vigilWarnings: vigilRun.report.warnings,
        messages,
        eslintUnparsed: unparsed,
      };
      byPackage.set(got.dir, scanned);
    }
    row.files = scanned.files;
    if (!c.sink) {
      row.status = 'no sink given';
    } else if (!scanned.all.some((path) => isSinkFile(path, c.sink, c.pkg))) {
      row.status = 'sink file not in package';
    }
    const atSink = (path, line) =>
      c.sink && line === c.sink.line && isSinkFile(path, c.sink, c.pkg);
    const vigilHits = scanned.findings.filter(
      (finding) =>
        VIGIL_RULES[c.class].includes(finding.ruleId) &&
        vigilSites(finding).some((site) => atSink(site.path, site.line)),
    );
    row.hits.vigil = vigilHits.length > 0;
    row.other.vigil = scanned.findings.length - vigilHits.length;
    const eslintHits = scanned.messages.filter(
      (message) =>
        ESLINT_RULES[c.class].includes(message.ruleId) && atSink(message.path, message.line),
    );
    for (const plugin of ['security', 'sdl']) {
      row.hits[plugin] = eslintHits.some((message) => pluginOf(message.ruleId) === plugin);
      row.other[plugin] =
        scanned.messages.filter((message) => pluginOf(message.ruleId) === plugin).length -
        eslintHits.filter((message) => pluginOf(message.ruleId) === plugin).length;
    }
    row.hits.plugins = row.hits.security || row.hits.sdl;
    row.other.plugins = row.other.security + row.other.sdl;
    row.vigilRules = [...new Set(scanned.findings.map((finding) => finding.ruleId))];
  }
  return { rows, time, packages: byPackage };
}

function secBenchTables({ rows, time, packages }) {
  const out = [];
  const count = (predicate) => rows.filter(predicate).length;
  out.push(
    `cases: ${rows.length}; not installed: ${count((r) => r.status === 'not installed')}; ` +
      `no sink given: ${count((r) => r.status === 'no sink given')}; ` +
      `sink file not in the published package: ${count((r) => r.status === 'sink file not in package')}; ` +
      `scored: ${count((r) => r.status === 'scored')}`,
  );
  out.push('');
  out.push(`| class | scored | ${TOOLS.map((tool) => TOOL_NAMES[tool]).join(' | ')} |`);
  out.push(`| --- | ---: | ${TOOLS.map(() => '---:').join(' | ')} |`);
  for (const cls of [...CLASSES, 'all']) {
    const scored = rows.filter((r) => r.status === 'scored' && (cls === 'all' || r.class === cls));
    if (scored.length === 0) continue;
    const cells = TOOLS.map((tool) => {
      const hits = scored.filter((r) => r.hits[tool]).length;
      return `${hits} (${percent(hits, scored.length)})`;
    });
    const label = cls === 'all' ? '**all**' : cls;
    out.push(`| ${label} | ${scored.length} | ${cells.join(' | ')} |`);
  }
  out.push('');
  // other findings: everything a tool reports in a package except its hits, per scanned package
  const perPackage = new Map();
  for (const r of rows) {
    if (r.status === 'not installed') continue;
    const key = `${r.pkg}@${r.version}`;
    if (!perPackage.has(key)) perPackage.set(key, r.other);
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
  };
  out.push(
    `| other findings (${perPackage.size} packages) | ${TOOLS.map((tool) => TOOL_NAMES[tool]).join(' | ')} |`,
  );
  out.push(`| --- | ${TOOLS.map(() => '---:').join(' | ')} |`);
  for (const [label, reduce] of [
    ['total', (values) => values.reduce((a, b) => a + b, 0)],
    [
      'mean per package',
      (values) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1),
    ],
    ['median per package', median],
    ['packages with none', (values) => values.filter((value) => value === 0).length],
  ]) {
    out.push(
      `| ${label} | ${TOOLS.map((tool) => reduce([...perPackage.values()].map((other) => other[tool]))).join(' | ')} |`,
    );
  }
  out.push('');
  const warnings = [...packages.values()].reduce((sum, p) => sum + p.vigilWarnings.length, 0);
  const unparsed = [...packages.values()].reduce((sum, p) => sum + p.eslintUnparsed, 0);
  out.push(
    `time over ${time.files} code files in ${packages.size} packages: Vigil ${time.vigilScan.toFixed(1)} s scanning ` +
      `(${time.vigilWall.toFixed(1)} s wall with one CLI process per package), ` +
      `ESLint with both plugins ${time.eslint.toFixed(1)} s (in-process API, one instance for all packages). ` +
      `Vigil warnings (parse errors, skipped files): ${warnings}; files ESLint could not parse: ${unparsed}.`,
  );
  return out.join('\n');
}

// ─── the labelled corpus ────────────────────────────────────────────────────

async function evaluateCorpus() {
  // a copy, so the ESLint configs are not written into the repository
  const corpus = join(tmpdir(), `vigil-eval-corpus-${process.pid}`);
  cpSync(join(repo, 'packages/code/corpus'), corpus, { recursive: true });
  const { stdout } = await run(
    process.execPath,
    [vigil, 'scan', corpus, '--scanners', 'code', '--format', 'json', '--fail-on', 'none'],
    { maxBuffer: 1 << 30 },
  );
  const report = JSON.parse(stdout);
  const files = codeFiles(corpus); // before the runner writes its configs there
  const eslint = await createEslintRunner(corpus);
  const linted = await eslint.lint(files);
  const tally = Object.fromEntries(
    TOOLS.map((tool) => [tool, { tp: 0, fn: 0, fp: 0, tn: 0, findingsInSafe: 0 }]),
  );
  const lines = [];
  let expectedRule = 0;
  for (const file of files) {
    const path = relative(corpus, file);
    const vulnerable = path.startsWith('vulnerable/');
    const vigilFindings = report.findings.filter((finding) => finding.location?.path === path);
    const messages = linted.get(file)?.messages ?? [];
    const found = {
      vigil: vigilFindings.length,
      security: messages.filter((m) => pluginOf(m.ruleId) === 'security').length,
      sdl: messages.filter((m) => pluginOf(m.ruleId) === 'sdl').length,
    };
    found.plugins = found.security + found.sdl;
    if (vulnerable) {
      const expect = /^\/\/ expect: (code\/[a-z-]+)/.exec(readFileSync(file, 'utf8'))?.[1];
      if (vigilFindings.some((finding) => finding.ruleId === expect)) expectedRule++;
    }
    for (const tool of TOOLS) {
      const t = tally[tool];
      if (vulnerable) t[found[tool] > 0 ? 'tp' : 'fn']++;
      else {
        t[found[tool] > 0 ? 'fp' : 'tn']++;
        t.findingsInSafe += found[tool];
      }
    }
    lines.push({ path, found });
  }
  const vulnerableCount = lines.filter((line) => line.path.startsWith('vulnerable/')).length;
  const out = [];
  out.push(
    `corpus: ${files.length} snippets (${vulnerableCount} vulnerable, ${files.length - vulnerableCount} safe), default sources (apps, not libraries)`,
  );
  out.push('');
  out.push(
    `| | ${TOOLS.map((tool) => TOOL_NAMES[tool].replace(' (`--sources exports`)', '')).join(' | ')} |`,
  );
  out.push(`| --- | ${TOOLS.map(() => '---:').join(' | ')} |`);
  out.push(
    `| true positives (vulnerable snippets reported) | ${TOOLS.map((tool) => `${tally[tool].tp}/${vulnerableCount}`).join(' | ')} |`,
  );
  out.push(
    `| false positives (safe snippets reported) | ${TOOLS.map((tool) => `${tally[tool].fp}/${files.length - vulnerableCount}`).join(' | ')} |`,
  );
  out.push(
    `| findings in safe snippets | ${TOOLS.map((tool) => tally[tool].findingsInSafe).join(' | ')} |`,
  );
  out.push('');
  out.push(
    `Vigil reports the expected rule in ${expectedRule}/${vulnerableCount} vulnerable snippets; a plugin counts as a true positive with any finding in a vulnerable snippet.`,
  );
  rmSync(corpus, { recursive: true, force: true });
  return { text: out.join('\n'), tally, lines };
}

// ─── main ───────────────────────────────────────────────────────────────────

const started = Date.now();
console.log(`eval:sast ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
const result = {};
if (!process.argv.includes('--corpus-only')) {
  const secbench = await evaluateSecBench();
  console.log('');
  console.log(secBenchTables(secbench));
  result.secbench = secbench.rows;
  const missed = secbench.rows.filter((r) => r.status === 'not installed');
  for (const r of missed) console.log(`not installed: ${r.pkg}@${r.version}: ${r.error}`);
}
const corpus = await evaluateCorpus();
console.log('');
console.log(corpus.text);
result.corpus = corpus.lines;
console.log('');
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (jsonOut) {
  writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`details: ${jsonOut}`);
}

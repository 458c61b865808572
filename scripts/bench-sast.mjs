// Code scanner benchmark: `vigil scan --scanners code` vs ESLint with eslint-plugin-security
// (and with both security plugins) on the same large real JavaScript/TypeScript tree, in the
// same run.
//
//   npm run build && npm run bench:sast [-- --prepare-only]
//
// The tree is the published files of a few large packages (TypeScript sources, ES modules and
// CommonJS builds), fetched once with `npm pack` into .bench/sast/tree/<package> (no
// dependencies). Both tools get the same code files (.js/.mjs/.cjs/.jsx/.ts/.tsx/.mts/.cts, not
// .d.ts); ESLint is given them as a list. Needs GNU time (`apt-get install time`) for peak RSS.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { measure } from './lib/measure.mjs';

const repo = resolve(import.meta.dirname, '..');
const benchDir = join(repo, '.bench', 'sast');
const tree = join(benchDir, 'tree');
const PACKAGES = [
  'three@0.170.0',
  'rxjs@7.8.2',
  'webpack@5.97.1',
  'eslint@9.17.0',
  'typeorm@0.3.20',
  '@nestjs/core@10.4.15',
  'date-fns@4.1.0',
];

function prepareTree() {
  if (existsSync(join(tree, '.complete'))) return;
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  for (const spec of PACKAGES) {
    console.log(`fetching ${spec} …`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--silent', '--pack-destination', benchDir], {
        cwd: benchDir,
        encoding: 'utf8',
      }),
    )[0];
    const target = join(tree, packed.name.replace('/', '+'));
    mkdirSync(target);
    execFileSync('tar', [
      '-xzf',
      join(benchDir, packed.filename),
      '-C',
      target,
      '--strip-components=1',
    ]);
    rmSync(join(benchDir, packed.filename));
  }
  writeFileSync(join(tree, '.complete'), `${PACKAGES.join('\n')}\n`);
}

const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

function codeFiles(root) {
  const files = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile() && CODE_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
        files.push(relative(root, path));
      }
    }
  }
  return files.sort();
}

if (!existsSync(join(repo, 'packages/cli/dist/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
prepareTree();
if (process.argv.includes('--prepare-only')) process.exit(0);
const files = codeFiles(tree);
const listFile = join(benchDir, 'files.txt');
writeFileSync(listFile, `${files.join('\n')}\n`);
let bytes = 0;
let lines = 0;
for (const file of files) {
  const text = readFileSync(join(tree, file));
  bytes += text.length;
  for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) lines++;
}
// warm the page cache so every tool reads from memory
spawnSync('sh', ['-c', `find "${tree}" -type f -exec cat {} + > /dev/null`]);

const reportFile = join(benchDir, 'vigil-report.json');
const vigilArgs = [
  join(repo, 'packages/cli/bin/vigil.js'),
  'scan',
  tree,
  '--scanners',
  'code',
  '--quiet',
  '--fail-on',
  'none',
  '--format',
  'json',
  '--output',
  `json=${reportFile}`,
];
const eslintRunner = join(repo, 'scripts/lib/eslintSecurity.mjs');
const rows = [];

measure(process.execPath, vigilArgs); // warm-up
const vigilRun = measure(process.execPath, vigilArgs);
if (vigilRun.status !== 0) {
  console.error(vigilRun.stderr);
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const skipped = report.warnings.find((warning) => warning.code === 'CODE_FILES_SKIPPED');
const parseErrors = report.warnings.filter((warning) => warning.code === 'CODE_PARSE_ERROR').length;
rows.push({
  tool: 'vigil scan --scanners code',
  ...vigilRun,
  findings: report.findings.length,
  note: `${parseErrors} parse errors; ${skipped ? /^\d+/.exec(skipped.message)?.[0] : 0} files skipped (size/line length)`,
});

for (const [label, plugins] of [
  ['ESLint + eslint-plugin-security', 'security'],
  ['ESLint + security + @microsoft/sdl', 'all'],
]) {
  console.log(`running ${label} …`);
  const eslintRun = measure(process.execPath, [eslintRunner, tree, listFile, plugins]);
  if (eslintRun.status !== 0) {
    console.error(eslintRun.stderr.slice(0, 2000));
    process.exit(1);
  }
  const counts = JSON.parse(eslintRun.stdout.trim().split('\n').pop());
  rows.push({
    tool: label,
    ...eslintRun,
    findings: counts.security + counts.sdl,
    note: `${counts.unparsed} files not parsed`,
  });
}

const version = (path) =>
  JSON.parse(readFileSync(join(repo, 'node_modules', path, 'package.json'), 'utf8')).version;
console.log(
  `\ntree: ${files.length.toLocaleString('en-US')} code files, ${(bytes / 1e6).toFixed(1)} MB, ${lines.toLocaleString('en-US')} lines (${PACKAGES.join(', ')})`,
);
console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, eslint ${version('eslint')}, eslint-plugin-security ${version('eslint-plugin-security')}, @microsoft/eslint-plugin-sdl ${version('@microsoft/eslint-plugin-sdl')}\n`,
);
console.log('| tool | wall s | CPU s | files/s | peak RSS MB | findings | notes |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) {
  console.log(
    `| ${row.tool} | ${row.seconds.toFixed(2)} | ${row.cpuSeconds?.toFixed(2) ?? 'n/a'} | ${(files.length / row.seconds).toFixed(0)} | ${row.rssMb?.toFixed(0) ?? 'n/a'} | ${row.findings} | ${row.note} |`,
  );
}
const eslintSecurity = rows[1];
console.log(
  `\nvigil throughput: ${(eslintSecurity.seconds / vigilRun.seconds).toFixed(1)}x ESLint + eslint-plugin-security (wall), ` +
    `${((eslintSecurity.cpuSeconds ?? 0) / (vigilRun.cpuSeconds ?? 1)).toFixed(1)}x by CPU time (target >= 3x)`,
);

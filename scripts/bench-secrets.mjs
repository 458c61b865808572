// Secrets scanner benchmark: Vigil vs secretlint (recommended preset) vs a plain ripgrep pass
// with the same keywords, on the same large real tree, in the same run.
//
//   npm run build && npm run bench:secrets [-- --no-secretlint]
//
// secretlint takes tens of minutes on this tree; `--no-secretlint` measures Vigil and ripgrep only.
// The tree is a node_modules of well-known packages, installed once into .bench/secrets and
// renamed to `vendor/` (secretlint skips anything under node_modules). Needs GNU time
// (`apt-get install time`) for peak RSS and ripgrep (`apt-get install ripgrep`) for the baseline.
import { execFileSync, spawnSync } from 'node:child_process';
import { has, measure } from './lib/measure.mjs';
import { existsSync, mkdirSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const benchDir = join(repo, '.bench', 'secrets');
const tree = join(benchDir, 'vendor');
const PACKAGES = [
  'aws-sdk@2.1693.0',
  'googleapis@178.0.0',
  'monaco-editor@0.57.0',
  'typescript@7.0.2',
  'date-fns@4.4.0',
  'three@0.187.0',
  'rxjs@7.8.2',
  'lodash@4.18.1',
  'moment@2.31.0',
  '@babel/core@7.29.13',
  'webpack@5.112.2',
  'eslint@10.15.0',
];

function prepareTree() {
  if (existsSync(tree)) return;
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(join(benchDir, 'package.json'), '{"name":"bench-tree","private":true}\n');
  console.log(`installing ${PACKAGES.length} packages into ${benchDir} …`);
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...PACKAGES,
    ],
    { cwd: benchDir, stdio: 'inherit' },
  );
  renameSync(join(benchDir, 'node_modules'), tree);
}

prepareTree();
const vigil = join(repo, 'packages/cli/bin/vigil.js');
if (!existsSync(join(repo, 'packages/cli/dist/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

// Keywords of every rule, for the ripgrep baseline (the same prefilter work Vigil does).
const { secretRules } = await import(join(repo, 'packages/secrets/dist/index.js'));
const keywordFile = join(benchDir, 'keywords.txt');
writeFileSync(
  keywordFile,
  `${[...new Set(secretRules.flatMap((rule) => rule.keywords))].join('\n')}\n`,
);

// Warm the page cache so every tool reads from memory.
spawnSync('sh', ['-c', `find "${tree}" -type f -exec cat {} + > /dev/null`]);

const reportFile = join(benchDir, 'vigil-report.json');
const vigilArgs = [
  vigil,
  'scan',
  tree,
  '--quiet',
  '--fail-on',
  'none',
  '--output',
  `json=${reportFile}`,
];
measure(process.execPath, vigilArgs); // warm-up
const vigilRun = measure(process.execPath, vigilArgs);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const { filesScanned, bytesScanned } = report.stats;
const rows = [{ tool: 'vigil', ...vigilRun, findings: report.findings.length }];

if (has('rg')) {
  const rgArgs = ['-uuu', '--no-messages', '-c', '-i', '-F', '-f', keywordFile, tree];
  measure('rg', rgArgs);
  const rg = measure('rg', rgArgs);
  rows.push({ tool: 'ripgrep (keywords only)', ...rg, findings: undefined });
} else {
  console.log('ripgrep not installed (apt-get install ripgrep): baseline skipped');
}

if (!process.argv.includes('--no-secretlint')) {
  const secretlintRc = join(benchDir, '.secretlintrc.json');
  writeFileSync(
    secretlintRc,
    '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n',
  );
  const emptyIgnore = join(benchDir, '.secretlintignore');
  writeFileSync(emptyIgnore, '');
  console.log('running secretlint (this takes several minutes) …');
  const secretlint = measure(
    join(repo, 'node_modules/.bin/secretlint'),
    ['--secretlintrc', secretlintRc, '--secretlintignore', emptyIgnore, '--format', 'json', '**/*'],
    { cwd: tree },
  );
  let secretlintFindings;
  try {
    secretlintFindings = JSON.parse(secretlint.stdout).reduce(
      (sum, file) => sum + file.messages.length,
      0,
    );
  } catch {
    console.log(
      `secretlint output was not JSON (exit ${secretlint.status}): ${secretlint.stderr.slice(0, 300)}`,
    );
  }
  rows.push({ tool: 'secretlint + preset-recommend', ...secretlint, findings: secretlintFindings });
}

const mb = bytesScanned / 1e6;
const version = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return 'n/a';
  }
};
console.log(
  `\ntree: ${filesScanned.toLocaleString('en-US')} text files, ${mb.toFixed(0)} MB (${PACKAGES.length} npm packages with dependencies)`,
);
console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${version('rg', ['--version'])}, secretlint ${version(join(repo, 'node_modules/.bin/secretlint'), ['--version'])}\n`,
);
const header = ['tool', 'wall s', 'CPU s', 'MB/s', 'files/s', 'peak RSS MB', 'findings'];
const lines = rows.map((row) => [
  row.tool,
  row.seconds.toFixed(2),
  row.cpuSeconds === undefined ? 'n/a' : row.cpuSeconds.toFixed(2),
  (mb / row.seconds).toFixed(0),
  (filesScanned / row.seconds).toFixed(0),
  row.rssMb === undefined ? 'n/a' : row.rssMb.toFixed(0),
  row.findings === undefined ? '-' : String(row.findings),
]);
const widths = header.map((title, i) =>
  Math.max(title.length, ...lines.map((line) => line[i].length)),
);
const format = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(format(header));
console.log(format(widths.map((width) => '-'.repeat(width))));
for (const line of lines) console.log(format(line));
const byTool = Object.fromEntries(rows.map((row) => [row.tool, row]));
const sl = byTool['secretlint + preset-recommend'];
const rg = byTool['ripgrep (keywords only)'];
console.log('');
if (sl) {
  // secretlint runs on one thread, so its CPU time is its wall time on an idle machine.
  const slSeconds = sl.cpuSeconds ?? sl.seconds;
  console.log(
    `vigil throughput: ${(slSeconds / vigilRun.seconds).toFixed(1)}x secretlint's ` +
      "(secretlint's CPU time vs vigil's wall time; target >= 50x)",
  );
}
if (rg) {
  console.log(
    `vigil wall time: ${(vigilRun.seconds / rg.seconds).toFixed(2)}x ripgrep's (target <= 3x)`,
  );
}

// Runs every compiled co-located test (packages/*/dist/**/*.test.js) with node's test runner.
// Node 20's `node --test` takes no globs, so the file list is built here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

function findTests(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, out);
    else if (entry.name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const files = [];
for (const pkg of readdirSync('packages')) {
  const dist = join('packages', pkg, 'dist');
  if (statSync(dist, { throwIfNoEntry: false })?.isDirectory()) findTests(dist, files);
}
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const args = ['--test', `--test-concurrency=${Math.max(2, availableParallelism())}`, ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);

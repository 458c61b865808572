/**
 * The secrets scanner on worker threads must report exactly what it reports on the main thread.
 * Here rather than in @vigil/scan because only the CLI depends on both the pipeline and the
 * scanner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, type ScannerPlugin, type ScanReport } from '@vigil/core';
import { directorySource, runScan } from '@vigil/scan';
import { checksummedToken, secretsScanner } from '@vigil/secrets';
import { makeTree } from './testing.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic PRNG (mulberry32), so the tree is the same on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomToken(random: () => number): string {
  const body = Array.from({ length: 30 }, () =>
    ALPHANUMERIC.charAt(Math.floor(random() * ALPHANUMERIC.length)),
  ).join('');
  return checksummedToken('ghp', body);
}

/** About 300 files over nested directories, six of them holding a GitHub token. */
function plantedTree(): { root: string; planted: Map<string, [line: number, column: number]> } {
  const random = prng(20260315);
  const files: Record<string, string> = {};
  const planted = new Map<string, [number, number]>();
  for (let i = 0; i < 300; i++) {
    const path = `pkg${i % 7}/dir${i % 5}/file${i}.ts`;
    const lines = Array.from(
      { length: 20 + (i % 30) },
      (_, n) => `export const value${n} = ${Math.floor(random() * 1e9)}; // note ${i}.${n}`,
    );
    if (i % 50 === 7) {
      const line = 3 + (i % 11);
      const prefix = i % 100 === 7 ? 'const café = "日本"; const token = "' : 'token = "';
      lines[line - 1] = `${prefix}${randomToken(random)}";`;
      planted.set(path, [line, prefix.length + 1]);
    }
    files[path] = `${lines.join('\n')}\n`;
  }
  return { root: makeTree(files), planted };
}

/**
 * The secrets scanner, counting the files it scans on this thread; its `workerEntry` still
 * names the real scanner, which is what worker threads load.
 */
function countingSecretsScanner(counter: { files: number }): ScannerPlugin {
  return {
    ...secretsScanner,
    create(context) {
      const inner = secretsScanner.create(context);
      return {
        scanFile(file) {
          counter.files++;
          return inner.scanFile(file);
        },
      };
    },
  };
}

async function scan(root: string, workers: number, parallelAfterBytes?: number) {
  const config = defaultConfig();
  const onThisThread = { files: 0 };
  const report = await runScan({
    root,
    config,
    plugins: [countingSecretsScanner(onThisThread)],
    source: directorySource(root, { exclude: config.exclude, maxFileSize: 1024 * 1024 }),
    failOn: 'high',
    version: '0.0.0-test',
    today: '2026-03-15',
    workers,
    parallelAfterBytes,
  });
  return { report, filesOnThisThread: onThisThread.files };
}

function findingKeys(report: ScanReport) {
  return report.results.map(({ finding }) => {
    const { location } = finding;
    assert.equal(location.kind, 'file');
    return {
      ruleId: finding.ruleId,
      path: location.path,
      line: location.startLine,
      column: location.startColumn,
      fingerprint: finding.fingerprint,
    };
  });
}

test('a scan on two worker threads finds exactly what a scan on this thread finds', async () => {
  const { root, planted } = plantedTree();
  const { report: serial, filesOnThisThread: serialFiles } = await scan(root, 0);
  const { report: parallel, filesOnThisThread: parallelFiles } = await scan(root, 2, 0);
  assert.equal(serialFiles, 300);
  assert.equal(parallelFiles, 0, 'with workers, every file is scanned on a worker thread');

  const serialKeys = findingKeys(serial);
  assert.deepEqual(
    serialKeys.map(({ ruleId, path, line, column }) => [ruleId, path, line, column]),
    [...planted]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, [line, column]]) => ['secrets/github-pat', path, line, column]),
    'every planted token is found once, at its line and UTF-16 column',
  );
  assert.deepEqual(findingKeys(parallel), serialKeys);
  assert.deepEqual(parallel.stats, serial.stats);
  assert.equal(serial.stats.filesScanned, 300);
  assert.deepEqual(parallel.warnings, []);
  assert.deepEqual(serial.warnings, []);
  assert.equal(parallel.policy.failed, true);
});

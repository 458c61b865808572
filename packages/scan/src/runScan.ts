import {
  applyPolicy,
  emptyStats,
  type CandidateFinding,
  type ScannerPlugin,
  type ScanReport,
  type ScanStats,
  type ScanWarning,
  type Severity,
  type VigilConfig,
} from '@vigil/core';
import { scanOneFile, type NamedScanner } from './scanOneFile.js';
import type { SourceProvider } from './source.js';
import { WorkerPool } from './workerPool.js';

export interface ScanOptions {
  /** Absolute path of the scan root. */
  root: string;
  config: VigilConfig;
  plugins: readonly ScannerPlugin[];
  source: SourceProvider;
  failOn: Severity | 'none';
  baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD, for ignore expiry; defaults to today (UTC). */
  today?: string;
  version: string;
  /** Worker threads for scanners that allow it (default 0: everything on this thread). */
  workers?: number;
  /** Bytes read before worker threads are started, so small scans pay no start-up cost. */
  parallelAfterBytes?: number;
  /** Called at most every `progressIntervalMs` while files are read. */
  onProgress?: (stats: Readonly<ScanStats>) => void;
  progressIntervalMs?: number;
}

interface ActiveScanner extends NamedScanner {
  plugin: ScannerPlugin;
}

/**
 * The scan pipeline: every file from the source is read once and handed to every enabled
 * scanner (on this thread, or batched to worker threads for stateless scanners on large
 * scans); then the policy (ignores, baseline, fail-on) decides the verdict.
 */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const stats = emptyStats();
  const warnings: ScanWarning[] = [];
  const warn = (warning: ScanWarning) => warnings.push(warning);
  const context = { root: options.root, config: options.config, warn };
  const historical = options.source.target !== 'directory';
  const scanners: ActiveScanner[] = options.plugins
    .filter((plugin) => !historical || plugin.scansHistory)
    .map((plugin) => ({ id: plugin.id, plugin, instance: plugin.create(context) }));
  const parallelizable = scanners.filter((s) => s.plugin.workerEntry && !s.instance.finish);
  const serial = scanners.filter((s) => !parallelizable.includes(s));
  const workers = options.workers ?? 0;
  const parallelAfter = options.parallelAfterBytes ?? 8 * 1024 * 1024;

  const candidates: CandidateFinding[] = [];
  let pool: WorkerPool | undefined;
  const interval = options.progressIntervalMs ?? 100;
  let lastProgress = started;
  try {
    for await (const file of options.source.files(stats, warn)) {
      candidates.push(...scanOneFile(file, serial, warn));
      if (
        !pool &&
        workers > 0 &&
        parallelizable.length > 0 &&
        stats.bytesScanned >= parallelAfter
      ) {
        pool = new WorkerPool(
          {
            root: options.root,
            config: options.config,
            scanners: parallelizable.map((s) => ({
              id: s.id,
              module: s.plugin.workerEntry?.module ?? '',
              exportName: s.plugin.workerEntry?.exportName ?? '',
            })),
          },
          workers,
        );
      }
      if (pool) await pool.add(file);
      else candidates.push(...scanOneFile(file, parallelizable, warn));
      if (options.onProgress) {
        const now = Date.now();
        if (now - lastProgress >= interval) {
          lastProgress = now;
          options.onProgress(stats);
        }
      }
    }
    if (pool) {
      const fromWorkers = await pool.finish();
      candidates.push(...fromWorkers.candidates);
      warnings.push(...fromWorkers.warnings);
    }
  } finally {
    await pool?.terminate();
  }
  for (const scanner of scanners) {
    if (!scanner.instance.finish) continue;
    const findings = await scanner.instance.finish();
    candidates.push(...findings.map((finding) => ({ finding })));
  }
  candidates.sort(byLocation);

  const verdict = applyPolicy(candidates, {
    failOn: options.failOn,
    ignores: options.config.ignore,
    baseline: options.baseline,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  return {
    tool: { name: 'vigil', version: options.version },
    root: options.root,
    target: options.source.target,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    scanners: scanners.map((scanner) => scanner.id),
    rules: scanners.flatMap((scanner) => scanner.plugin.rules(options.config)),
    results: verdict.results,
    stats,
    warnings,
    policy: { failOn: options.failOn, failed: verdict.failed, notices: verdict.notices },
  };
}

/** Deterministic order whatever thread found what: path, commit date, line, column, rule. */
function byLocation(a: CandidateFinding, b: CandidateFinding): number {
  const keyA = sortKey(a);
  const keyB = sortKey(b);
  for (let i = 0; i < keyA.length; i++) {
    const x = keyA[i] ?? '';
    const y = keyB[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function sortKey({ finding }: CandidateFinding): (string | number)[] {
  const { location } = finding;
  switch (location.kind) {
    case 'file':
      return [
        location.path,
        location.commit?.date ?? '',
        location.commit?.sha ?? '',
        location.startLine,
        location.startColumn,
        finding.ruleId,
      ];
    case 'package':
      return [location.file?.path ?? location.purl, '', '', 0, 0, finding.ruleId];
    case 'url':
      return [location.url, '', '', 0, 0, finding.ruleId];
  }
}

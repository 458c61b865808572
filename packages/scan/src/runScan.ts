import {
  applyPolicy,
  emptyStats,
  findInlineIgnore,
  type CandidateFinding,
  type ContentScanner,
  type Finding,
  type ScannerPlugin,
  type ScanReport,
  type ScanStats,
  type ScanWarning,
  type Severity,
  type SourceFile,
  type VigilConfig,
} from '@vigil/core';
import type { SourceProvider } from './source.js';

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
  /** Called at most every `progressIntervalMs` while files are read. */
  onProgress?: (stats: Readonly<ScanStats>) => void;
  progressIntervalMs?: number;
}

interface ActiveScanner {
  plugin: ScannerPlugin;
  instance: ContentScanner;
}

/**
 * The scan pipeline: every file from the source is read once and handed to every enabled
 * scanner; findings get inline `vigil-ignore` directives, git line mapping and commit data
 * applied, then the policy (ignores, baseline, fail-on) decides the verdict.
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
    .map((plugin) => ({ plugin, instance: plugin.create(context) }));

  const candidates: CandidateFinding[] = [];
  const interval = options.progressIntervalMs ?? 100;
  let lastProgress = started;
  for await (const file of options.source.files(stats, warn)) {
    for (const scanner of scanners) {
      if (scanner.instance.accepts && !scanner.instance.accepts(file.path)) continue;
      let findings: Finding[];
      try {
        findings = scanner.instance.scanFile(file);
      } catch (error) {
        warn({
          code: 'SCANNER_FAILED',
          message: `${scanner.plugin.id} scanner failed: ${error instanceof Error ? error.message : String(error)}`,
          path: file.path,
        });
        continue;
      }
      if (findings.length > 0) candidates.push(...placeInFile(findings, file));
    }
    if (options.onProgress) {
      const now = Date.now();
      if (now - lastProgress >= interval) {
        lastProgress = now;
        options.onProgress(stats);
      }
    }
  }
  for (const scanner of scanners) {
    if (!scanner.instance.finish) continue;
    const findings = await scanner.instance.finish();
    candidates.push(...findings.map((finding) => ({ finding })));
  }

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
    scanners: scanners.map((scanner) => scanner.plugin.id),
    rules: scanners.flatMap((scanner) => scanner.plugin.rules(options.config)),
    results: verdict.results,
    stats,
    warnings,
    policy: { failOn: options.failOn, failed: verdict.failed, notices: verdict.notices },
  };
}

/** Applies inline ignores (on the fragment's own lines), then maps fragment lines to file lines. */
function placeInFile(findings: readonly Finding[], file: SourceFile): CandidateFinding[] {
  let lines: string[] | undefined;
  return findings.map((finding) => {
    const { location } = finding;
    if (location.kind !== 'file') return { finding };
    lines ??= file.text.split('\n');
    const inline = findInlineIgnore(lines, location.startLine, finding.ruleId);
    const map = file.lineMap;
    const placed: Finding =
      map || file.commit
        ? {
            ...finding,
            location: {
              ...location,
              startLine: map?.[location.startLine - 1] ?? location.startLine,
              endLine: map?.[location.endLine - 1] ?? location.endLine,
              ...(file.commit ? { commit: file.commit } : {}),
            },
          }
        : finding;
    return inline ? { finding: placed, inline } : { finding: placed };
  });
}

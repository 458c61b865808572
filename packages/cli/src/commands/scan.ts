import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import {
  createBaseline,
  isSeverity,
  loadConfig,
  parseBaseline,
  parseSize,
  FORMATS,
  render,
  VigilError,
  type ScannerPlugin,
} from '@vigil/core';
import type { ImageScan } from '@vigil/image';
import {
  directorySource,
  gitHistorySource,
  runScan,
  stagedSource,
  type SourceProvider,
} from '@vigil/scan';
import { isFormat, parseOutputSpec } from '../outputSpec.js';
import { Progress } from '../progress.js';
import { isScannerId, loadScanners, SCANNER_IDS } from '../scanners.js';
import { cliVersion } from '../version.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

export interface ScanCommandOptions {
  scanners?: string;
  format: string;
  output?: string[];
  failOn?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  gitHistory?: boolean;
  since?: string;
  staged?: boolean;
  maxFileSize?: string;
  quiet?: boolean;
  color?: boolean;
  includeDev?: boolean;
  db?: string;
  platform?: string;
  reference?: string;
  sources?: 'default' | 'exports';
}

const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

function useColor(options: ScanCommandOptions): boolean {
  if (options.color === false || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY;
}

function parseScannerList(list: string): string[] {
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isScannerId(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new VigilError(
      'USAGE',
      `--scanners: unknown scanner ${unknown.join(', ') || '(none given)'} (available: ${SCANNER_IDS.join(', ')})`,
    );
  }
  return [...new Set(ids)];
}

/**
 * `vigil scan [PATH]` and `vigil scan image ARCHIVE`: returns the exit code (0 pass, 1 policy
 * failed).
 */
export async function scanCommand(
  path: string,
  options: ScanCommandOptions,
  archive?: string,
): Promise<number> {
  if (archive !== undefined && path !== 'image') {
    throw new VigilError(
      'USAGE',
      `unexpected argument ${archive}: scan one path, or \`vigil scan image ARCHIVE\``,
    );
  }
  const imageMode = archive !== undefined;
  if (!isFormat(options.format)) {
    throw new VigilError(
      'USAGE',
      `--format ${options.format}: expected one of ${FORMATS.join(', ')}`,
    );
  }
  const format = options.format;
  if (options.gitHistory && options.staged) {
    throw new VigilError('USAGE', '--git-history and --staged cannot be used together');
  }
  if (options.since && !options.gitHistory) {
    throw new VigilError('USAGE', '--since needs --git-history');
  }
  if (imageMode && (options.gitHistory || options.staged)) {
    throw new VigilError('USAGE', 'an image has no git history: drop --git-history/--staged');
  }
  const outputs = (options.output ?? []).map((spec) => parseOutputSpec(spec, format));

  const target = resolve(archive ?? path);
  const info = await stat(target).catch((error: unknown) => {
    throw new VigilError('PATH_NOT_FOUND', `path does not exist: ${archive ?? path}`, {
      cause: error,
    });
  });
  // An image's policy (vigil.yaml) comes from the directory vigil runs in, not the archive's.
  const configRoot = imageMode ? process.cwd() : info.isDirectory() ? target : dirname(target);
  const root = imageMode ? target : configRoot;
  const loaded = await loadConfig(configRoot, options.config && resolve(options.config));
  const database = options.db ?? loaded.config.deps.database;
  const config = {
    ...loaded.config,
    deps: {
      ...loaded.config.deps,
      ...(options.includeDev ? { includeDev: true } : {}),
      ...(database ? { database: resolve(configRoot, database) } : {}),
    },
    code: { ...loaded.config.code, ...(options.sources ? { sources: options.sources } : {}) },
  };

  const failOn = options.failOn ?? config.failOn ?? 'high';
  if (failOn !== 'none' && !isSeverity(failOn)) {
    throw new VigilError(
      'USAGE',
      `--fail-on ${failOn}: expected critical, high, medium, low, info or none`,
    );
  }
  const maxSizeSetting = options.maxFileSize ?? config.maxFileSize;
  const maxFileSize =
    maxSizeSetting === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(maxSizeSetting);
  if (maxFileSize === undefined) {
    throw new VigilError('USAGE', `--max-file-size ${String(maxSizeSetting)}: expected e.g. 10MB`);
  }

  const ids = options.scanners
    ? parseScannerList(options.scanners)
    : (config.scanners ?? SCANNER_IDS);
  const baseline = options.baseline
    ? parseBaseline(await readBaselineFile(options.baseline), options.baseline)
    : undefined;

  let image: ImageScan | undefined;
  let plugins: ScannerPlugin[];
  let source: SourceProvider;
  if (imageMode) {
    const { ImageScan } = await import('@vigil/image');
    image = await ImageScan.open(target, {
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.reference ? { reference: options.reference } : {}),
      textFiles: { maxSize: maxFileSize },
    });
    // Images are scanned by the image checks, plus the secrets scanner over every layer.
    const secrets = ids.includes('secrets') ? await loadScanners(['secrets']) : [];
    plugins = [...secrets.map((plugin) => image?.layered(plugin) ?? plugin), image.plugin];
    source = image.source;
  } else {
    plugins = await loadScanners(options.scanners ? ids : ids.filter(isScannerId));
    source = options.gitHistory
      ? gitHistorySource(root, { since: options.since, maxFileSize })
      : options.staged
        ? stagedSource(root, { maxFileSize })
        : directorySource(target, { exclude: config.exclude, maxFileSize });
  }

  const progress =
    !options.quiet && process.stderr.isTTY ? new Progress(process.stderr) : undefined;
  const report = await runScan({
    root,
    config,
    plugins,
    source,
    failOn,
    baseline,
    version: cliVersion(),
    workers: Math.min(availableParallelism(), 8),
    onProgress:
      progress &&
      ((stats) => {
        progress.update(stats);
      }),
  }).finally(() => {
    progress?.clear();
    image?.close();
  });

  for (const output of outputs) {
    await writeFileAtomic(output.file, render(output.format, report, { color: false }));
  }
  if (options.writeBaseline) {
    const findings = report.results.filter((r) => !r.suppression).map((r) => r.finding);
    await writeFileAtomic(
      options.writeBaseline,
      `${JSON.stringify(createBaseline(findings), null, 2)}\n`,
    );
  }
  const open = report.results.some((result) => !result.suppression);
  if (!options.quiet || open || report.policy.failed) {
    const shown = outputs.length > 0 ? 'table' : format;
    process.stdout.write(render(shown, report, { color: shown === 'table' && useColor(options) }));
  }
  return report.policy.failed && !options.writeBaseline ? 1 : 0;
}

async function readBaselineFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new VigilError(
      'BASELINE_INVALID',
      `cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}

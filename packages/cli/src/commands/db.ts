import { resolve } from 'node:path';
import { VigilError } from '@vigil/core';
import {
  DEFAULT_ECOSYSTEMS,
  defaultDbDirectory,
  importOsvData,
  OsvDatabase,
  updateOsvDatabase,
  type ImportWarning,
} from '@vigil/deps';

export interface DbCommandOptions {
  db?: string;
  format: 'table' | 'json';
  quiet?: boolean;
}

export interface DbUpdateOptions extends DbCommandOptions {
  ecosystems?: string;
  baseUrl?: string;
}

const MAX_WARNINGS_SHOWN = 20;

function databaseDirectory(options: DbCommandOptions): string {
  return options.db ? resolve(options.db) : defaultDbDirectory();
}

/** Collects import warnings; prints the first few as they come, the count at the end. */
class WarningLog {
  count = 0;
  readonly all: ImportWarning[] = [];

  constructor(private readonly print: boolean) {}

  add = (warning: ImportWarning): void => {
    this.count++;
    this.all.push(warning);
    if (this.print && this.count <= MAX_WARNINGS_SHOWN)
      process.stderr.write(`vigil: skipped ${warning.origin}: ${warning.message}\n`);
  };

  summary(): string {
    const hidden = this.count - MAX_WARNINGS_SHOWN;
    return hidden > 0 ? `vigil: … and ${String(hidden)} more files skipped\n` : '';
  }
}

/** `vigil db update`: downloads the OSV exports of the chosen ecosystems. */
export async function dbUpdateCommand(options: DbUpdateOptions): Promise<number> {
  const directory = databaseDirectory(options);
  const ecosystems = options.ecosystems
    ? options.ecosystems
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : defaultEcosystems(directory);
  if (ecosystems.length === 0) throw new VigilError('USAGE', '--ecosystems: none given');
  const warnings = new WarningLog(options.format === 'table');
  const progress = !options.quiet && process.stderr.isTTY && options.format === 'table';
  const results = await updateOsvDatabase(directory, {
    ecosystems,
    baseUrl: options.baseUrl ?? process.env.VIGIL_OSV_BASE_URL,
    onWarning: warnings.add,
    onProgress: (ecosystem, phase, records) => {
      if (!progress) return;
      const detail =
        phase === 'download' ? 'downloading' : `importing ${String(records ?? 0)} records`;
      process.stderr.write(`\r\x1b[K${ecosystem}: ${detail}`);
    },
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const failed = results.filter((result) => result.status === 'failed');
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ directory, results, skipped: warnings.all }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(warnings.summary());
    for (const result of results) {
      const line =
        result.status === 'updated'
          ? `updated (${result.records.toLocaleString('en-US')} records${result.invalid > 0 ? `, ${String(result.invalid)} invalid skipped` : ''})`
          : result.status === 'unchanged'
            ? 'unchanged since the last download'
            : `FAILED: ${result.message} (the previous data, if any, is kept)`;
      process.stdout.write(`${result.ecosystem.padEnd(12)} ${line}\n`);
    }
    process.stdout.write(`database: ${directory}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

/** The ecosystems already in the database plus the default ones. */
function defaultEcosystems(directory: string): string[] {
  const opened = OsvDatabase.open(directory);
  const present = opened.ok ? Object.keys(opened.database.manifest.segments) : [];
  if (opened.ok) opened.database.close();
  return [...new Set([...DEFAULT_ECOSYSTEMS, ...present])];
}

/** `vigil db import PATH...`: adds OSV data from zips, directories or files, offline. */
export async function dbImportCommand(
  paths: readonly string[],
  options: DbCommandOptions,
): Promise<number> {
  const directory = databaseDirectory(options);
  const warnings = new WarningLog(options.format === 'table');
  const absolute = paths.map((path) => resolve(path));
  const summary = await importOsvData(directory, absolute, {
    mode: 'merge',
    source: absolute.join(', '),
    onWarning: warnings.add,
  });
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ directory, ...summary, skipped: warnings.all }, null, 2)}\n`,
    );
    return 0;
  }
  process.stderr.write(warnings.summary());
  for (const [ecosystem, segment] of Object.entries(summary.segments).sort()) {
    process.stdout.write(
      `${ecosystem.padEnd(12)} ${segment.records.toLocaleString('en-US')} records, ${segment.packages.toLocaleString('en-US')} packages\n`,
    );
  }
  process.stdout.write(
    `imported ${summary.recordsRead.toLocaleString('en-US')} records${summary.invalid > 0 ? ` (${String(summary.invalid)} invalid files skipped)` : ''} into ${directory}\n`,
  );
  return 0;
}

/** `vigil db status`: what the database holds and how old it is. */
export function dbStatusCommand(options: DbCommandOptions): Promise<number> {
  const directory = databaseDirectory(options);
  const opened = OsvDatabase.open(directory);
  if (!opened.ok) {
    if (options.format === 'json') {
      process.stdout.write(
        `${JSON.stringify({ directory, present: false, ...(opened.missing ? {} : { problem: opened.problem }) }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        opened.missing
          ? `no vulnerability database in ${directory}\nrun \`vigil db update\` to download one, or \`vigil db import PATH\` to import OSV data offline\n`
          : `the vulnerability database in ${directory} cannot be read: ${opened.problem}\n`,
      );
    }
    return Promise.resolve(opened.missing ? 1 : 2);
  }
  const { segments } = opened.database.manifest;
  opened.database.close();
  const now = Date.now();
  const rows = Object.entries(segments)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ecosystem, segment]) => ({
      ecosystem,
      records: segment.records,
      packages: segment.packages,
      checkedAt: segment.checkedAt,
      ageDays: Math.floor((now - Date.parse(segment.checkedAt)) / 86_400_000),
      newestModified: segment.newestModified,
      source: segment.source,
      releases: segment.ecosystems,
    }));
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ directory, present: true, ecosystems: rows }, null, 2)}\n`,
    );
    return Promise.resolve(0);
  }
  const header = ['ECOSYSTEM', 'RECORDS', 'PACKAGES', 'UPDATED', 'SOURCE'];
  const table = rows.map((row) => [
    row.ecosystem,
    row.records.toLocaleString('en-US'),
    row.packages.toLocaleString('en-US'),
    `${row.checkedAt.slice(0, 16).replace('T', ' ')} (${row.ageDays === 0 ? 'today' : `${String(row.ageDays)} d ago`})`,
    row.source,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...table])
    process.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  const total = rows.reduce((sum, row) => sum + row.records, 0);
  process.stdout.write(`${total.toLocaleString('en-US')} records in ${directory}\n`);
  const stale = rows.filter((row) => row.ageDays > 7).map((row) => row.ecosystem);
  if (stale.length > 0)
    process.stdout.write(`older than 7 days: ${stale.join(', ')}; run \`vigil db update\`\n`);
  return Promise.resolve(0);
}

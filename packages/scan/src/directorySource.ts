import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import {
  sourceFile,
  VigilError,
  type ScanStats,
  type ScanWarning,
  type SourceFile,
} from '@vigil/core';
import { GitignoreStack } from './gitignoreStack.js';
import { readSourceFile } from './readSourceFile.js';
import type { SourceProvider } from './source.js';

export interface DirectorySourceOptions {
  /** gitignore-style patterns never scanned (config `exclude`). */
  exclude?: readonly string[];
  /** Files larger than this many bytes are skipped and counted. */
  maxFileSize: number;
  /**
   * Only files whose root-relative path this accepts are read (e.g. lockfiles only, for an
   * SBOM); the others are passed over without a read. A single file given as root is always read.
   */
  accept?: (path: string) => boolean;
}

/** Directories no scan descends into, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

/**
 * The file walker: respects `.gitignore` (nested) and `.vigilignore`, never follows symlinks
 * (what they point to inside the root is reached by its real path; outside it, never), skips
 * binary and over-size files with a count, warns on unreadable files and goes on.
 */
export function directorySource(root: string, options: DirectorySourceOptions): SourceProvider {
  return {
    target: 'directory',
    files: (stats, warn) => walk(root, options, stats, warn),
  };
}

function* walk(
  root: string,
  options: DirectorySourceOptions,
  stats: ScanStats,
  warn: (warning: ScanWarning) => void,
): Generator<SourceFile> {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    throw new VigilError('PATH_NOT_FOUND', `path does not exist: ${root}`, { cause: error });
  }
  if (!statSync(realRoot).isDirectory()) {
    // A single file: scan it under its own name.
    const file = readOne(realRoot, basename(realRoot), options.maxFileSize, stats, warn);
    if (file) yield file;
    return;
  }

  const pending: { absolute: string; relative: string; ignores: GitignoreStack }[] = [
    {
      absolute: realRoot,
      relative: '',
      ignores: GitignoreStack.forRoot(realRoot, options.exclude ?? []),
    },
  ];
  while (pending.length > 0) {
    const dir = pending.pop();
    if (!dir) break;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.absolute, { withFileTypes: true });
    } catch (error) {
      stats.skippedUnreadable++;
      warn({
        code: 'DIRECTORY_UNREADABLE',
        message: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        path: dir.relative || '.',
      });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: typeof pending = [];
    for (const entry of entries) {
      const rel = dir.relative ? `${dir.relative}/${entry.name}` : entry.name;
      const absolute = join(dir.absolute, entry.name);
      if (entry.isSymbolicLink()) {
        stats.skippedSymlinks++;
        continue;
      }
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || dir.ignores.ignores(`${rel}/`)) continue;
        subdirs.push({ absolute, relative: rel, ignores: dir.ignores.enter(absolute, rel) });
      } else if (entry.isFile()) {
        if (dir.ignores.ignores(rel) || (options.accept && !options.accept(rel))) continue;
        const file = readOne(absolute, rel, options.maxFileSize, stats, warn);
        if (file) yield file;
      }
    }
    // Pushed in reverse so the stack pops them in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) {
      const subdir = subdirs[i];
      if (subdir) pending.push(subdir);
    }
  }
}

function readOne(
  absolute: string,
  rel: string,
  maxFileSize: number,
  stats: ScanStats,
  warn: (warning: ScanWarning) => void,
): SourceFile | undefined {
  const outcome = readSourceFile(absolute, maxFileSize);
  switch (outcome.kind) {
    case 'text':
      stats.filesScanned++;
      stats.bytesScanned += outcome.bytes.length;
      return sourceFile(rel, outcome.bytes);
    case 'binary':
      stats.skippedBinary++;
      return undefined;
    case 'too-large':
      stats.skippedTooLarge++;
      return undefined;
    case 'unreadable':
      stats.skippedUnreadable++;
      warn({ code: 'FILE_UNREADABLE', message: `cannot read file: ${outcome.reason}`, path: rel });
      return undefined;
  }
}

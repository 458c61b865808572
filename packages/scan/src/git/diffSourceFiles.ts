import { sourceFile, type CommitRef, type ScanStats, type SourceFile } from '@vigil/core';
import { gitLines } from './runGit.js';
import { UnifiedDiffParser, type DiffFile } from './unifiedDiffParser.js';

/**
 * Options that make `git diff` and `git log -p` print the same whatever the user's git config:
 * added lines only, `a/` `b/` prefixes, UTF-8 paths relative to the scanned directory (changes
 * outside it left out), renames detected so a moved file is not all "added", and no colour,
 * external diff or textconv filter.
 */
const DIFF_OPTIONS = [
  '--patch',
  '--unified=0',
  '--find-renames',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** Bytes looked at for a NUL, as for files on disk: text that git diffed anyway is still binary. */
const SNIFF_BYTES = 8000;

export interface DiffSourceOptions {
  maxFileSize: number;
  /**
   * Reads a commit header: output lines that start with a NUL byte (which no diff line does)
   * begin a commit, and the files after it carry the commit returned.
   */
  parseCommitHeader?: (line: Buffer) => CommitRef;
}

/**
 * Runs `git <command> <diff options> <revisions> --` in `root` and yields, per file section of
 * its output, the added lines as a SourceFile with a `lineMap`, counting skipped files and
 * commits in `stats`.
 */
export async function* diffSourceFiles(
  root: string,
  command: readonly string[],
  revisions: readonly string[],
  options: DiffSourceOptions,
  stats: ScanStats,
): AsyncGenerator<SourceFile> {
  const args = ['-c', 'core.quotepath=off', ...command, ...DIFF_OPTIONS, ...revisions, '--'];
  const parser = new UnifiedDiffParser({ maxFragmentBytes: options.maxFileSize });
  // A line cut to its `+` and one byte more than a fragment may hold still marks its file too
  // large, so no line needs to be held whole past that.
  const maxLineBytes = Math.max(options.maxFileSize + 2, 64 * 1024);
  let commit: CommitRef | undefined;
  const { parseCommitHeader } = options;
  for await (const lines of gitLines(root, args, { maxLineBytes })) {
    for (const line of lines) {
      const header = line[0] === 0 ? parseCommitHeader?.(line) : undefined;
      const finished = header ? parser.end() : parser.push(line);
      // Converted before `commit` moves on: a file a header ends belongs to the commit before.
      const file = finished && toSourceFile(finished, stats, commit);
      if (header) {
        commit = header;
        stats.commitsScanned++;
      }
      if (file) yield file;
    }
  }
  const last = parser.end();
  const file = last && toSourceFile(last, stats, commit);
  if (file) yield file;
}

function toSourceFile(
  file: DiffFile,
  stats: ScanStats,
  commit: CommitRef | undefined,
): SourceFile | undefined {
  switch (file.kind) {
    case 'added':
      if (file.bytes.subarray(0, SNIFF_BYTES).includes(0)) {
        stats.skippedBinary++;
        return undefined;
      }
      stats.filesScanned++;
      stats.bytesScanned += file.bytes.length;
      return sourceFile(file.path, file.bytes, { commit, lineMap: file.lineMap });
    case 'binary':
      stats.skippedBinary++;
      return undefined;
    case 'too-large':
      stats.skippedTooLarge++;
      return undefined;
  }
}

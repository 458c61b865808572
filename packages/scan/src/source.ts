import type { ScanStats, ScanWarning, SourceFile } from '@vigil/core';

/** Where the files of a scan come from: a directory tree, git history, or the git index. */
export interface SourceProvider {
  readonly target: 'directory' | 'git-history' | 'staged';
  /** Yields each file (or added-lines fragment) once, counting what it skips in `stats`. */
  files(
    stats: ScanStats,
    warn: (warning: ScanWarning) => void,
  ): Iterable<SourceFile> | AsyncIterable<SourceFile>;
}

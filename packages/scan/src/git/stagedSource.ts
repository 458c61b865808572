import type { SourceProvider } from '../source.js';
import { assertGitWorkTree } from './assertGitWorkTree.js';
import { diffSourceFiles } from './diffSourceFiles.js';

export interface StagedSourceOptions {
  /** Files whose staged added lines exceed this many bytes are skipped and counted. */
  maxFileSize: number;
}

/**
 * The added lines staged in the git index (what the next commit adds, so what a pre-commit
 * hook must check), one SourceFile per file with a `lineMap` to its real lines. Honours
 * `GIT_INDEX_FILE`, which git sets for hooks of `git commit -a` and `git commit <paths>`.
 *
 * @example
 * await runScan({ ...options, source: stagedSource(root, { maxFileSize }) });
 */
export function stagedSource(root: string, options: StagedSourceOptions): SourceProvider {
  return {
    target: 'staged',
    files: async function* (stats) {
      await assertGitWorkTree(root);
      // Added, copied, modified, renamed and type-changed (a symlink that became a file).
      const diff = ['diff', '--cached', '--diff-filter=ACMRT'];
      yield* diffSourceFiles(root, diff, [], { maxFileSize: options.maxFileSize }, stats);
    },
  };
}

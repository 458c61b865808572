import type { CommitRef } from '@vigil/core';
import type { SourceProvider } from '../source.js';
import { assertGitWorkTree } from './assertGitWorkTree.js';
import { diffSourceFiles } from './diffSourceFiles.js';

export interface GitHistorySourceOptions {
  /** Only commits not reachable from this revision (`git log --all ^REV`). */
  since?: string;
  /** Files whose added lines in one commit exceed this many bytes are skipped and counted. */
  maxFileSize: number;
}

/**
 * Commit header line: NUL, then NUL-separated sha, author name, email and strict ISO date.
 * The leading NUL tells it from diff lines; names and emails cannot hold NUL or newline.
 */
const COMMIT_FORMAT = '--format=%x00%H%x00%an%x00%ae%x00%aI';

/**
 * The added lines of every commit reachable from any ref (branches, tags, remotes, stash,
 * HEAD), one SourceFile per (commit, file) with the commit and a `lineMap` to the file's real
 * lines, streamed from one `git log -p` so histories of any size use bounded memory. A secret
 * added and deleted later is found in the commit that added it. Merge commits contribute no
 * lines (as in gitleaks): what they bring in was added by the commits merged; only lines
 * written while resolving a conflict are not seen.
 *
 * @example
 * await runScan({ ...options, source: gitHistorySource(root, { since: 'v1.2.0', maxFileSize }) });
 */
export function gitHistorySource(root: string, options: GitHistorySourceOptions): SourceProvider {
  return {
    target: 'git-history',
    files: async function* (stats) {
      await assertGitWorkTree(root);
      const log = [
        'log',
        '--all',
        '--root',
        '--no-show-signature',
        '--encoding=UTF-8',
        COMMIT_FORMAT,
      ];
      // `^REV` is a revision to exclude, never an option, whatever REV starts with.
      const revisions = options.since === undefined ? [] : [`^${options.since}`];
      yield* diffSourceFiles(
        root,
        log,
        revisions,
        { maxFileSize: options.maxFileSize, parseCommitHeader },
        stats,
      );
    },
  };
}

function parseCommitHeader(line: Buffer): CommitRef {
  const [, sha = '', author = '', email = '', date = ''] = line.toString('utf8').split('\0');
  return { sha, author, email, date };
}

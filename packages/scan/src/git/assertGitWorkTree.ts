import { statSync } from 'node:fs';
import { VigilError } from '@vigil/core';
import { firstErrorLine, gitOutput } from './runGit.js';

/**
 * Throws NOT_A_GIT_REPOSITORY unless `root` is inside a git work tree (a bare repository or the
 * `.git` directory itself has no index or work tree to scan or hook).
 */
export async function assertGitWorkTree(root: string): Promise<void> {
  // Checked first: git started in a missing directory fails like a missing git binary.
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new VigilError('PATH_NOT_FOUND', `path does not exist or is not a directory: ${root}`);
  }
  // English messages, so "not a git repository" can be told from other failures.
  const result = await gitOutput(root, ['rev-parse', '--is-inside-work-tree'], { LC_ALL: 'C' });
  if (result.code === 0 && result.stdout.trim() === 'true') return;
  if (result.code !== 0 && !/not a git repository/i.test(result.stderr)) {
    throw new VigilError('GIT_FAILED', `git rev-parse failed: ${firstErrorLine(result.stderr)}`);
  }
  throw new VigilError(
    'NOT_A_GIT_REPOSITORY',
    `${root} is not a git repository (needed for --git-history/--staged)`,
  );
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { emptyStats, type CommitRef, type ScanStats, type ScanWarning } from '@vigil/core';
import type { SourceProvider } from '../source.js';

/** Test helpers: temporary git repositories built in code, with fixed identities and dates. */

export const AUTHOR = { name: 'Dev Eloper', email: 'dev@example.org' };

/** A fresh empty directory. */
export function makeDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-git-'));
}

/** A fresh repository on branch `main`, with no commits. */
export function makeRepo(): string {
  const root = makeDir();
  git(root, ['init', '-q', '-b', 'main']);
  return root;
}

/**
 * Runs git in `cwd` with a fixed identity and date, ignoring the user's and the system's git
 * config, and fails loudly.
 */
export function git(cwd: string, args: readonly string[], date = '2026-01-02T03:04:05Z'): string {
  const result = spawnSync(
    'git',
    ['-c', `user.name=${AUTHOR.name}`, '-c', `user.email=${AUTHOR.email}`, ...args],
    {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Writes `files` (path → content; null deletes), stages everything and commits; returns the
 * new commit's sha.
 */
export function commit(
  root: string,
  files: Record<string, string | Buffer | null>,
  message: string,
  date?: string,
): string {
  writeFiles(root, files);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '--allow-empty', '-m', message], date);
  return git(root, ['rev-parse', 'HEAD']).trim();
}

/** Writes (or, for null, deletes) files under `root`. */
export function writeFiles(root: string, files: Record<string, string | Buffer | null>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    if (content === null) {
      rmSync(file);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export interface Fragment {
  path: string;
  text: string;
  lineMap: readonly number[] | undefined;
  commit: CommitRef | undefined;
}

/** Everything a source yields, as plain values, with its stats and warnings. */
export async function collect(
  source: SourceProvider,
): Promise<{ fragments: Fragment[]; stats: ScanStats; warnings: ScanWarning[] }> {
  const stats = emptyStats();
  const warnings: ScanWarning[] = [];
  const fragments: Fragment[] = [];
  for await (const file of source.files(stats, (warning) => warnings.push(warning))) {
    fragments.push({
      path: file.path,
      text: file.text,
      lineMap: file.lineMap,
      commit: file.commit,
    });
  }
  return { fragments, stats, warnings };
}

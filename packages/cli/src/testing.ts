import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/vigil.js', import.meta.url));
const noDatabase = join(tmpdir(), 'vigil-tests-no-database');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `vigil` executable, as a user would, with no TTY and no colours. */
export function runVigil(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): RunResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    // No test reads the user's vulnerability database: one that none of them wrote.
    env: { ...process.env, NO_COLOR: '1', VIGIL_DB_DIR: noDatabase, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory holding `files` (path → content). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** Runs git in `cwd` with a fixed identity and dates, failing loudly. */
export function git(cwd: string, args: readonly string[], date = '2026-01-02T03:04:05Z'): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=Dev Eloper', '-c', 'user.email=dev@example.org', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VigilError } from '@vigil/core';
import { assertGitWorkTree } from './assertGitWorkTree.js';
import { firstErrorLine, gitOutput } from './runGit.js';

/** The line that marks a hook as vigil's, so it may be replaced or removed without asking. */
const HOOK_MARKER = '# vigil pre-commit hook';

/**
 * POSIX sh, so it runs wherever git does. `exec` hands vigil's exit code to git: a finding
 * (exit 1) or an error (exit 2) blocks the commit.
 */
const HOOK_SCRIPT = `#!/bin/sh
${HOOK_MARKER}
# Installed by \`vigil hook install\`; remove with \`vigil hook uninstall\`.
# Blocks the commit when the staged changes hold findings (skip once: git commit --no-verify).
if command -v vigil >/dev/null 2>&1; then
  exec vigil scan --staged --quiet
fi
if command -v npx >/dev/null 2>&1; then
  exec npx --no-install vigil scan --staged --quiet
fi
echo 'vigil pre-commit hook: vigil not found; install it or run \`vigil hook uninstall\`' >&2
exit 2
`;

/**
 * Installs the pre-commit hook in the hooks directory git uses for `root` (`.git/hooks`, a
 * worktree's common dir, or `core.hooksPath`). A hook vigil did not write is kept unless
 * `force`; vigil's own is replaced.
 *
 * @example
 * const { path, replaced } = await installHook(process.cwd(), { force: false });
 */
export async function installHook(
  root: string,
  options: { force?: boolean } = {},
): Promise<{ path: string; replaced: boolean }> {
  const path = await hookPath(root);
  const existing = await readOptional(path);
  if (existing !== undefined && !isVigilHook(existing) && !options.force) {
    throw new VigilError(
      'HOOK_EXISTS',
      `${path} already exists and was not installed by vigil; use --force to replace it`,
    );
  }
  await mkdir(dirname(path), { recursive: true });
  // Written aside then renamed: a hook that is a symlink is replaced, never written through,
  // and git never runs a half-written hook.
  const temporary = `${path}.vigil-${process.pid}`;
  await writeFile(temporary, HOOK_SCRIPT, { mode: 0o755 });
  await chmod(temporary, 0o755); // `mode` above is narrowed by the umask
  await rename(temporary, path);
  return { path, replaced: existing !== undefined };
}

/** Removes the pre-commit hook if vigil installed it; returns its path, or undefined if none. */
export async function uninstallHook(root: string): Promise<string | undefined> {
  const path = await hookPath(root);
  const existing = await readOptional(path);
  if (existing === undefined || !isVigilHook(existing)) return undefined;
  await rm(path);
  return path;
}

async function hookPath(root: string): Promise<string> {
  await assertGitWorkTree(root);
  const result = await gitOutput(root, ['rev-parse', '--git-path', 'hooks']);
  if (result.code !== 0) {
    throw new VigilError('GIT_FAILED', `git rev-parse failed: ${firstErrorLine(result.stderr)}`);
  }
  // Relative to `root` unless core.hooksPath is absolute.
  return join(resolve(root, result.stdout.trim()), 'pre-commit');
}

function isVigilHook(script: string): boolean {
  return script.split('\n').some((line) => line.trim() === HOOK_MARKER);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

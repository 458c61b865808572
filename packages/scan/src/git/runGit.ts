import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { VigilError } from '@vigil/core';

/** Enough of stderr to report why git failed, however much it writes. */
const STDERR_KEPT_BYTES = 4096;

interface GitExit {
  code: number | null;
  spawnError?: NodeJS.ErrnoException;
}

/**
 * Streams the stdout of `git <args>` (run in `cwd`) as batches of lines, one batch per chunk
 * git wrote, without the `\n`. Memory stays bounded: the stream is read only as fast as the
 * consumer iterates, and a line longer than `maxLineBytes` is cut to its first `maxLineBytes`
 * bytes. Stopping the iteration early kills git. Throws GIT_FAILED when git is missing or exits
 * non-zero, after the output it wrote was consumed.
 */
export async function* gitLines(
  cwd: string,
  args: readonly string[],
  options: { maxLineBytes: number },
): AsyncGenerator<Buffer[]> {
  const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = keepHead(child.stderr);
  const exited = waitForExit(child);
  const splitter = new LineSplitter(options.maxLineBytes);
  let consumed = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const lines = splitter.push(chunk);
      if (lines.length > 0) yield lines;
    }
    const last = splitter.end();
    if (last) yield [last];
    consumed = true;
  } finally {
    if (!consumed) child.kill();
  }
  assertSucceeded(args, await exited, stderr());
}

/** Runs a short git command to completion and returns its exit code, stdout and stderr. */
export async function gitOutput(
  cwd: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('git', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env && { ...process.env, ...env },
  });
  const stderr = keepHead(child.stderr);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exit = await waitForExit(child);
  if (exit.spawnError) throw notInstalled(exit.spawnError);
  return { code: exit.code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr() };
}

/** The first line git wrote to stderr, without its `fatal: ` / `error: ` prefix. */
export function firstErrorLine(stderr: string): string {
  const line =
    stderr.split('\n').find((candidate) => candidate.trim() !== '') ?? 'no error message';
  return line.replace(/^(?:fatal|error): /, '').trim();
}

function assertSucceeded(args: readonly string[], exit: GitExit, stderr: string): void {
  if (exit.spawnError) throw notInstalled(exit.spawnError);
  if (exit.code === 0) return;
  throw new VigilError('GIT_FAILED', `git ${subcommand(args)} failed: ${firstErrorLine(stderr)}`);
}

/** `log` in `-c core.quotepath=off log --all …`. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-c') i++;
    else if (arg && !arg.startsWith('-')) return arg;
  }
  return '';
}

function notInstalled(cause: NodeJS.ErrnoException): VigilError {
  const reason =
    cause.code === 'ENOENT'
      ? 'git is not installed or not on PATH (needed for --git-history/--staged)'
      : `cannot run git: ${cause.message}`;
  return new VigilError('GIT_FAILED', reason, { cause });
}

/** Resolves (never rejects) once git exited or could not be started. */
function waitForExit(child: ChildProcess): Promise<GitExit> {
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ code: null, spawnError: error });
    });
    child.once('close', (code) => {
      resolve({ code });
    });
  });
}

/** Collects the first bytes of a stream; the returned function reads them as text. */
function keepHead(stream: Readable): () => string {
  const kept: Buffer[] = [];
  let length = 0;
  stream.on('data', (chunk: Buffer) => {
    if (length >= STDERR_KEPT_BYTES) return;
    kept.push(chunk);
    length += chunk.length;
  });
  return () => Buffer.concat(kept).toString('utf8');
}

/** Splits a byte stream into `\n`-terminated lines, keeping at most `maxLineBytes` of each. */
class LineSplitter {
  readonly #maxLineBytes: number;
  /** Pieces of a line that began in an earlier chunk. */
  #partial: Buffer[] = [];
  #partialLength = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      if (this.#partial.length === 0) {
        // The common case: the whole line is in this chunk; no copy.
        lines.push(chunk.subarray(start, Math.min(newline, start + this.#maxLineBytes)));
      } else {
        this.#append(chunk.subarray(start, newline));
        lines.push(this.#take());
      }
      start = newline + 1;
    }
    if (start < chunk.length) this.#append(chunk.subarray(start));
    return lines;
  }

  /** The last line when the stream did not end with `\n`. */
  end(): Buffer | undefined {
    return this.#partial.length > 0 ? this.#take() : undefined;
  }

  #append(piece: Buffer): void {
    const room = this.#maxLineBytes - this.#partialLength;
    if (room <= 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    this.#partial.push(kept);
    this.#partialLength += kept.length;
  }

  #take(): Buffer {
    const line =
      this.#partial.length === 1 && this.#partial[0]
        ? this.#partial[0]
        : Buffer.concat(this.#partial, this.#partialLength);
    this.#partial = [];
    this.#partialLength = 0;
    return line;
  }
}

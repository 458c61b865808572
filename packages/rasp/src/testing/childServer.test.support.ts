import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A server process started by a test, on a port it printed. */
export interface ChildServer {
  readonly base: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
}

/**
 * Spawns `node ...args` and resolves once its stdout shows `portPattern` (first group: the
 * port); rejects with the process's output if it exits first. The caller kills it.
 */
export async function startChildServer(
  args: readonly string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'>,
  portPattern: RegExp,
): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = portPattern.exec(stdout);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => {
      reject(new Error(`${args.join(' ')} exited with ${String(code)}: ${stdout}${stderr}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, child, stderr: () => stderr };
}

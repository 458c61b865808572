// Shared by the benchmark scripts: run a command under GNU time and read what it cost.
import { spawnSync } from 'node:child_process';

export function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Runs a command under GNU time; returns wall seconds, CPU seconds (user + system: what a
 * single-threaded tool costs even on a busy machine), peak RSS (MB) and stdout.
 */
export function measure(command, args, options = {}) {
  const timed = has('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = spawnSync(
    timed ? '/usr/bin/time' : command,
    timed ? ['-f', 'vigil-bench %M %U %S', command, ...args] : args,
    { encoding: 'utf8', maxBuffer: 1 << 30, ...options },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const line = result.stderr.split('\n').findLast((text) => text.startsWith('vigil-bench '));
  const [rssKb, user, system] = line ? line.split(' ').slice(1).map(Number) : [];
  return {
    seconds,
    cpuSeconds: user === undefined ? undefined : user + system,
    rssMb: rssKb === undefined ? undefined : rssKb / 1024,
    stdout: result.stdout,
    status: result.status,
    stderr: result.stderr,
  };
}

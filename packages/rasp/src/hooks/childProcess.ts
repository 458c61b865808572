/**
 * `child_process` sinks: the command line a shell will parse. `exec`/`execSync` always run
 * `/bin/sh -c command`; `spawn`, `spawnSync`, `execFile` and `execFileSync` do so only with the
 * `shell` option, and then the shell sees the file and arguments joined by spaces (what Node
 * itself does). Without a shell, arguments reach the program as they are: no shell injection.
 */

import { detectShellInjection } from '../shell/detectShellInjection.js';
import type { SinkCheck } from '../agent/inspectSink.js';
import { callGuarded } from './callGuarded.js';
import { wrapMethod } from './wrapMethod.js';

const SHELL_ALWAYS = ['exec', 'execSync'];
const SHELL_OPTIONAL = ['spawn', 'spawnSync', 'execFile', 'execFileSync'];

export function hookChildProcess(): void {
  const childProcess = process.getBuiltinModule('node:child_process');
  for (const name of SHELL_ALWAYS) {
    wrapMethod(
      childProcess,
      name,
      (original) =>
        function guardedExec(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () => shellCheck(name, args[0]));
        },
    );
  }
  for (const name of SHELL_OPTIONAL) {
    wrapMethod(
      childProcess,
      name,
      (original) =>
        function guardedSpawn(this: unknown, ...args: unknown[]): unknown {
          return callGuarded(original, this, args, () => {
            const [file, second, third] = args;
            const argv = Array.isArray(second) ? (second as unknown[]) : [];
            const options = Array.isArray(second) ? third : second;
            if (!usesShell(options) || typeof file !== 'string') return undefined;
            return shellCheck(name, [file, ...argv.map(String)].join(' '));
          });
        },
    );
  }
}

function usesShell(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const { shell } = options as { shell?: unknown };
  return shell === true || (typeof shell === 'string' && shell !== '');
}

function shellCheck(name: string, command: unknown): SinkCheck | undefined {
  if (typeof command !== 'string') return undefined;
  return {
    kind: 'shell_injection',
    sink: `child_process.${name}`,
    detect: (input) => {
      const verdict = detectShellInjection(command, input);
      return verdict.attack ? verdict.reason : undefined;
    },
  };
}

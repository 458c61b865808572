import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '@vigil/core';

const LOCK_FILE = 'lock';

/**
 * Takes the database's writer lock (one `vigil db update|import` at a time) and returns its
 * release. A lock left by a process that no longer runs is taken over.
 */
export function lockDatabase(directory: string): () => void {
  const path = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSafely(path));
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new VigilError(
          'DB_LOCKED',
          `the vulnerability database ${directory} is being updated by process ${String(holder)}; try again when it ends`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new VigilError('DB_LOCKED', `cannot lock the vulnerability database ${directory}`);
}

function readFileSafely(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

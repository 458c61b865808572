import { resolve } from 'node:path';
import type { ScannerContext } from '@vigil/core';
import { defaultDbDirectory } from './defaultDbDirectory.js';
import { OsvDatabase } from './OsvDatabase.js';

/**
 * The vulnerability database a scan reads (`deps.database`, else the default directory), or
 * `undefined` after one warning saying how many packages went unchecked and how to get one.
 */
export function openScanDatabase(
  context: ScannerContext,
  unchecked: number,
  packagesNoun = 'packages',
): OsvDatabase | undefined {
  const directory = context.config.deps.database
    ? resolve(context.root, context.config.deps.database)
    : defaultDbDirectory();
  const opened = OsvDatabase.open(directory);
  if (opened.ok) return opened.database;
  context.warn({
    code: opened.missing ? 'DB_MISSING' : 'DB_UNREADABLE',
    message: `${opened.missing ? `no vulnerability database in ${directory}` : opened.problem}: ${String(unchecked)} ${packagesNoun} were listed but not checked; run \`vigil db update\` (or \`vigil db import PATH\` offline)`,
  });
  return undefined;
}

import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ReadTreeFile } from './readInventory.js';

/**
 * Reads files of the scanned tree for the inventory: those the walker already read from
 * `known`, others (a `-r` include, a parent POM) from disk, never outside `root`.
 */
export function treeFileReader(root: string, known: ReadonlyMap<string, string>): ReadTreeFile {
  return (path) => {
    const text = known.get(path);
    if (text !== undefined) return text;
    const absolute = resolve(root, path);
    const inside = relative(root, absolute);
    if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
    try {
      return readFileSync(absolute, 'utf8');
    } catch {
      return undefined;
    }
  };
}

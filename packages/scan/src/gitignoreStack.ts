import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Read in every directory, with gitignore syntax; `.vigilignore` is applied after `.gitignore`. */
const IGNORE_FILES = ['.gitignore', '.vigilignore'] as const;

interface Layer {
  /** Directory the patterns are relative to ('' for the root), with a trailing `/`. */
  base: string;
  rules: Ignore;
}

/**
 * gitignore semantics across nested directories: each directory's `.gitignore` applies to
 * paths below it, and deeper files can re-include what shallower ones exclude.
 */
export class GitignoreStack {
  readonly #layers: Layer[];

  private constructor(layers: Layer[]) {
    this.#layers = layers;
  }

  /** Root layer from `.gitignore`, `.vigilignore` and extra patterns (config `exclude`). */
  static forRoot(root: string, extraPatterns: readonly string[]): GitignoreStack {
    const rules = ignore();
    for (const name of IGNORE_FILES) {
      const text = readOptional(join(root, name));
      if (text !== undefined) rules.add(text);
    }
    rules.add([...extraPatterns]);
    return new GitignoreStack([{ base: '', rules }]);
  }

  /** The stack for a subdirectory (`dir` relative to the root, no trailing slash). */
  enter(absoluteDir: string, dir: string): GitignoreStack {
    const texts = IGNORE_FILES.map((name) => readOptional(join(absoluteDir, name))).filter(
      (text) => text !== undefined,
    );
    if (texts.length === 0) return this;
    return new GitignoreStack([
      ...this.#layers,
      { base: `${dir}/`, rules: ignore().add(texts.join('\n')) },
    ]);
  }

  /**
   * Whether a path relative to the root (directories with a trailing `/`) is ignored. The walk
   * only reaches a path through directories it entered, so a layer that ignores the path's
   * parent has been overruled by a deeper layer (`!dir/`) and has no say on the path itself.
   */
  ignores(path: string): boolean {
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    const parent = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
    let ignored = false;
    for (const layer of this.#layers) {
      if (!path.startsWith(layer.base)) continue;
      const parentInLayer = parent.slice(layer.base.length);
      if (parentInLayer && layer.rules.ignores(parentInLayer)) continue;
      const result = layer.rules.test(path.slice(layer.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** Ignore files larger than this are not read (a real one is a few kilobytes). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * Reads an ignore file only if it is a regular file of sane size: never through a symlink
 * (which could point outside the root), a FIFO (which would block the walk) or a device.
 */
function readOptional(file: string): string | undefined {
  try {
    const stats = lstatSync(file);
    if (!stats.isFile() || stats.size > MAX_IGNORE_FILE_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

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
    for (const name of ['.gitignore', '.vigilignore']) {
      const text = readOptional(join(root, name));
      if (text !== undefined) rules.add(text);
    }
    rules.add([...extraPatterns]);
    return new GitignoreStack([{ base: '', rules }]);
  }

  /** The stack for a subdirectory (`dir` relative to the root, no trailing slash). */
  enter(absoluteDir: string, dir: string): GitignoreStack {
    const text = readOptional(join(absoluteDir, '.gitignore'));
    if (text === undefined) return this;
    return new GitignoreStack([...this.#layers, { base: `${dir}/`, rules: ignore().add(text) }]);
  }

  /** Whether a path relative to the root (directories with a trailing `/`) is ignored. */
  ignores(path: string): boolean {
    let ignored = false;
    for (const layer of this.#layers) {
      if (!path.startsWith(layer.base)) continue;
      const result = layer.rules.test(path.slice(layer.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

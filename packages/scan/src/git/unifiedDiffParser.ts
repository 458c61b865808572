import { unquoteGitPath } from './unquoteGitPath.js';

/** What one file section of a diff adds. */
export type DiffFile =
  /** The added lines joined with `\n`; `lineMap[i]` is the new-file line of line `i + 1`. */
  | { kind: 'added'; path: string; bytes: Buffer; lineMap: number[] }
  | { kind: 'binary' }
  | { kind: 'too-large'; path: string };

export interface UnifiedDiffParserOptions {
  /** A file whose added lines (joined) exceed this many bytes is reported as `too-large`. */
  maxFragmentBytes: number;
}

type State = 'between-files' | 'file-header' | 'hunk' | 'between-hunks';

const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * A streaming parser of git's unified diff output (`git diff` / `git log -p`, with the
 * `a/` and `b/` prefixes): push it one line at a time (without `\n`) and it returns each
 * file's added lines once the file's section ends; call `end()` after the last line. Pure: no
 * I/O, memory bounded by `maxFragmentBytes`.
 *
 * Hunk bodies are consumed by the line counts of their `@@ -a,b +c,d @@` header, so added
 * content that looks like a header (`+++ x`, `diff --git`) is never taken for one, and a line
 * the caller interleaves between files (a commit header) ends the previous hunk cleanly.
 */
export class UnifiedDiffParser {
  #state: State = 'between-files';
  #path: string | undefined;
  #sawOldName = false;
  #deleted = false;
  #binary = false;
  #oldRemaining = 0;
  #newRemaining = 0;
  #nextNewLine = 0;
  readonly #fragment: FragmentBuilder;

  constructor(options: UnifiedDiffParserOptions) {
    this.#fragment = new FragmentBuilder(options.maxFragmentBytes);
  }

  push(line: Buffer): DiffFile | undefined {
    if (this.#state === 'hunk') {
      if (this.#hunkLine(line)) return undefined;
      this.#state = 'between-hunks';
    }
    const first = line[0];
    if (first === 0x64 /* d */ && line.toString('latin1', 0, 11) === 'diff --git ') {
      const finished = this.end();
      this.#startFile();
      return finished;
    }
    if (this.#state === 'between-files') return undefined;
    if (first === 0x40 /* @ */) {
      this.#startHunk(line.toString('latin1', 0, 100));
    } else if (this.#state === 'file-header') {
      this.#headerLine(line.toString('latin1'));
    }
    return undefined;
  }

  /** Ends the current file section (at the end of the input, or of a commit's diff). */
  end(): DiffFile | undefined {
    if (this.#state === 'between-files') return undefined;
    this.#state = 'between-files';
    const fragment = this.#fragment.take();
    if (this.#binary) return { kind: 'binary' };
    if (this.#path === undefined || fragment === undefined) return undefined;
    if (fragment === 'too-large') return { kind: 'too-large', path: this.#path };
    return { kind: 'added', path: this.#path, ...fragment };
  }

  #startFile(): void {
    this.#state = 'file-header';
    this.#path = undefined;
    this.#sawOldName = false;
    this.#deleted = false;
    this.#binary = false;
  }

  #headerLine(text: string): void {
    if (text.startsWith('deleted file mode ')) {
      this.#deleted = true;
    } else if (text.startsWith('rename to ')) {
      this.#path = unquoteGitPath(text.slice('rename to '.length));
    } else if (text.startsWith('copy to ')) {
      this.#path = unquoteGitPath(text.slice('copy to '.length));
    } else if (text.startsWith('--- ')) {
      this.#sawOldName = true;
    } else if (text.startsWith('+++ ') && this.#sawOldName) {
      const name = text.slice('+++ '.length);
      if (name === '/dev/null') {
        this.#deleted = true;
      } else {
        const path = unquoteGitPath(name);
        this.#path = path.startsWith('b/') ? path.slice(2) : path;
      }
    } else if (text.startsWith('Binary files ')) {
      this.#binary = !this.#deleted && !text.endsWith(' and /dev/null differ');
    }
  }

  #startHunk(text: string): void {
    const match = HUNK_HEADER.exec(text);
    if (!match) return;
    this.#oldRemaining = match[1] === undefined ? 1 : Number(match[1]);
    this.#nextNewLine = Number(match[2]);
    this.#newRemaining = match[3] === undefined ? 1 : Number(match[3]);
    this.#state = this.#oldRemaining + this.#newRemaining > 0 ? 'hunk' : 'between-hunks';
  }

  /** Consumes a hunk body line; false when the line is not one (a malformed or cut diff). */
  #hunkLine(line: Buffer): boolean {
    const first = line[0];
    if (first === PLUS && this.#newRemaining > 0) {
      this.#fragment.add(line.subarray(1), this.#nextNewLine);
      this.#nextNewLine++;
      this.#newRemaining--;
    } else if (first === MINUS && this.#oldRemaining > 0) {
      this.#oldRemaining--;
    } else if (
      (first === SPACE || line.length === 0) &&
      this.#oldRemaining > 0 &&
      this.#newRemaining > 0
    ) {
      // A context line (an empty one under `diff.suppressBlankEmpty`); none with `-U0`.
      this.#nextNewLine++;
      this.#oldRemaining--;
      this.#newRemaining--;
    } else if (first !== BACKSLASH) {
      // Anything but `\ No newline at end of file`.
      return false;
    }
    if (this.#oldRemaining === 0 && this.#newRemaining === 0) this.#state = 'between-hunks';
    return true;
  }
}

/** Initial size of the reused buffer the added lines of a file are gathered in. */
const INITIAL_CAPACITY = 64 * 1024;
/** Past this size the buffer is dropped after use rather than kept for the next file. */
const KEPT_CAPACITY = 1024 * 1024;

/** Gathers added lines in one reused, growing buffer; each file's bytes are copied out once. */
class FragmentBuilder {
  readonly #maxBytes: number;
  #buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
  #length = 0;
  #lineMap: number[] = [];
  #tooLarge = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  add(content: Buffer, line: number): void {
    if (this.#tooLarge) return;
    const separator = this.#lineMap.length > 0 ? 1 : 0;
    const length = this.#length + separator + content.length;
    if (length > this.#maxBytes) {
      this.#tooLarge = true;
      return;
    }
    if (length > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, this.#buffer.length * 2));
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.#buffer = grown;
    }
    if (separator) this.#buffer[this.#length] = 0x0a;
    content.copy(this.#buffer, this.#length + separator);
    this.#length = length;
    this.#lineMap.push(line);
  }

  /** The gathered lines (undefined when none), and a fresh start for the next file. */
  take(): { bytes: Buffer; lineMap: number[] } | 'too-large' | undefined {
    const result = this.#tooLarge
      ? ('too-large' as const)
      : this.#lineMap.length === 0
        ? undefined
        : { bytes: Buffer.from(this.#buffer.subarray(0, this.#length)), lineMap: this.#lineMap };
    if (this.#buffer.length > KEPT_CAPACITY) this.#buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
    this.#length = 0;
    this.#lineMap = [];
    this.#tooLarge = false;
    return result;
  }
}

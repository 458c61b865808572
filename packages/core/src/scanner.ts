import type { CommitRef, Finding, RuleDescriptor } from './finding.js';
import type { VigilConfig } from './config/schema.js';

/** One file's content, read once by the walker and handed to every content scanner. */
export interface SourceFile {
  /** Path relative to the scan root, with `/` separators. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** UTF-8 text (invalid sequences replaced), decoded on first use and cached. */
  readonly text: string;
  /** Set for added lines taken from git history. */
  readonly commit?: CommitRef;
  /**
   * For a fragment of a file (the added lines of a diff): `lineMap[i]` is the line in the real
   * file of the fragment's line `i + 1`. Absent when the text is the whole file.
   */
  readonly lineMap?: readonly number[];
}

/** Something the user should know that did not stop the scan. */
export interface ScanWarning {
  code: string;
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

export interface ScannerContext {
  /** Absolute path of the scan root. */
  root: string;
  config: VigilConfig;
  warn(warning: ScanWarning): void;
}

/** A scanner's per-scan instance. `scanFile` must be pure: content in, findings out. */
export interface ContentScanner {
  /** Cheap path filter; files it rejects are never passed to `scanFile`. */
  accepts?(path: string): boolean;
  scanFile(file: SourceFile): Finding[];
  /** Project-level analysis after every file was seen (cross-file, lockfile graphs, …). */
  finish?(): Promise<Finding[]>;
}

/** What a scanner package exports so the pipeline and the CLI can use it. */
export interface ScannerPlugin {
  /** Selectable with `--scanners`, e.g. `secrets`. */
  readonly id: string;
  readonly title: string;
  /** Whether added lines from git history and the index make sense to this scanner. */
  readonly scansHistory: boolean;
  rules(config: VigilConfig): RuleDescriptor[];
  create(context: ScannerContext): ContentScanner;
  /**
   * Where a worker thread can import this plugin from (a module URL and its export name).
   * Set it only for scanners whose `scanFile` needs no state across files and that have no
   * `finish`: the pipeline then spreads their work over worker threads on large scans.
   */
  readonly workerEntry?: { module: string; exportName: string };
}

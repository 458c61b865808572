import type { RuleDescriptor } from './finding.js';
import type { EvaluatedFinding } from './policy/applyPolicy.js';
import type { ScanWarning } from './scanner.js';
import type { Severity } from './severity.js';

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  skippedBinary: number;
  skippedTooLarge: number;
  skippedUnreadable: number;
  skippedSymlinks: number;
  /** Commits read, for git history and staged scans. */
  commitsScanned: number;
}

/** Everything a reporter needs: what was scanned, what was found, and the verdict. */
export interface ScanReport {
  tool: { name: 'vigil'; version: string };
  /** Absolute path of the scanned root. */
  root: string;
  target: 'directory' | 'git-history' | 'staged';
  startedAt: string;
  durationMs: number;
  scanners: string[];
  rules: RuleDescriptor[];
  results: EvaluatedFinding[];
  stats: ScanStats;
  warnings: ScanWarning[];
  policy: { failOn: Severity | 'none'; failed: boolean; notices: string[] };
}

export function emptyStats(): ScanStats {
  return {
    filesScanned: 0,
    bytesScanned: 0,
    skippedBinary: 0,
    skippedTooLarge: 0,
    skippedUnreadable: 0,
    skippedSymlinks: 0,
    commitsScanned: 0,
  };
}
